// Opening drafts: the file picker and drag and drop both hand the file's bytes to the
// checker's decoder (which knows BOMs and encodings; a .docx goes to the Word build), never to
// the network.

/** Reads a picked or dropped file into `{name, text}` using `decode(bytes, name)`. */
export async function readDraftFile(file, decode) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, text: await decode(bytes, file.name) };
}

/** Whether an opened file is a Word document, to be read by the Word build rather than decoded as text. */
export function isWordFile(file) {
  return /\.docx$/i.test(file.name);
}

/** Calls `onFile(file)` when the user picks a file; clears the input so the same file can be picked again. */
export function onFilePicked(input, onFile) {
  input.addEventListener('change', () => {
    const [file] = input.files;
    input.value = '';
    if (file) onFile(file);
  });
}

/** Makes `zone` accept a dropped file, showing that it will while something is dragged over it. */
export function onFileDropped(zone, onFile) {
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  zone.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    zone.classList.add('is-drop-target');
  });
  zone.addEventListener('dragleave', (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove('is-drop-target');
  });
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('is-drop-target');
    const [file] = event.dataTransfer?.files ?? [];
    if (!file) return;
    event.preventDefault();
    onFile(file);
  });
}
