// Entry point of the served page. The checker (a worker loading the .wasm and compiling the
// baseline) starts first, so it loads while the rest of the page's modules arrive; a service
// worker keeps every file for offline use after the first visit.
import { Engine } from './engine.js';
import { registerServiceWorker } from './offline.js';

const engine = Engine.start();
// The app reports a failed start once loaded; until then the rejection is not "unhandled".
engine.catch(() => {});
registerServiceWorker();
const { startApp } = await import('./app.js');
startApp({ engine });
