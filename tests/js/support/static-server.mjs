// A static file server on 127.0.0.1 (a free port) for the in-browser tests and benchmark:
// serves chosen folders under URL prefixes, with the MIME types a module worker and
// WebAssembly.instantiateStreaming need, and the page's Content-Security-Policy.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'";

/** `mounts`: {'/pkg/': '/abs/path/to/pkg', '/': '/abs/path/to/page'}. Resolves to {url, close}. */
export async function serve(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    const relative = prefix === undefined ? null : normalize(path.slice(prefix.length) || 'index.html');
    if (relative === null || relative.startsWith('..') || relative.includes(`${sep}..`)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(mounts[prefix], relative));
      response.writeHead(200, {
        'Content-Type': MIME[extname(relative)] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
