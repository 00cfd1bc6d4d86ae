// Entry point of the served page. The checker (a worker loading the .wasm and compiling the
// baseline) starts first, so it loads while the rest of the page's modules arrive; a page
// opened on the sample has it fetched and checked in the same start-up, with no round trip
// through the page. A service worker keeps every file for offline use after the first visit.
import { Engine } from './engine.js';
import { registerServiceWorker } from './offline.js';
import { fetchSample, opensOnSample } from './sample.js';

const sampleRequest = opensOnSample() ? fetchSample() : undefined;
const engine = Engine.start({ firstDraft: sampleRequest });
// The app reports a failed start once loaded; until then the rejections are not "unhandled".
engine.catch(() => {});
sampleRequest?.catch(() => {});
registerServiceWorker();
const { startApp } = await import('./app.js');
startApp({ engine, sampleRequest });
