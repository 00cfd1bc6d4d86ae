// Entry point of the served page: the checker runs in its package's files next to this
// page, and a service worker keeps every file for offline use after the first visit.
import { startApp } from './app.js';
import { registerServiceWorker } from './offline.js';

registerServiceWorker();
startApp();
