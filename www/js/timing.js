// Timings of the page's own work, as User Timing measures, so a benchmark (or the browser's
// performance panel) can read them. Only the latest of each name is kept: a long editing
// session must not accumulate entries; observers see every one as it is made.

export function measureSince(name, start) {
  performance.clearMeasures(name);
  performance.measure(name, { start, end: performance.now() });
}
