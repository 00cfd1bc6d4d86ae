// The profile (baseline, a bundled overlay, or an overlay file the user opens) and the
// categories of cooperation (detected by default, or chosen).

import { h, replaceChildren } from './dom.js';

export const CATEGORIES = [
  { id: 'threat-intel', label: 'Threat-intelligence sharing' },
  { id: 'incident-response', label: 'Incident response' },
  { id: 'joint-investigation', label: 'Joint investigations' },
];

export class Settings {
  /** `onChange()` is called after the profile or the categories changed (and were accepted). */
  constructor(elements, engine, onChange) {
    Object.assign(this, elements);
    this.engine = engine;
    this.onChange = onChange;
    this.overlay = null;
    this.fillProfiles();
    this.fillCategories();
    this.profile.addEventListener('change', () => this.reconfigure());
    this.removeOverlay.addEventListener('click', () => this.useOverlay(null));
    for (const radio of this.categoryModes) radio.addEventListener('change', () => this.categoriesChanged());
  }

  fillProfiles() {
    replaceChildren(
      this.profile,
      this.engine.choices().map(({ value, label }) => h('option', { value, selected: value === 'baseline' }, label)),
    );
  }

  fillCategories() {
    replaceChildren(
      this.choices,
      CATEGORIES.map(({ id, label }) =>
        h('label', {}, h('input', { type: 'checkbox', value: id, disabled: true, dataset: { testid: `category-${id}` }, on: { change: () => this.onChange() } }), ` ${label}`),
      ),
    );
  }

  categoriesChanged() {
    const chosen = this.mode() === 'chosen';
    for (const box of this.choices.querySelectorAll('input')) box.disabled = !chosen;
    this.onChange();
  }

  mode() {
    return [...this.categoryModes].find((radio) => radio.checked)?.value ?? 'auto';
  }

  /** The `categories` option of the checker: "auto", "none" or the ids chosen. */
  categories() {
    if (this.mode() === 'auto') return 'auto';
    const ids = [...this.choices.querySelectorAll('input:checked')].map((box) => box.value);
    return ids.length > 0 ? ids : 'none';
  }

  /** What the printed report says the draft was checked against. */
  label() {
    const base = this.profile.selectedOptions[0]?.textContent ?? this.profile.value;
    return this.overlay ? `${base} with overlay ${this.overlay.name}` : base;
  }

  /** Applies an opened overlay file `{name, text}`, or removes the overlay with `null`. */
  async useOverlay(overlay) {
    const previous = this.overlay;
    this.overlay = overlay;
    if (!(await this.reconfigure())) this.overlay = previous;
  }

  async reconfigure() {
    const result = await this.engine.configure(this.profile.value, this.overlay);
    this.showErrors(result.ok ? [] : result.errors, this.overlay?.name ?? this.profile.value);
    if (result.ok) {
      this.overlayName.textContent = this.overlay ? `Overlay: ${this.overlay.name}` : '';
      this.removeOverlay.hidden = !this.overlay;
      this.onChange();
    }
    return result.ok;
  }

  showErrors(errors, fileName) {
    this.errors.hidden = errors.length === 0;
    if (errors.length === 0) {
      replaceChildren(this.errors);
      return;
    }
    replaceChildren(
      this.errors,
      h('p', {}, `${fileName} was not applied:`),
      h(
        'ul',
        {},
        errors.map((error) =>
          h('li', { dataset: { testid: 'overlay-error' } }, error.line ? h('code', {}, `${fileName}:${error.line}:${error.column}`) : null, error.line ? ': ' : '', error.message),
        ),
      ),
    );
  }
}
