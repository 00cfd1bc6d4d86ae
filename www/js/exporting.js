// Exports: files made in the page and handed to the browser's download, and the printed
// report (the print stylesheet does the layout; this fills in what it is about).

/** Offers `content` (text or bytes) as a file download. */
export function download(fileName, mimeType, content) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name derived from the draft's title: "weak-mou" → "weak-mou.accordlint.json". */
export function exportName(draftTitle, extension) {
  const stem = draftTitle
    .replace(/\.(txt|md|markdown|docx)$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${stem || 'draft'}.accordlint.${extension}`;
}

/** The annotated copy's name: "draft.docx" → "draft.annotated.docx"; the original is never overwritten. */
export function annotatedName(fileName) {
  return `${fileName.replace(/\.docx$/i, '') || 'draft'}.annotated.docx`;
}

/** Fills the print header (draft title, profile, date) and opens the print dialog. */
export function printReport({ draftTitle, profile }) {
  document.getElementById('print-draft').textContent = draftTitle;
  document.getElementById('print-profile').textContent = profile;
  document.getElementById('print-date').textContent = new Date().toLocaleString(undefined, {
    dateStyle: 'long',
    timeStyle: 'short',
  });
  window.print();
}
