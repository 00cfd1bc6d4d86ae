// The offline copy of the page. On install it stores every file the page needs; afterwards
// each request goes to the network first (so a rebuilt page is picked up at once) and falls
// back to the stored copy when the network or the server is gone. Only this origin's files
// are ever fetched or stored.
//
// Bump VERSION when the list of files changes; the old copy is deleted on activation.

const VERSION = 3;
const CACHE = `accordlint-page-v${VERSION}`;

const PAGE_FILES = [
  './',
  'index.html',
  'css/app.css',
  'icons/icon.svg',
  'samples/sample-draft.txt',
  'js/app.js',
  'js/backend.js',
  'js/boot.js',
  'js/backend-inline.js',
  'js/backend-worker.js',
  'js/compare.js',
  'js/compare-view.js',
  'js/dom.js',
  'js/draft-editor.js',
  'js/engine.js',
  'js/exporting.js',
  'js/files.js',
  'js/main.js',
  'js/marks.js',
  'js/mirror.js',
  'js/offline.js',
  'js/report-view.js',
  'js/sample.js',
  'js/settings.js',
  'js/statuses.js',
  'js/storage.js',
  'js/tabs.js',
  'js/timing.js',
  'js/word-view.js',
  'pkg/accordlint.js',
  'pkg/accordlint_bg.wasm',
  'pkg/accordlint-client.js',
  'pkg/worker.js',
  // The Word build: fetched by the worker on the first .docx only, stored here for offline use.
  'pkg/word/accordlint.js',
  'pkg/word/accordlint_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PAGE_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('accordlint-page-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fromNetworkThenCache(request));
});

async function fromNetworkThenCache(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const stored = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (stored) return stored;
    throw offline;
  }
}
