// The import worker's start script on the hosted site (the single file inlines its own start code
// instead; see xtask/src/html.rs). It loads the worker's wasm-bindgen glue and wasm from beside it
// and, if that fails, tells the page rather than leaving it waiting for the worker.
importScripts('./import_worker.js');
wasm_bindgen({ module_or_path: './import_worker_bg.wasm' }).catch((error) => {
  self.postMessage({ type: 'failed', message: 'the import worker could not start: ' + String(error) });
});
