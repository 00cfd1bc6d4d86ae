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
 *   updateChanges {text, options?, base}            {seq, base, report} (same session; see below)
 *   validatePack  {toml, name?}                     {ok, errors, summary?}
 *   rules         {}                                RequirementInfo[]
 *   decode        {bytes, name}                     string
 *   checkDocx     {bytes, options?}                 Report (with the Word sections)
 *   annotateDocx  {bytes, options?}                 {report, bytes} (the annotated .docx)
 *   decodeDocx    {bytes}                           string (the text that is checked)
 *
 * `init` must come first; calling it again switches profile and starts a new session.
 * `wasm` (optional, first init only) is what wasm-bindgen's init accepts: a URL, a Response,
 * bytes or a compiled WebAssembly.Module; by default accordlint_bg.wasm beside this file.
 * Requests are answered in the order they arrive. Nothing is sent anywhere else.
 *
 * `updateChanges` answers are numbered (`seq`). When `base` is the number of the previous
 * answer, the report's requirements that did not change since that answer are sent as
 * `{id, same: true}`, and those whose evidence only moved (an edit before it) as `{id,
 * moved: [[start, end, start_utf16, end_utf16], ...]}`, one entry per evidence; the answer's
 * `base` then repeats it. Otherwise everything is sent and `base` is null.
 *
 * The Word methods run in a second, larger build of the module (word/accordlint.js and its
 * .wasm, beside this file), loaded on the first Word request only, with the profile and
 * overlays of the last `init`: a page that never opens a .docx never downloads it.
 */
import initWasm, { Checker, Session, validatePack, decodeInput, version } from './accordlint.js';

let wasmReady = null;
let checker = null;
let session = null;
/** The last `init`'s profile, for the Word build's checker. */
let profileChoice = null;
/** The Word build's module once loaded, and its checker for `profileChoice` (made on demand). */
let wordModule = null;
let wordChecker = null;
/** The last updateChanges answer's number and requirements (by id), which the next is relative to. */
let live = { seq: 0, requirements: null };

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
  live = { seq: live.seq, requirements: null };
  profileChoice = { profile, overlays };
  wordChecker?.free();
  wordChecker = null;
  return { version: version(), profile, requirements: checker.rules() };
}

/** Loads the Word build on first use; its module state is separate from the main build's. */
async function loadWord() {
  if (!wordModule) {
    const module = await import('./word/accordlint.js');
    await module.default();
    wordModule = module;
  }
  return wordModule;
}

/** The Word build's checker for the current profile, compiled on the first Word request. */
async function requireWordChecker() {
  requireChecker();
  const word = await loadWord();
  wordChecker ??= new word.Checker(profileChoice.profile, profileChoice.overlays);
  return wordChecker;
}

const handlers = {
  init,
  check: ({ text, options }) => requireChecker().check(text, options),
  checkJson: ({ text, options }) => requireChecker().checkJson(text, options),
  update: ({ text, options }) => {
    requireChecker();
    return session.update(text, options);
  },
  updateChanges: ({ text, options, base }) => {
    requireChecker();
    return liveChanges(session.update(text, options), base);
  },
  validatePack: ({ toml, name }) => validatePack(toml, name),
  rules: () => requireChecker().rules(),
  decode: ({ bytes, name }) => decodeInput(new Uint8Array(bytes), name),
  checkDocx: async ({ bytes, options }) => (await requireWordChecker()).checkDocx(new Uint8Array(bytes), options),
  annotateDocx: async ({ bytes, options }) => (await requireWordChecker()).annotateDocx(new Uint8Array(bytes), options),
  decodeDocx: async ({ bytes }) => (await loadWord()).decodeDocx(new Uint8Array(bytes)),
};

/** The answer to updateChanges: `report` with what did not change since answer `base` left out. */
function liveChanges(report, base) {
  const previous = base === live.seq ? live.requirements : null;
  live = { seq: live.seq + 1, requirements: new Map(report.requirements.map((requirement) => [requirement.id, requirement])) };
  if (!previous) return { seq: live.seq, base: null, report };
  const requirements = report.requirements.map((requirement) => requirementChange(requirement, previous.get(requirement.id)));
  return { seq: live.seq, base, report: { ...report, requirements } };
}

const OFFSETS = ['start', 'end', 'start_utf16', 'end_utf16'];

/** A requirement as sent: whole, or only what tells how it differs from `before`. */
function requirementChange(requirement, before) {
  if (!before || !sameValue(requirement, before, 'evidence') || requirement.evidence.length !== before.evidence.length) return requirement;
  const sameExceptOffsets = requirement.evidence.every((evidence, index) => sameValue(evidence, before.evidence[index], ...OFFSETS));
  if (!sameExceptOffsets) return requirement;
  const offsets = requirement.evidence.map((evidence) => OFFSETS.map((key) => evidence[key]));
  const moved = offsets.some((values, index) => values.some((value, at) => value !== before.evidence[index][OFFSETS[at]]));
  return moved ? { id: requirement.id, moved: offsets } : { id: requirement.id, same: true };
}

/** Deep equality of two JSON values, not looking at the keys `ignored` of the top object. */
function sameValue(a, b, ...ignored) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  const keys = Object.keys(a).filter((key) => !ignored.includes(key));
  return keys.length === Object.keys(b).filter((key) => !ignored.includes(key)).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
}

/** What is moved rather than copied back to the page: the annotated .docx's bytes. */
function transferables(result) {
  return result?.bytes instanceof Uint8Array ? [result.bytes.buffer] : [];
}

async function answer({ id, method, params = {} }) {
  try {
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : null;
    if (!handler) throw new Error(`accordlint worker: unknown method '${method}'`);
    await loadWasm(method === 'init' ? params.wasm : undefined);
    return { id, ok: true, result: await handler(params) };
  } catch (error) {
    return { id, ok: false, error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) } };
  }
}

/** Answers one request after another, so that a slow one (loading the Word build) is not overtaken. */
let previous = Promise.resolve();
self.onmessage = (event) => {
  previous = previous
    .then(() => answer(event.data))
    .then((response) => self.postMessage(response, transferables(response.result)));
};
