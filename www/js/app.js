// The page: wires the draft, the settings, the result, the comparison and the exports to
// the checker. Served (www/index.html through main.js) and carried (dist/accordlint.html)
// alike; only how the checker and the sample are loaded differs.

import { DraftEditor } from './draft-editor.js';
import { debounce, h, replaceChildren } from './dom.js';
import { messageOf } from './engine.js';
import { annotatedName, download, exportName, printReport } from './exporting.js';
import { isWordFile, onFileDropped, onFilePicked, readDraftFile } from './files.js';
import { evidenceMarks } from './marks.js';
import { ReportSections, RequirementsView, categoriesShown, clearVerdict, hiddenCharactersShown, renderCategories, renderFilters, renderHiddenCharacters, renderVerdict } from './report-view.js';
import { renderComparison, renderComparisonHint } from './compare-view.js';
import { Settings } from './settings.js';
import { LEVELS, STATUSES } from './statuses.js';
import { fetchSample, opensOnSample } from './sample.js';
import { forgetStoredDraft, loadStoredDraft, storeDraft } from './storage.js';
import { setupTabs } from './tabs.js';
import { measureSince } from './timing.js';
import { renderWordDetails } from './word-view.js';

/** Quiet time after a keystroke before re-checking: long enough to skip most keystrokes while typing fast. */
const RECHECK_DELAY_MS = 150;
const COMPARE_DELAY_MS = 300;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const $ = (id) => document.getElementById(id);

/**
 * Starts the page with `engine`, the promise of a started Engine. `sampleText` is given by
 * the single-file build, which cannot fetch; the served page fetches the sample, and
 * `sampleRequest` is that fetch when the page opens on the sample (started with the engine).
 */
export async function startApp({ engine, sampleText, sampleRequest }) {
  const app = new App(sampleText, sampleRequest);
  await app.start(engine);
  return app;
}

class App {
  constructor(sampleText, sampleRequest) {
    this.sampleText = sampleText;
    this.sampleRequest = sampleRequest;
    this.draftTitle = null;
    this.report = null;
    /** The opened Word draft `{name, bytes, text}` while the draft is still its text; else null. */
    this.word = null;
    this.checks = 0;
    this.filters = { statuses: new Set(STATUSES), levels: new Set(LEVELS) };
    this.ui = { openTraces: new Set(), showEvidence: (start, end) => this.editor.showRange(start, end), copy: copyText };
    this.editor = new DraftEditor({
      textarea: $('draft'),
      mirror: $('draft-mirror'),
      readView: $('read-view'),
      editor: $('editor'),
      modeEdit: $('mode-edit'),
      modeMarked: $('mode-marked'),
      onReplaced: () => this.setTitle(null),
    });
    this.requirementsView = new RequirementsView($('requirements'), this.ui, this.filters);
    this.sections = new ReportSections([
      { element: $('verdict'), part: (report) => [report.verdict, report.summary], render: renderVerdict },
      { element: $('detected-categories'), part: categoriesShown, render: (element, report) => renderCategories(element, report, this.ui.showEvidence) },
      { element: $('hidden-characters'), part: hiddenCharactersShown, render: (element, report) => renderHiddenCharacters(element, report, this.ui.showEvidence) },
      { element: $('word-details'), part: (report) => [report.document.hidden_text, report.document.revisions], render: renderWordDetails },
    ]);
    this.scheduleCheck = debounce(() => this.check(), RECHECK_DELAY_MS);
    this.scheduleCompare = debounce(() => this.compare(), COMPARE_DELAY_MS);
  }

  async start(engineStarting) {
    clearVerdict($('verdict'), 'Loading the checker…');
    // A link to page#sample shows the sample at once: fetch it while the checker loads.
    if (opensOnSample()) this.sampleRequest ??= this.sampleSource();
    try {
      this.engine = await engineStarting;
    } catch (error) {
      this.showError(`The checker could not start: ${messageOf(error)}`);
      return;
    }
    $('tool-version').textContent = this.engine.version;
    this.settings = new Settings(
      {
        profile: $('profile'),
        overlayName: $('overlay-name'),
        removeOverlay: $('remove-overlay'),
        errors: $('overlay-errors'),
        categoryModes: document.querySelectorAll('input[name="category-mode"]'),
        choices: $('category-choices'),
      },
      this.engine,
      () => this.settingsChanged(),
    );
    renderFilters($('status-filters'), $('level-filters'), this.filters, () => this.requirementsView.applyFilters());
    this.wireDraft();
    this.wireExports();
    this.wireCompare();
    setupTabs([$('tab-check'), $('tab-compare')], (tab) => this.tabShown(tab));
    await this.restoreDraft();
    if (this.editor.text === '') this.showEmpty();
    document.body.dataset.ready = 'true';
  }

  wireDraft() {
    $('draft').addEventListener('input', () => {
      markBusy(true);
      this.scheduleCheck();
    });
    $('try-sample').addEventListener('click', () => this.loadSample());
    $('clear-draft').addEventListener('click', () => this.setDraft('', null));
    onFilePicked($('open-file'), (file) => this.openDraft(file));
    onFileDropped(document.querySelector('[data-drop-target="draft"]'), (file) => this.openDraft(file));
    onFilePicked($('open-overlay'), (file) => this.openOverlay(file));
    $('remember').addEventListener('change', (event) => this.rememberChanged(event.target.checked));
    $('forget').addEventListener('click', () => this.forget());
  }

  wireExports() {
    $('export-json').addEventListener('click', () => this.exportAs('json', 'application/json', (text, categories) => this.engine.json(text, categories)));
    $('export-markdown').addEventListener('click', () => this.exportAs('md', 'text/markdown', (text, categories) => this.engine.markdown(text, categories)));
    $('export-print').addEventListener('click', () => printReport({ draftTitle: this.title(), profile: this.settings.label() }));
    $('export-docx').addEventListener('click', () => this.exportAnnotatedDocx());
  }

  wireCompare() {
    for (const id of ['draft-a', 'draft-b']) {
      $(id).addEventListener('input', () => {
        $('comparison').setAttribute('aria-busy', 'true');
        this.scheduleCompare();
      });
    }
    $('copy-current').addEventListener('click', () => this.setCompareText('draft-a', this.editor.text));
    for (const side of ['a', 'b']) {
      const open = (file) => this.openCompareDraft(`draft-${side}`, file);
      onFilePicked($(`open-${side}`), open);
      onFileDropped(document.querySelector(`[data-drop-target="${side}"]`), open);
    }
  }

  /** The first time the comparison is shown, draft A starts as the draft being checked. */
  tabShown(tab) {
    if (tab.id === 'tab-compare' && $('draft-a').value === '' && this.editor.text !== '') {
      this.setCompareText('draft-a', this.editor.text);
    }
  }

  async restoreDraft() {
    const stored = loadStoredDraft();
    if (stored !== null) {
      $('remember').checked = true;
      $('forget').hidden = false;
      this.setDraft(stored, null);
    } else if (this.sampleRequest) {
      await this.loadSample();
    }
  }

  sampleSource() {
    return this.sampleText === undefined ? fetchSample() : Promise.resolve(this.sampleText);
  }

  async loadSample() {
    try {
      const text = await (this.sampleRequest ?? this.sampleSource());
      this.sampleRequest = null;
      this.setDraft(text, 'Sample draft');
    } catch (error) {
      this.showError(`The sample draft could not be loaded: ${messageOf(error)}`);
    }
  }

  async openDraft(file) {
    try {
      if (this.readsWord(file)) {
        await this.openWordDraft(file);
        return;
      }
      const { name, text } = await readDraftFile(file, (bytes, fileName) => this.engine.decode(bytes, fileName));
      this.setDraft(text, name);
    } catch (error) {
      this.showError(`${file.name} could not be opened: ${messageOf(error)}`);
    }
  }

  /** A .docx is read by the Word build when the backend has it (not in the single file). */
  readsWord(file) {
    return isWordFile(file) && this.engine.supportsWord;
  }

  /** Shows the .docx's text and checks the .docx itself, so the report has its Word sections. */
  async openWordDraft(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = await this.engine.decodeDocx(bytes);
    this.word = { name: file.name, bytes, text };
    this.setDraft(text, file.name);
  }

  /** Text of a file for the comparison: a .docx's as it is checked, any other decoded. */
  async readCompareText(file) {
    if (this.readsWord(file)) return this.engine.decodeDocx(new Uint8Array(await file.arrayBuffer()));
    return (await readDraftFile(file, (bytes, fileName) => this.engine.decode(bytes, fileName))).text;
  }

  async openOverlay(file) {
    try {
      await this.settings.useOverlay({ name: file.name, text: await file.text() });
    } catch (error) {
      this.showError(`${file.name} could not be read: ${messageOf(error)}`);
    }
  }

  async openCompareDraft(id, file) {
    try {
      this.setCompareText(id, await this.readCompareText(file));
    } catch (error) {
      this.showError(`${file.name} could not be opened: ${messageOf(error)}`);
    }
  }

  setCompareText(id, text) {
    $(id).value = text;
    $('comparison').setAttribute('aria-busy', 'true');
    this.compare();
  }

  setDraft(text, title) {
    this.setTitle(title);
    this.editor.setText(text);
    this.check();
  }

  /** The draft's name: the file opened, "Sample draft", or none for typed or pasted text. */
  setTitle(title) {
    this.draftTitle = title;
    $('draft-name').textContent = title ? `(${title})` : '';
  }

  settingsChanged() {
    this.check();
    if (!$('view-compare').hidden) this.compare();
  }

  /** Re-checks the draft and shows the result; the live session makes this cheap per keystroke. */
  async check() {
    markBusy(true);
    const started = performance.now();
    const text = this.editor.text;
    // An edit turns a Word draft into plain text: its Word sections and comments no longer apply.
    if (this.word?.text !== text) this.word = null;
    if (text.trim() === '') {
      this.showEmpty();
      return;
    }
    const word = this.word;
    let result;
    try {
      result = word
        ? await this.engine.checkDocx(word.bytes, this.settings.categories())
        : await this.engine.checkLive(text, this.settings.categories());
    } catch (error) {
      this.showError(`The draft could not be checked: ${messageOf(error)}`);
      markBusy(false);
      return;
    }
    if (result === null) return;
    this.showReport(result, text);
    measureSince('accordlint:recheck', started);
    if ($('remember').checked) storeDraft(text);
  }

  /**
   * Shows a live result `{report, kept}` (see Engine.checkLive) for `text`. Re-checks come at
   * every pause in typing and most change little: each part is rebuilt only when what it
   * shows changed, and requirement rows the checker reports kept are not even compared.
   */
  showReport({ report, kept }, text) {
    const started = performance.now();
    this.report = report;
    setHidden($('engine-error'), true);
    this.sections.render(report);
    this.requirementsView.render(report, kept);
    this.editor.setMarksFor(evidenceMarks(report), text);
    setExportsEnabled(true, { docx: this.word !== null });
    setHidden($('filters'), false);
    this.checks += 1;
    $('results').dataset.checks = String(this.checks);
    if (text === this.editor.text) markBusy(false);
    measureSince('accordlint:render', started);
    if (this.checks === 1) performance.mark('accordlint:first-result');
  }

  showEmpty() {
    this.report = null;
    this.engine.cancelLive();
    this.sections.clear();
    clearVerdict($('verdict'), 'Paste a draft or try the sample to see which standards it meets.');
    this.requirementsView.clear();
    this.editor.setMarks([]);
    setExportsEnabled(false);
    $('filters').hidden = true;
    markBusy(false);
  }

  /** Compares drafts A and B; the comparison stays aria-busy until it matches both texts. */
  async compare() {
    const comparison = $('comparison');
    const [textA, textB] = [$('draft-a').value, $('draft-b').value];
    const current = () => $('draft-a').value === textA && $('draft-b').value === textB;
    if (textA.trim() === '' || textB.trim() === '') {
      renderComparisonHint(comparison, 'Open or paste both drafts: A, your version, and B, the revision you received.');
    } else {
      try {
        const categories = this.settings.categories();
        const [reportA, reportB] = await Promise.all([this.engine.check(textA, categories), this.engine.check(textB, categories)]);
        if (current()) renderComparison(comparison, reportA, reportB);
      } catch (error) {
        renderComparisonHint(comparison, `The drafts could not be compared: ${messageOf(error)}`);
      }
    }
    if (current()) comparison.removeAttribute('aria-busy');
  }

  async exportAs(extension, mimeType, render) {
    const text = this.editor.text;
    try {
      download(exportName(this.title(), extension), mimeType, await render(text, this.settings.categories()));
    } catch (error) {
      this.showError(`The export failed: ${messageOf(error)}`);
    }
  }

  /** Saves a copy of the opened .docx with one Word comment per finding; the original is untouched. */
  async exportAnnotatedDocx() {
    const word = this.word;
    if (!word) return;
    try {
      const { bytes } = await this.engine.annotateDocx(word.bytes, this.settings.categories());
      download(annotatedName(word.name), DOCX_TYPE, bytes);
    } catch (error) {
      this.showError(`The annotated draft could not be made: ${messageOf(error)}`);
    }
  }

  rememberChanged(remember) {
    if (remember) {
      const stored = storeDraft(this.editor.text);
      $('forget').hidden = !stored;
      if (!stored) this.showError('This browser refused to store the draft (storage is disabled or full).');
    } else {
      this.forget();
    }
  }

  forget() {
    forgetStoredDraft();
    $('remember').checked = false;
    $('forget').hidden = true;
  }

  title() {
    return this.draftTitle ?? this.report?.document.title ?? 'Untitled draft';
  }

  showError(message) {
    const box = $('engine-error');
    box.hidden = false;
    replaceChildren(box, h('p', {}, message));
  }
}

/** While busy, the result shown is for an older text (a re-check is pending); tests and assistive technology wait for it to clear. */
function markBusy(busy) {
  if (busy) $('results').setAttribute('aria-busy', 'true');
  else $('results').removeAttribute('aria-busy');
}

/** Enables the exports (the annotated .docx only when `docx`), touching only buttons that change. */
function setExportsEnabled(enabled, { docx = enabled } = {}) {
  for (const id of ['export-json', 'export-markdown', 'export-print', 'export-docx']) {
    const disabled = !(id === 'export-docx' ? docx : enabled);
    if ($(id).disabled !== disabled) $(id).disabled = disabled;
  }
}

/** Writing an attribute, even to its value, makes the browser restyle: skipped when nothing changes. */
function setHidden(element, hidden) {
  if (element.hidden !== hidden) element.hidden = hidden;
}

/** Copies a suggested clause; where the clipboard is refused, selects it for Ctrl+C instead. */
async function copyText(text, shown, feedback) {
  try {
    await navigator.clipboard.writeText(text);
    feedback.textContent = 'Copied.';
  } catch {
    getSelection().selectAllChildren(shown);
    feedback.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
}
