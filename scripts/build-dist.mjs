// Builds dist/accordlint.html: the page as ONE self-contained file that works opened from disk
// (file://), with no server and no network: what a negotiator carries on a USB stick or
// receives by e-mail.
//
//   node scripts/build-dist.mjs [output.html]      (needs pkg/ from `make pkg`)
//
// What it does:
// - the page's ES modules (www/js/) and the wasm-bindgen module (pkg/accordlint.js) are
//   bundled into one inline module script: each module becomes a function scope that returns
//   its exports, in dependency order. The modules follow the simple import/export forms that
//   bundleModule() knows; anything else stops the build rather than producing a broken file;
// - the checker runs on the page's thread (js/backend-inline.js instead of the worker:
//   a worker from file:// would need a blob: URL and `worker-src blob:`); the service worker
//   is left out (a file needs no offline copy);
// - the .wasm is embedded as base64 in a data block, and so is the Word build's (pkg/word/),
//   decoded only when a .docx is opened; the sample draft in a <template>, the stylesheet
//   inline, the icon as a data: URL;
// - the Content-Security-Policy allows nothing from anywhere: scripts and styles only by
//   their SHA-256 hashes, no connections, no workers, no frames, no forms.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const PKG = join(ROOT, 'pkg');

/** Modules replaced in the single file, by path relative to the repository. */
const SUBSTITUTES = {
  'www/js/backend.js': 'www/js/backend-inline.js',
  'www/pkg/accordlint.js': 'pkg/accordlint.js',
  'www/pkg/word/accordlint.js': 'pkg/word/accordlint.js',
};

const ENTRY = `import { startApp } from './app.js';
import { Engine } from './engine.js';

const embedded = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (character) => character.charCodeAt(0));
const wasm = embedded('accordlint-wasm');
const wordWasm = () => embedded('accordlint-word-wasm');
const sampleText = document.getElementById('accordlint-sample').content.textContent;
startApp({ engine: Engine.start({ wasm, wordWasm }), sampleText });
`;

function main() {
  const output = resolve(process.argv[2] ?? join(ROOT, 'dist/accordlint.html'));
  const html = buildHtml();
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, html);
  console.log(`${relative(process.cwd(), output)}: ${html.length} bytes, one file, no network`);
}

function buildHtml() {
  const script = bundle(join(WWW, 'js/dist-entry.js'), ENTRY);
  const style = readFileSync(join(WWW, 'css/app.css'), 'utf8');
  const wasm = readFileSync(join(PKG, 'accordlint_bg.wasm')).toString('base64');
  const wordWasm = readFileSync(join(PKG, 'word/accordlint_bg.wasm')).toString('base64');
  const sample = readFileSync(join(WWW, 'samples/sample-draft.txt'), 'utf8');
  const icon = readFileSync(join(WWW, 'icons/icon.svg')).toString('base64');
  const policy = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "connect-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  html = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
  html = replaceOnce(html, /<link rel="stylesheet" href="css\/app.css">/, `<style>${style}</style>`);
  html = replaceOnce(html, /<link rel="icon" href="icons\/icon.svg" type="image\/svg\+xml">/, `<link rel="icon" href="data:image/svg+xml;base64,${icon}" type="image/svg+xml">`);
  html = replaceOnce(html, /<!-- Start-up, most urgent first[\s\S]*?-->\s*<script type="module" src="js\/boot.js" async><\/script>\s*<script type="module" src="js\/main.js"><\/script>(\s*<link rel="modulepreload" [^>]+>)+/, `<script type="module">${script}</script>`);
  const data = [
    `<script type="application/octet-stream" id="accordlint-wasm">${wasm}</script>`,
    `<script type="application/octet-stream" id="accordlint-word-wasm">${wordWasm}</script>`,
    `<template id="accordlint-sample">${escapeHtml(sample)}</template>`,
    '',
  ].join('\n');
  return replaceOnce(html, /<\/body>/, `${data}</body>`);
}

function replaceOnce(text, pattern, replacement) {
  if (!pattern.test(text)) throw new Error(`build-dist: ${pattern} not found in www/index.html`);
  return text.replace(pattern, () => replacement);
}

function sha256(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Bundles the module graph reachable from `entryPath` (whose source is `entrySource`) into
 * one script: each module is evaluated once, in dependency order, as
 * `const __mN = (() => { ...; return { exports }; })();`.
 */
function bundle(entryPath, entrySource) {
  const modules = new Map();
  const order = [];
  const visit = (path, source) => {
    if (modules.has(path)) return;
    const module = parseModule(path, source ?? readFileSync(path, 'utf8'));
    modules.set(path, module);
    for (const dependency of module.dependencies) visit(dependency);
    module.name = `__m${order.length}`;
    order.push(module);
  };
  visit(entryPath, entrySource);
  if (order.some((module) => module.dependencies.some((dependency) => !modules.get(dependency).name))) {
    throw new Error('build-dist: circular imports are not supported');
  }
  const body = order.map((module) => wrapModule(module, modules)).join('\n');
  const script = `\n${body}\n`;
  if (/<\/script/i.test(script)) throw new Error('build-dist: a module contains "</script", which would end the inline script');
  return script;
}

/** Resolves an import specifier against the importing file, applying SUBSTITUTES. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) throw new Error(`build-dist: ${relative(ROOT, from)} imports '${specifier}', a bare specifier`);
  const path = resolve(dirname(from), specifier);
  const substitute = SUBSTITUTES[relative(ROOT, path)];
  return substitute ? join(ROOT, substitute) : path;
}

const IMPORT = /^import\s+([\s\S]*?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const REEXPORT = /^export\s+\{([^}]*)\}\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const EXPORT_LIST = /^export\s+\{([^}]*)\};?[ \t]*$/gm;
const EXPORT_DEFAULT_NAME = /^export\s+default\s+([A-Za-z_$][\w$]*);?[ \t]*$/gm;
const EXPORT_DECLARATION = /^export\s+(default\s+)?((?:async\s+)?function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm;

/** Splits a module into its import bindings, its exports and its code without either. */
function parseModule(path, source) {
  const imports = [];
  const exports = [];
  let code = source.replace(REEXPORT, (_, names, specifier) => {
    const from = resolveImport(path, specifier);
    for (const [local, exported] of specifierPairs(names)) {
      const alias = `__reexport_${exported}`;
      imports.push({ from, binding: `{ ${local}: ${alias} }` });
      exports.push([exported, alias]);
    }
    return '';
  });
  code = code.replace(IMPORT, (_, clause, specifier) => {
    imports.push(...importBindings(clause, resolveImport(path, specifier)));
    return '';
  });
  code = code.replace(EXPORT_LIST, (_, names) => {
    for (const [local, exported] of specifierPairs(names)) exports.push([exported, local]);
    return '';
  });
  code = code.replace(EXPORT_DEFAULT_NAME, (_, name) => {
    exports.push(['default', name]);
    return '';
  });
  code = code.replace(EXPORT_DECLARATION, (_, isDefault, kind, name) => {
    exports.push([isDefault ? 'default' : name, name]);
    return `${kind} ${name}`;
  });
  const leftover = code.match(/^\s*(import|export)\s[^\n]*/m);
  if (leftover) throw new Error(`build-dist: ${relative(ROOT, path)}: cannot bundle "${leftover[0].trim()}"`);
  return { path, imports, exports, code, dependencies: [...new Set(imports.map((entry) => entry.from))] };
}

/** `a, b as c` → [['a', 'a'], ['b', 'c']] (local name, exported name). */
function specifierPairs(names) {
  return names
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const [local, exported = local] = name.split(/\s+as\s+/);
      return [local, exported];
    });
}

/** The bindings of an import clause: `init, { a, b as c }`, `* as ns`, `init, * as ns`. */
function importBindings(clause, from) {
  const bindings = [];
  const named = clause.match(/\{([^}]*)\}/);
  if (named) {
    const pairs = specifierPairs(named[1]).map(([imported, local]) => (imported === local ? local : `${imported}: ${local}`));
    bindings.push({ from, binding: `{ ${pairs.join(', ')} }` });
  }
  const namespace = clause.match(/\*\s+as\s+([A-Za-z_$][\w$]*)/);
  if (namespace) bindings.push({ from, binding: namespace[1] });
  const defaultName = clause.match(/^\s*([A-Za-z_$][\w$]*)\s*(,|$)/);
  if (defaultName) bindings.push({ from, binding: `{ default: ${defaultName[1]} }` });
  return bindings;
}

function wrapModule(module, modules) {
  const header = `// ${relative(ROOT, module.path)}`;
  const imports = module.imports.map(({ from, binding }) => `const ${binding} = ${modules.get(from).name};`).join('\n');
  const exported = module.exports.map(([name, local]) => (name === local ? name : `${JSON.stringify(name)}: ${local}`)).join(', ');
  return `${header}\nconst ${module.name} = (() => {\n${imports}\n${module.code.trim()}\nreturn { ${exported} };\n})();`;
}

main();
