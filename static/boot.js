// entente's boot script: a classic script that runs before the app.
//
// 1. It records every Content-Security-Policy violation on the page (the browser tests read
//    `data-csp-violations` on <html> and `window.__ententeCspViolations`).
// 2. It shows a visible message when the app fails to start (the wasm or its glue did not load or
//    compile), so the user never faces a page stuck on "Loading". Once the wasm runs it marks
//    the html element with data-entente-started, and from then on a failure is the panic banner's business.
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
})();
