/*
 * accordlint worker: runs the WebAssembly checker off the page's main thread.
 *
 * Started by accordlint-client.js (`new Worker(url, {type: 'module'})`); a page should use the
 * client rather than talk to this directly. The protocol, for those who must:
 *
 *   request   {id, method, params}
 *   response  {id, ok: true, result} | {id, ok: false, error: {name, message}}
 *
 *   method        params                            result
 *   init          {profile, overlays?, wasm?}       {version, profile, requirements}
 *   check         {text, options?}                  Report
 *   checkJson     {text, options?}                  string (the CLI's JSON)
 *   update        {text, options?}                  Report (incremental session)
 *   validatePack  {toml, name?}                     {ok, errors}
 *   rules         {}                                RequirementInfo[]
 *   decode        {bytes, name}                     string
 *
 * `init` must come first; calling it again switches profile and starts a new session.
 * `wasm` (optional, first init only) is what wasm-bindgen's init accepts: a URL, a Response,
 * bytes or a compiled WebAssembly.Module; by default accordlint_bg.wasm beside this file.
 * Requests are answered in the order they arrive. Nothing is sent anywhere else.
 */
import initWasm, { Checker, Session, validatePack, decodeInput, version } from './accordlint.js';

let wasmReady = null;
let checker = null;
let session = null;

function loadWasm(source) {
  wasmReady ??= initWasm(source === undefined ? undefined : { module_or_path: source });
  return wasmReady;
}

function requireChecker() {
  if (!checker) throw new Error('accordlint worker: call init before checking');
  return checker;
}

/** Replaces the checker and its session; frees the old ones (wasm memory is not GC'd). */
function init({ profile = 'baseline', overlays = [] } = {}) {
  const next = new Checker(profile, overlays);
  session?.free();
  checker?.free();
  checker = next;
  session = new Session(checker);
  return { version: version(), profile, requirements: checker.rules() };
}

const handlers = {
  init,
  check: ({ text, options }) => requireChecker().check(text, options),
  checkJson: ({ text, options }) => requireChecker().checkJson(text, options),
  update: ({ text, options }) => {
    requireChecker();
    return session.update(text, options);
  },
  validatePack: ({ toml, name }) => validatePack(toml, name),
  rules: () => requireChecker().rules(),
  decode: ({ bytes, name }) => decodeInput(new Uint8Array(bytes), name),
};

async function answer({ id, method, params = {} }) {
  try {
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : null;
    if (!handler) throw new Error(`accordlint worker: unknown method '${method}'`);
    await loadWasm(method === 'init' ? params.wasm : undefined);
    return { id, ok: true, result: handler(params) };
  } catch (error) {
    return { id, ok: false, error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) } };
  }
}

self.onmessage = async (event) => {
  self.postMessage(await answer(event.data));
};
