// entente's boot script: a classic script that runs before the app.
//
// 1. It records every Content-Security-Policy violation on the page (the browser tests read
//    `data-csp-violations` on <html> and `window.__ententeCspViolations`).
// 2. It shows a visible message when the app fails to start (the wasm or its glue did not load or
//    compile), so the user never faces a page stuck on "Loading". Once the wasm runs it marks
//    the html element with data-entente-started, and from then on a failure is the panic banner's business.
// 3. It runs the panic banner's "Copy bug report" button (src/services/panic.rs builds the
//    banner): after a panic the wasm has aborted and must not be called again, so the copying is
//    done here. When the clipboard is missing or refuses, the report is shown selected in a
//    read-only field to copy by hand, never silently lost.
(function () {
  'use strict';
  var root = document.documentElement;
  var violations = [];
  window.__ententeCspViolations = violations;
  document.addEventListener('securitypolicyviolation', function (event) {
    violations.push(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
    root.setAttribute('data-csp-violations', String(violations.length));
  });

  function fail(detail) {
    if (root.hasAttribute('data-entente-started') || document.getElementById('entente-panic')) {
      return;
    }
    var box = document.getElementById('entente-load-error');
    if (!box || !box.hidden) {
      return;
    }
    var title = document.createElement('strong');
    title.textContent = 'entente could not start.';
    var text = document.createElement('p');
    text.textContent = 'Your browser could not load the app (' + detail + '). ' +
      'entente needs a browser with WebAssembly; try reloading the page.';
    box.appendChild(title);
    box.appendChild(text);
    box.hidden = false;
    root.setAttribute('data-entente-load-error', '');
  }
  window.__ententeLoadFailed = fail;

  // Capture phase: a script or link element that fails to load fires a non-bubbling error event.
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      fail('could not load ' + (target.src || target.href));
    } else {
      fail(event.message || 'unknown error');
    }
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    fail(String(event.reason));
  });

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest('[data-entente-copy-report]')) {
      return;
    }
    var field = document.getElementById('entente-panic-report');
    var status = document.getElementById('entente-panic-status');
    if (!field) {
      return;
    }
    function showField() {
      field.parentNode.hidden = false;
      field.focus();
      field.select();
      status.textContent = '';
    }
    function copied() {
      status.textContent = 'Bug report copied';
    }
    try {
      var clipboard = navigator.clipboard;
      if (!clipboard || typeof clipboard.writeText !== 'function') {
        showField();
        return;
      }
      Promise.resolve(clipboard.writeText(field.value)).then(copied, showField);
    } catch (error) {
      showField();
    }
  });
})();
