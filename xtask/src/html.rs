//! Post-processing of Trunk's `index.html`: the Content-Security-Policy meta element (with the
//! hashes of the inline scripts and styles it must allow), fresh `integrity` digests after
//! wasm-opt rewrote the wasm, and the assembly of the self-contained single file.
//!
//! The HTML is Trunk's output from our own `index.html`, so a small tag scanner is enough: it finds
//! elements by name and reads their attributes, and every step fails loudly when the page does not
//! have the shape it expects rather than writing a page that would not start.

use anyhow::{anyhow, bail, Context, Result};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use entente_core::inline_text;
use sha2::{Digest, Sha256, Sha384, Sha512};

/// The policy directives shared by the site and the single file. Each is there for a reason:
/// nothing is allowed unless listed (`default-src 'none'`), the page may only talk to its own
/// origin, images are the page's own or inline `data:` (the favicon), and the page cannot be
/// re-based or submit forms elsewhere.
const COMMON_DIRECTIVES: &str =
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/// The import worker's wasm-bindgen glue and wasm, as Trunk names them (a worker's files are not
/// hashed: the page names them at run time).
pub const WORKER_GLUE: &str = "./import_worker.js";
/// See [`WORKER_GLUE`].
pub const WORKER_WASM: &str = "./import_worker_bg.wasm";
/// The site's start script for the worker (`static/import-worker.js`, copied by Trunk).
pub const WORKER_START: &str = "./import-worker.js";

/// The JavaScript reader of `entente_core::inline_text` (the text of the wasm data blocks) and of
/// gzip (the browser's `DecompressionStream`): `__ententeInflate(text)` resolves with the bytes.
/// It trusts its input, which the same build wrote: the gzip trailer's checksum and the wasm
/// compiler check the result.
const INFLATE_JS: &str = "function __ententeInflate(text) {
  const out = new Uint8Array(text.length * 2);
  let acc = 0, bits = 0, n = 0;
  const put = (group) => {
    acc = ((acc << 7) | group) & 0x7fff;
    bits += 7;
    if (bits >= 8) { bits -= 8; out[n++] = (acc >> bits) & 255; }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) { put(c); continue; }
    const k = (c - 256) >> 7;
    put([0, 13, 60][k % 3]);
    if (k < 3) put((c - 256) & 127);
  }
  // A stream of its own, not Blob.stream(): WebKit's blob: worker of a file:// page cannot read
  // blobs (NotReadableError).
  const gzip = new ReadableStream({ start(c) { c.enqueue(out.subarray(0, n)); c.close(); } });
  return new Response(gzip.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}
";

/// The single file's start code for the worker, appended to the glue in `#entente-worker`: the
/// page starts the worker from a `blob:` URL of that text and posts the text of the wasm block
/// as the first message, read and inflated here off the main thread. A failure is reported as
/// the site's start script reports it.
const SINGLE_FILE_WORKER_START: &str = "self.onmessage = (event) => {
  self.onmessage = null;
  wasm_bindgen({ module_or_path: __ententeInflate(event.data.wasm) }).catch((error) => {
    self.postMessage({ type: 'failed', message: 'the import worker could not start: ' + String(error) });
  });
};
";

/// Gzips a wasm binary for inlining: a single file is not compressed in transit, and every
/// engine the app supports inflates gzip natively (`DecompressionStream`), so the file carries
/// the wasm at its gzipped size and no decompressor ships in it.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// An element's attributes: names lowercased, values unescaped (`None` for a bare attribute).
pub type Attributes = Vec<(String, Option<String>)>;

/// An element found in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Byte range of the whole element, from `<` to the end of its closing tag (or of the start
    /// tag for a void element).
    pub outer: std::ops::Range<usize>,
    /// Byte range of the content between the tags (empty for a void element).
    pub inner: std::ops::Range<usize>,
    /// The attributes, in order.
    pub attrs: Attributes,
}

impl Element {
    /// The value of attribute `name`, if present with a value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }
    /// Whether attribute `name` is present.
    pub fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n == name)
    }
}

/// Finds every `<name …>` element. For a non-void element, its content runs to the next
/// `</name` (which is exact for `script` and `style`, whose content cannot nest).
pub fn find_elements(html: &str, name: &str, void: bool) -> Vec<Element> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&open).map(|i| i + from) {
        let after = lower
            .as_bytes()
            .get(i + open.len())
            .copied()
            .unwrap_or(b'>');
        if !(after.is_ascii_whitespace() || after == b'>' || after == b'/') {
            from = i + open.len();
            continue;
        }
        let Some((attrs, tag_end)) = parse_attributes(html, i + open.len()) else {
            break;
        };
        if void {
            found.push(Element {
                outer: i..tag_end,
                inner: tag_end..tag_end,
                attrs,
            });
            from = tag_end;
            continue;
        }
        let Some(c) = lower[tag_end..].find(&close).map(|c| c + tag_end) else {
            break;
        };
        let end = lower[c..].find('>').map_or(html.len(), |e| c + e + 1);
        found.push(Element {
            outer: i..end,
            inner: tag_end..c,
            attrs,
        });
        from = end;
    }
    found
}

/// Parses attributes from `start` (just after the tag name) to the closing `>`; returns them and
/// the offset after `>`.
fn parse_attributes(html: &str, start: usize) -> Option<(Attributes, usize)> {
    let b = html.as_bytes();
    let mut i = start;
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some((attrs, i + 1));
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let value_start = i + 1;
                let end = html[value_start..].find(quote as char)? + value_start;
                i = end + 1;
                &html[value_start..end]
            } else {
                let value_start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                &html[value_start..i]
            };
            attrs.push((name, Some(unescape_attr(value))));
        } else {
            attrs.push((name, None));
        }
    }
}

fn unescape_attr(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether a `<script>` runs as code: no `type`, a JavaScript MIME type, or `module`. Data
/// blocks (`application/octet-stream`, `application/json`) need no CSP allowance.
pub fn is_executable_script(script: &Element) -> bool {
    match script.attr("type").map(|t| t.trim().to_ascii_lowercase()) {
        None => true,
        Some(t) => {
            t.is_empty() || t == "module" || t == "text/javascript" || t == "application/javascript"
        }
    }
}

/// The CSP source expression for inline content: `'sha256-…'`.
pub fn sha256_source(content: &str) -> String {
    format!(
        "'sha256-{}'",
        BASE64.encode(Sha256::digest(content.as_bytes()))
    )
}

/// The hash sources of the inline executable scripts and of the inline styles.
pub fn inline_hashes(html: &str) -> (Vec<String>, Vec<String>) {
    let scripts = find_elements(html, "script", false)
        .into_iter()
        .filter(|s| !s.has_attr("src") && is_executable_script(s))
        .map(|s| sha256_source(&html[s.inner.clone()]))
        .collect();
    let styles = find_elements(html, "style", false)
        .into_iter()
        .map(|s| sha256_source(&html[s.inner.clone()]))
        .collect();
    (scripts, styles)
}

/// The policy for the hosted site: scripts from the site itself plus, by hash, Trunk's inline
/// module loader; WebAssembly compilation (`'wasm-unsafe-eval'`) but never `eval`.
pub fn site_policy(html: &str) -> String {
    let (scripts, styles) = inline_hashes(html);
    let mut script_src = vec!["'self'".to_string()];
    script_src.extend(scripts);
    script_src.push("'wasm-unsafe-eval'".into());
    let mut style_src = vec!["'self'".to_string()];
    style_src.extend(styles);
    format!(
        "default-src 'none'; script-src {}; style-src {}; {COMMON_DIRECTIVES}",
        script_src.join(" "),
        style_src.join(" ")
    )
}

/// The policy for the single file: every script and style is inline, each allowed by its hash.
/// The import worker starts from a `blob:` URL of its inlined code (a page opened from `file://`
/// has no same-origin script to start it from), so `worker-src` allows `blob:` and nothing else;
/// the worker inherits this policy, so inside it nothing else is allowed either.
pub fn single_file_policy(html: &str) -> String {
    let (mut scripts, styles) = inline_hashes(html);
    scripts.push("'wasm-unsafe-eval'".into());
    let style_src = if styles.is_empty() {
        "'none'".to_string()
    } else {
        styles.join(" ")
    };
    format!(
        "default-src 'none'; script-src {}; style-src {style_src}; worker-src blob:; {COMMON_DIRECTIVES}",
        scripts.join(" ")
    )
}

/// Puts the policy in a `<meta http-equiv="Content-Security-Policy">` right after the charset
/// declaration (it only governs what follows it), replacing any policy already there.
///
/// # Errors
/// When the page has no `<head>`.
pub fn set_csp(html: &str, policy: &str) -> Result<String> {
    let mut html = html.to_string();
    for meta in find_elements(&html, "meta", true).into_iter().rev() {
        if meta
            .attr("http-equiv")
            .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
        {
            html.replace_range(meta.outer.clone(), "");
        }
    }
    let at = find_elements(&html, "meta", true)
        .into_iter()
        .find(|m| m.has_attr("charset"))
        .or_else(|| find_elements(&html, "head", true).into_iter().next())
        .map(|e| e.outer.end)
        .ok_or_else(|| anyhow!("the page has no <head>"))?;
    let meta = format!(
        "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        policy.replace('&', "&amp;").replace('"', "&quot;")
    );
    html.insert_str(at, &meta);
    Ok(html)
}

/// Recomputes every `integrity` attribute that names a local file (wasm-opt rewrote the wasm
/// after Trunk computed its digest; a stale digest makes the browser refuse the preload).
///
/// # Errors
/// When a referenced file cannot be read.
pub fn refresh_integrity(html: &str, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<String> {
    let mut out = html.to_string();
    let mut elements: Vec<Element> = find_elements(html, "link", true);
    elements.extend(find_elements(html, "script", false));
    elements.sort_by_key(|e| std::cmp::Reverse(e.outer.start));
    for element in elements {
        let (Some(integrity), Some(url)) = (
            element.attr("integrity"),
            element.attr("href").or(element.attr("src")),
        ) else {
            continue;
        };
        if url.contains("://") || url.starts_with("data:") {
            continue;
        }
        let bytes = read(url)?;
        let fresh = match integrity.split('-').next() {
            Some("sha256") => format!("sha256-{}", BASE64.encode(Sha256::digest(&bytes))),
            Some("sha512") => format!("sha512-{}", BASE64.encode(Sha512::digest(&bytes))),
            _ => format!("sha384-{}", BASE64.encode(Sha384::digest(&bytes))),
        };
        let tag = &html[element.outer.start..element.inner.start];
        let new_tag = tag.replace(integrity, &fresh);
        out.replace_range(element.outer.start..element.inner.start, &new_tag);
    }
    Ok(out)
}

/// Turns wasm-bindgen's ES-module glue (`--target web`) into plain module-script code that can be
/// inlined: `export` keywords dropped, export lists removed. Fails on an `import` (JS snippets
/// would need files of their own).
///
/// # Errors
/// When the glue imports other modules or keeps an export this function does not understand.
pub fn strip_module_exports(glue: &str) -> Result<String> {
    let mut out = String::with_capacity(glue.len());
    for line in glue.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("import ") && (trimmed.contains(" from ") || trimmed.contains('\''))
        {
            bail!("the wasm-bindgen glue imports another module ({trimmed}); the single file cannot inline it");
        }
        if trimmed.starts_with("export {") || trimmed.starts_with("export default ") {
            continue;
        }
        let line = [
            "export function ",
            "export async function ",
            "export class ",
            "export const ",
            "export let ",
        ]
        .iter()
        .find_map(|p| {
            line.strip_prefix(p)
                .map(|rest| format!("{}{rest}", &p["export ".len()..]))
        })
        .unwrap_or_else(|| line.to_string());
        if line.trim_start().starts_with("export ") {
            bail!("unexpected export in the wasm-bindgen glue: {line}");
        }
        out.push_str(&line);
        out.push('\n');
    }
    if !out.contains("function __wbg_init") {
        bail!("the wasm-bindgen glue has no __wbg_init function");
    }
    Ok(out)
}

fn check_inlinable(what: &str, code: &str, tag: &str) -> Result<()> {
    if code.to_ascii_lowercase().contains(&format!("</{tag}")) {
        bail!("{what} contains </{tag} and cannot be inlined");
    }
    Ok(())
}

/// Assembles the single file from Trunk's page: stylesheets and classic scripts inlined, the
/// preload hints dropped, and Trunk's module loader replaced by the inlined glue, which
/// instantiates the wasm from a data block (`#entente-wasm`: the gzipped wasm as
/// `entente_core::inline_text`; the worker's wasm likewise in `#entente-worker-wasm`). The result still needs its
/// policy ([`single_file_policy`], [`set_csp`]).
///
/// # Errors
/// When the page lacks Trunk's loader or a referenced file cannot be read.
pub fn single_file(html: &str, read: &dyn Fn(&str) -> Result<Vec<u8>>) -> Result<String> {
    let read_text = |url: &str| -> Result<String> {
        String::from_utf8(read(url)?).with_context(|| format!("{url} is not UTF-8"))
    };
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for link in find_elements(html, "link", true) {
        let rel = link.attr("rel").unwrap_or("").to_ascii_lowercase();
        match rel.as_str() {
            "stylesheet" => {
                let href = link
                    .attr("href")
                    .ok_or_else(|| anyhow!("stylesheet without href"))?;
                let css = read_text(href)?;
                check_inlinable(href, &css, "style")?;
                edits.push((link.outer.clone(), format!("<style>{css}</style>")));
            }
            "modulepreload" | "preload" => edits.push((link.outer.clone(), String::new())),
            _ => {}
        }
    }
    let (loader, glue_url, wasm_url) = trunk_loader(html)?;
    for script in find_elements(html, "script", false) {
        let Some(src) = script.attr("src") else {
            continue;
        };
        let code = read_text(src)?;
        check_inlinable(src, &code, "script")?;
        let module = if script.attr("type") == Some("module") {
            " type=\"module\""
        } else {
            ""
        };
        edits.push((
            script.outer.clone(),
            format!("<script{module}>{code}</script>"),
        ));
    }
    let glue = strip_module_exports(&read_text(&glue_url)?)?;
    check_inlinable(&glue_url, &glue, "script")?;
    let wasm = inline_text::encode(&gzip(&read(&wasm_url)?)?);
    let worker_glue = read_text(WORKER_GLUE)?;
    check_inlinable(WORKER_GLUE, &worker_glue, "script")?;
    let worker_wasm = inline_text::encode(&gzip(&read(WORKER_WASM)?)?);
    edits.push((
        loader.outer.clone(),
        format!(
            "<script type=\"application/octet-stream\" id=\"entente-wasm\">{wasm}</script>\n    \
             <script type=\"text/plain\" id=\"entente-worker\">\n{worker_glue}\n{INFLATE_JS}{SINGLE_FILE_WORKER_START}</script>\n    \
             <script type=\"application/octet-stream\" id=\"entente-worker-wasm\">{worker_wasm}</script>\n    \
             <script type=\"module\" id=\"entente-loader\">\n{glue}\n{}</script>",
            single_file_start()
        ),
    ));
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = html.to_string();
    for (range, text) in edits {
        out.replace_range(range, &text);
    }
    Ok(out)
}

/// Starts the wasm (`__wbg_init` is the glue's initialiser) and hands a failure to the boot
/// script (`static/boot.js`), which shows it. An explicit `catch` rather than a rejected
/// top-level `await`: WebKit reports the latter nowhere a page can see.
fn start_code(module_or_path: &str) -> String {
    format!(
        "__wbg_init({{ module_or_path: {module_or_path} }}).catch((error) => {{\n  \
         if (window.__ententeLoadFailed) window.__ententeLoadFailed(String(error));\n  \
         else throw error;\n}});\n"
    )
}

/// The end of the single file's loader: read and inflate the inlined wasm, and start it.
fn single_file_start() -> String {
    format!(
        "{INFLATE_JS}const __ententeWasm = __ententeInflate(\n  \
         document.getElementById('entente-wasm').textContent,\n);\n{}",
        start_code("__ententeWasm")
    )
}

/// Trunk's module loader in `html` (the inline module script that imports the glue), with the
/// glue's and the wasm's URLs.
fn trunk_loader(html: &str) -> Result<(Element, String, String)> {
    for script in find_elements(html, "script", false) {
        let code = &html[script.inner.clone()];
        if script.has_attr("src")
            || script.attr("type") != Some("module")
            || !code.contains("import init")
        {
            continue;
        }
        let quoted = quoted_strings(code);
        let glue = quoted
            .iter()
            .find(|s| s.ends_with(".js"))
            .ok_or_else(|| anyhow!("Trunk's loader names no .js glue"))?
            .clone();
        let wasm = quoted
            .iter()
            .find(|s| s.ends_with(".wasm"))
            .ok_or_else(|| anyhow!("Trunk's loader names no .wasm file"))?
            .clone();
        return Ok((script, glue, wasm));
    }
    bail!("Trunk's module loader (<script type=\"module\">import init …) was not found")
}

/// Replaces Trunk's module loader with entente's: the same glue and wasm, but a failure to start
/// reaches the boot script's message instead of a top-level `await` that some engines swallow.
///
/// # Errors
/// When the page lacks Trunk's loader.
pub fn replace_site_loader(html: &str) -> Result<String> {
    let (script, glue, wasm) = trunk_loader(html)?;
    let code = format!(
        "\nimport __wbg_init from '{glue}';\n{}",
        start_code(&format!("'{wasm}'"))
    );
    let mut out = html.to_string();
    out.replace_range(script.inner.clone(), &code);
    Ok(out)
}

fn quoted_strings(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(['\'', '"']) {
        let quote = rest.as_bytes()[i] as char;
        let Some(len) = rest[i + 1..].find(quote) else {
            break;
        };
        out.push(rest[i + 1..i + 1 + len].to_string());
        rest = &rest[i + 2 + len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_PAGE: &str = r#"<!DOCTYPE html><html><head>
    <meta charset="utf-8">
    <script src="./boot-1.js" integrity="sha384-old" crossorigin="anonymous"></script>
    <link rel="stylesheet" href="./style-2.css" integrity="sha384-old">
<link rel="modulepreload" href="./entente-3.js" crossorigin="anonymous" integrity="sha384-old"><link rel="preload" href="./entente-3_bg.wasm" crossorigin="anonymous" integrity="sha384-old" as="fetch" type="application/wasm"></head>
<body><div id="app"></div><script type="application/octet-stream" id="entente-corpus"></script>
<script type="module">
import init, * as bindings from './entente-3.js';
const wasm = await init({ module_or_path: './entente-3_bg.wasm' });
</script></body></html>"#;

    fn files(url: &str) -> Result<Vec<u8>> {
        Ok(match url {
            "./boot-1.js" => b"window.boot = 1;".to_vec(),
            "./style-2.css" => b"body { color: red }".to_vec(),
            "./entente-3.js" => b"let wasm;\nexport function hello() {}\nasync function __wbg_init(m) {}\nexport { initSync };\nexport default __wbg_init;\n".to_vec(),
            "./entente-3_bg.wasm" => b"\0asm".to_vec(),
            WORKER_GLUE => b"let wasm_bindgen;\n(function() { wasm_bindgen = 1; })();\n".to_vec(),
            WORKER_WASM => b"\0asm\x01".to_vec(),
            _ => bail!("no file {url}"),
        })
    }

    #[test]
    fn finds_elements_and_attributes() {
        let links = find_elements(TRUNK_PAGE, "link", true);
        assert_eq!(links.len(), 3);
        assert_eq!(links[1].attr("rel"), Some("modulepreload"));
        let scripts = find_elements(TRUNK_PAGE, "script", false);
        assert_eq!(scripts.len(), 3);
        assert!(is_executable_script(&scripts[2]));
        assert!(!is_executable_script(&scripts[1]));
        let e = find_elements("<a x='1' y=2 z>t</a>", "a", false);
        assert_eq!(
            e[0].attrs,
            vec![
                ("x".into(), Some("1".into())),
                ("y".into(), Some("2".into())),
                ("z".into(), None)
            ]
        );
    }

    #[test]
    fn the_site_policy_allows_exactly_the_inline_loader() {
        let policy = site_policy(TRUNK_PAGE);
        let loader = &find_elements(TRUNK_PAGE, "script", false)[2];
        let hash = sha256_source(&TRUNK_PAGE[loader.inner.clone()]);
        assert_eq!(
            policy,
            format!("default-src 'none'; script-src 'self' {hash} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'")
        );
        assert!(!policy.contains("'unsafe-inline'") && !policy.contains("'unsafe-eval'"));
    }

    #[test]
    fn sha256_sources_match_the_csp_spec_example() {
        // The CSP3 example: the hash of `alert('Hello, world.');`.
        assert_eq!(
            sha256_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    #[test]
    fn set_csp_goes_after_the_charset_and_replaces_an_old_policy() {
        let once = set_csp(TRUNK_PAGE, "default-src 'none'").unwrap();
        let twice = set_csp(&once, "default-src 'self'").unwrap();
        assert_eq!(twice.matches("Content-Security-Policy").count(), 1);
        let meta_at = twice.find("Content-Security-Policy").unwrap();
        assert!(twice.find("charset").unwrap() < meta_at);
        assert!(meta_at < twice.find("<script").unwrap());
        assert!(twice.contains("content=\"default-src 'self'\""));
    }

    #[test]
    fn the_single_file_inlines_everything() {
        let page = single_file(TRUNK_PAGE, &files).unwrap();
        assert!(!page.contains("src=\"./"), "{page}");
        assert!(!page.contains("href=\"./"), "{page}");
        assert!(page.contains("<script>window.boot = 1;</script>"));
        assert!(page.contains("<style>body { color: red }</style>"));
        // The wasm binaries travel gzipped, as inline text, and the browser inflates them.
        let block = |id: &str| {
            let e = find_elements(&page, "script", false)
                .into_iter()
                .find(|e| e.attr("id") == Some(id))
                .unwrap();
            let gz = inline_text::decode(&page[e.inner.clone()]).unwrap();
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut out)
                .unwrap();
            out
        };
        assert_eq!(block("entente-wasm"), b"\0asm");
        assert_eq!(block("entente-worker-wasm"), b"\0asm\x01");
        assert_eq!(
            page.matches("pipeThrough(new DecompressionStream('gzip'))")
                .count(),
            2
        );
        assert!(page.contains("\nfunction hello() {}"));
        assert!(!page.contains("export "));
        assert!(page.contains("__wbg_init({ module_or_path: __ententeWasm }).catch("));
        let policy = single_file_policy(&page);
        assert!(policy.contains("script-src 'sha256-"), "{policy}");
        assert!(policy.contains("style-src 'sha256-"), "{policy}");
        assert!(!policy.contains("'self' 'sha"), "{policy}");
        // The import worker's glue and wasm are data blocks (never run by the page, so not in
        // script-src); the worker starts from a blob: URL, which only worker-src allows.
        assert!(
            page.contains("<script type=\"text/plain\" id=\"entente-worker\">\nlet wasm_bindgen;")
        );
        assert_eq!(
            inline_hashes(&page).0.len(),
            2,
            "the boot script and the loader"
        );
        assert!(policy.contains("; worker-src blob:;"), "{policy}");
        assert!(!site_policy(TRUNK_PAGE).contains("worker-src"));
        // The inlined corpus slot survives untouched for saved files to fill.
        assert!(page
            .contains("<script type=\"application/octet-stream\" id=\"entente-corpus\"></script>"));
    }

    #[test]
    fn the_site_loader_reports_failures_to_the_boot_script() {
        let page = replace_site_loader(TRUNK_PAGE).unwrap();
        assert!(page.contains("import __wbg_init from './entente-3.js';"));
        assert!(page.contains("__wbg_init({ module_or_path: './entente-3_bg.wasm' }).catch("));
        assert!(page.contains("window.__ententeLoadFailed(String(error))"));
        assert!(!page.contains("await init"));
        assert!(replace_site_loader("<html><head></head></html>").is_err());
    }

    #[test]
    fn integrity_is_recomputed_from_the_files() {
        let page = refresh_integrity(TRUNK_PAGE, &files).unwrap();
        assert!(!page.contains("sha384-old"));
        let expected = format!("sha384-{}", BASE64.encode(Sha384::digest(b"\0asm")));
        assert!(page.contains(&expected));
    }

    #[test]
    fn glue_with_imports_is_refused() {
        assert!(strip_module_exports(
            "import * as s from './snippets/x.js';\nfunction __wbg_init(){}"
        )
        .is_err());
        assert!(strip_module_exports("export * from 'x';\nfunction __wbg_init(){}").is_err());
    }
}
