// The first thing the served page runs (an async module script with no imports, so it
// starts as soon as it arrives, before the document is parsed and the page's other modules
// have loaded): it starts the checker's worker and the fetch and compilation of the .wasm.
// A worker takes a long time to start on a busy machine, and the checker cannot compile
// its profile before; backend-worker.js picks both up (same module, evaluated once).

/** The worker running pkg/worker.js, started now. */
export const worker = new Worker(new URL('../pkg/worker.js', import.meta.url), { type: 'module' });

/**
 * The compiled .wasm, handed to the worker with its first request; undefined (the worker
 * then fetches it itself) where streaming compilation fails, e.g. a server that does not
 * say application/wasm.
 */
export const compiledWasm = WebAssembly.compileStreaming(fetch(new URL('../pkg/accordlint_bg.wasm', import.meta.url))).catch(() => undefined);
