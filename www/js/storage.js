// Keeping a draft between visits, only when the user asks: in this browser's localStorage,
// never anywhere else, and gone with one click on "Forget".

const KEY = 'accordlint.draft';

/** The stored draft, or null when there is none (or storage is unavailable). */
export function loadStoredDraft() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Stores the draft; false when the browser refuses (storage disabled or full). */
export function storeDraft(text) {
  try {
    localStorage.setItem(KEY, text);
    return true;
  } catch {
    return false;
  }
}

export function forgetStoredDraft() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing was stored if storage is unavailable.
  }
}
