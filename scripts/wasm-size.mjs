// Where the bytes of the .wasm go, by crate: code (function bodies, named through the name
// section) and data segments, raw and gzipped on their own. For work on the size budget:
//   make size        (builds a release .wasm with names kept, optimised as `make pkg` does)
//   node scripts/wasm-size.mjs file.wasm [rows]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [path, rowsArg = '25'] = process.argv.slice(2);
const bytes = readFileSync(path);
let offset = 8; // magic and version

function readU32() {
  let result = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[offset++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return result;
  }
}

function readName() {
  const length = readU32();
  const name = bytes.toString('utf8', offset, offset + length);
  offset += length;
  return name;
}

const functionBodies = [];
const dataSegments = [];
const names = new Map();
let importedFunctions = 0;

function readImports(end) {
  for (let count = readU32(); count > 0; count -= 1) {
    readName();
    readName();
    const kind = bytes[offset++];
    if (kind === 0) { importedFunctions += 1; readU32(); }
    else if (kind === 1) { offset += 1; const flags = readU32(); readU32(); if (flags & 1) readU32(); }
    else if (kind === 2) { const flags = readU32(); readU32(); if (flags & 1) readU32(); }
    else if (kind === 3) { offset += 2; }
    else { offset = end; return; }
  }
}

function readCode() {
  for (let index = 0, count = readU32(); index < count; index += 1) {
    const size = readU32();
    functionBodies.push({ index: importedFunctions + index, start: offset, size });
    offset += size;
  }
}

function readData(end) {
  const count = readU32();
  for (let index = 0; index < count && offset < end; index += 1) {
    const start = offset;
    const flags = readU32();
    if (flags === 2) readU32();
    if (flags !== 1) while (bytes[offset++] !== 0x0b);
    const size = readU32();
    dataSegments.push({ start: offset, size, header: offset - start });
    offset += size;
  }
}

function readNames(end) {
  while (offset < end) {
    const kind = bytes[offset++];
    const size = readU32();
    const next = offset + size;
    if (kind === 1) {
      for (let count = readU32(); count > 0; count -= 1) names.set(readU32(), readName());
    }
    offset = next;
  }
}

while (offset < bytes.length) {
  const id = bytes[offset++];
  const size = readU32();
  const end = offset + size;
  if (id === 2) readImports(end);
  else if (id === 10) readCode();
  else if (id === 11) readData(end);
  else if (id === 0 && readName() === 'name') readNames(end);
  offset = end;
}

/** "core::slice::sort::..." -> "core"; "<toml_edit::de::X as serde::Y>::f" -> "toml_edit";
    "<f64 as core::fmt::Display>::fmt" -> "core" (a primitive's impl counts for the trait). */
function crateOf(name = '') {
  const path = /^[<&(\s]*(?:dyn\s+|impl\s+|mut\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/;
  const own = path.exec(name);
  if (own) return own[1];
  const trait = / as (?:&|dyn\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
  if (trait) return trait[1];
  return /shim|wbindgen|wbg/.test(name) ? '(wasm-bindgen glue)' : '(other)';
}

const groups = new Map();
const add = (group, start, size) => {
  const entry = groups.get(group) ?? { size: 0, chunks: [] };
  entry.size += size;
  entry.chunks.push(bytes.subarray(start, start + size));
  groups.set(group, entry);
};
for (const body of functionBodies) add(crateOf(names.get(body.index)), body.start, body.size);
for (const segment of dataSegments) add('(data segments)', segment.start, segment.size);

const total = bytes.length;
const totalGzip = gzipSync(bytes, { level: 9 }).length;
console.log(`${path}: ${total} bytes, ${totalGzip} gzip -9 (with its name section; pkg/ ships none)`);
console.log('     raw   gzip alone  crate');
[...groups.entries()]
  .map(([group, { size, chunks }]) => ({ group, size, gzip: gzipSync(Buffer.concat(chunks), { level: 9 }).length }))
  .sort((a, b) => b.size - a.size)
  .slice(0, Number(rowsArg))
  .forEach(({ group, size, gzip }) => console.log(`${String(size).padStart(8)} ${String(gzip).padStart(12)}  ${group}`));
