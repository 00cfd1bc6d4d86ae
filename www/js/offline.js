// Registers the service worker (www/sw.js) that keeps the page's files for offline use.
// Over file:// or where service workers are unavailable the page still works, online only.

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)).catch((error) => {
    console.warn('accordlint: offline copy unavailable:', error);
  });
}
