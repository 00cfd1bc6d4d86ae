// The sample draft for first-time visitors: fetched by the served page (the single file
// carries it inline). A link to page#sample opens on it.

import { loadStoredDraft } from './storage.js';

/** Whether the page opens on the sample: asked for by the link, and no stored draft to restore first. */
export function opensOnSample() {
  return location.hash === '#sample' && loadStoredDraft() === null;
}

export async function fetchSample() {
  const response = await fetch(new URL('../samples/sample-draft.txt', import.meta.url));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}
