// Fuzz-like, through the JS API: random strings (lone surrogates included), random bytes,
// random option objects and random packs. Every call must return or throw an `Error`; a
// WebAssembly trap (RuntimeError) would leave the module unusable and fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusDocuments } from './corpus.mjs';
import { loadPkg } from './support/pkg.mjs';

const wasm = await loadPkg();
const checker = new wasm.Checker('baseline');
const sample = corpusDocuments().find((document) => document.name.includes('tricky')) ?? corpusDocuments()[0];

/** Mulberry32: a seeded generator, so a failure can be replayed. */
function rng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n) => Math.floor(next() * n);
  return { below, pick: (items) => items[below(items.length)] };
}

const PIECES = ['Article 14', '(iv)', 'shall', 'shall not', 'may', 'indefinitely', 'two (2) years',
  'Notwithstanding Article 6,', '\u200b', '\u202e', '\ud800', '\udfff', '\u0000', '\ufeff', 'é',
  '🔒', '\r\n', '\n\n', '1.1.1.1.1.', '"Personal data" means', '<b>', '==='];

function randomText(random) {
  let text = '';
  for (let i = random.below(80); i > 0; i -= 1) {
    switch (random.below(3)) {
      case 0: {
        const start = random.below(sample.text.length);
        text += sample.text.slice(start, start + random.below(300));
        break;
      }
      case 1: text += String.fromCharCode(random.below(0x10000)); break;
      default: text += random.pick(PIECES).repeat(1 + random.below(20));
    }
  }
  return text;
}

const OPTION_VALUES = [undefined, null, {}, { categories: 'auto' }, { categories: 'none' },
  { categories: ['threat-intel'] }, { categories: ['no-such-category'] }, { categories: 5 },
  { categories: [1, 2] }, { formats: ['json', 'markdown', 'text'] }, { formats: 'json' },
  { formats: ['docx'] }, { unknown: true }, 'auto', 42, [], () => 1, Symbol('x')];

/** Runs `call`; a thrown value must be a plain Error, never a WebAssembly trap. */
function survives(call, context) {
  try {
    return { value: call() };
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `${context}: the module trapped: ${error}`);
    assert.ok(error instanceof Error, `${context}: threw a non-Error: ${String(error)}`);
    assert.ok(error.message.length > 0, `${context}: an Error without a message`);
    return { error };
  }
}

test('random text and options: a report or an Error', () => {
  const random = rng(20261127);
  const session = new wasm.Session(checker);
  for (let round = 0; round < 150; round += 1) {
    const text = randomText(random);
    const options = random.pick(OPTION_VALUES);
    const checked = survives(() => checker.check(text, options), `check round ${round}`);
    const updated = survives(() => session.update(text, options), `update round ${round}`);
    assert.equal(Boolean(checked.error), Boolean(updated.error), `round ${round}: check and update disagree`);
    if (checked.value) assert.deepEqual(updated.value, checked.value, `round ${round}`);
  }
});

test('the bad inputs of the issue: empty, whitespace, a 10,000-character line, deep numbering', () => {
  const deep = Array.from({ length: 300 }, (_, depth) => `${'  '.repeat(depth % 40)}(${depth + 1}) level ${depth}`).join('\n');
  for (const [name, text] of [
    ['empty', ''],
    ['whitespace only', ' \t\n\r\n   \u00a0\u2003\n'.repeat(100)],
    ['one 10,000-character line', 'shall retain '.repeat(800).slice(0, 10_000)],
    ['deep numbering', deep],
    ['one character, 200,000 times', 'x'.repeat(200_000)],
    ['hidden characters only', '\u200b\u200c\u200d\u2060\ufeff\u202e'.repeat(1000)],
  ]) {
    const checked = survives(() => checker.check(text), name);
    assert.ok(checked.value, `${name}: no report`);
    assert.match(checked.value.verdict, /^(pass|review|fail)$/, name);
  }
});

test('non-string input is refused with an Error', () => {
  for (const input of [undefined, null, 42, {}, [], new Uint8Array(3)]) {
    survives(() => checker.check(input), `check(${String(input)})`);
  }
});

test('misused objects throw Errors: wrong class, freed checker', () => {
  survives(() => new wasm.Session({}), 'new Session({})');
  survives(() => new wasm.Session(null), 'new Session(null)');
  const freed = new wasm.Checker('baseline');
  freed.free();
  const afterFree = survives(() => freed.check('Article 1. The Parties shall cooperate.'), 'check after free');
  assert.ok(afterFree.error, 'a freed checker must not check');
  survives(() => new wasm.Session(freed), 'new Session(freed)');
});

test('random bytes: decoded text or an Error', () => {
  const random = rng(7);
  for (let round = 0; round < 300; round += 1) {
    const bytes = Uint8Array.from({ length: random.below(4096) }, () => random.below(256));
    if (random.below(3) === 0) bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const name = random.pick(['a.txt', 'a.md', 'a.html', 'a.docx', '', 'x']);
    const decoded = survives(() => wasm.decodeInput(bytes, name), `decodeInput round ${round}`);
    if (decoded.value !== undefined) survives(() => checker.check(decoded.value), `check decoded ${round}`);
  }
});

test('random packs: {ok, errors} from validatePack, a Checker or an Error', () => {
  const random = rng(99);
  const base = 'schema = "accordlint-pack/1"\n[pack]\nid = "x"\nversion = "1"\ntitle = "X"\nextends = "baseline"\n';
  const noise = ['[', ']', '[[requirements]]', 'id = "retention.limit"', 'level = "should"', '"', "'", '=',
    '\n', 'type = "limit"', 'max_days = -1', 'patterns = ["(a+)+$"]', '\ud800', '#'];
  for (let round = 0; round < 80; round += 1) {
    let pack = base;
    for (let edits = 1 + random.below(8); edits > 0; edits -= 1) {
      const at = random.below(pack.length + 1);
      pack = random.below(2) ? pack.slice(0, at) + random.pick(noise) + pack.slice(at) : pack.slice(0, at);
    }
    const validated = survives(() => wasm.validatePack(pack, 'fuzz.toml'), `validatePack round ${round}`);
    assert.ok(validated.value, `round ${round}: validatePack threw instead of reporting`);
    assert.equal(typeof validated.value.ok, 'boolean');
    assert.equal(validated.value.ok, validated.value.errors.length === 0);
    const built = survives(() => new wasm.Checker('baseline', [{ name: 'fuzz.toml', text: pack }]), `Checker round ${round}`);
    built.value?.free();
  }
});

test('the module still works after all of that', () => {
  assert.match(checker.check(sample.text).verdict, /^(pass|review|fail)$/);
});
