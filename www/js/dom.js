// Small helpers for building DOM without HTML strings (so no markup is ever parsed from
// report text, and nothing conflicts with the Content-Security-Policy).

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an element. `attributes` keys are attribute names, except `class` (a string),
 * `dataset` (an object) and `on` (event name to listener). Children are nodes or strings;
 * null, undefined and false are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'on') for (const [event, listener] of Object.entries(value)) element.addEventListener(event, listener);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces all children of `element`. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

// 16x16 outlines, drawn with currentColor so an icon always has the colour of its label.
const ICON_PATHS = {
  check: 'M3 8.5l3.2 3.2L13 4.8',
  cross: 'M4 4l8 8M12 4l-8 8',
  half: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11zM8 2.5v11',
  empty: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11z',
  dash: 'M4 8h8',
  copy: 'M5.5 5.5h7v7h-7zM3.5 10.5v-7h7',
  lock: 'M4.5 7.5h7v6h-7zM6 7.5V5.5a2 2 0 0 1 4 0v2',
};

/** An inline SVG icon; decorative (hidden from assistive technology) since a text label always accompanies it. */
export function icon(name, className = 'icon') {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', `${className} icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICON_PATHS[name] ?? ICON_PATHS.dash);
  if (name === 'half') {
    const fill = document.createElementNS(SVG_NS, 'path');
    fill.setAttribute('d', 'M8 2.5a5.5 5.5 0 0 0 0 11z');
    fill.setAttribute('class', 'icon-fill');
    svg.append(fill);
  }
  svg.append(path);
  return svg;
}

/** Calls `action` at most once per `delay` ms of quiet, with the latest arguments. */
export function debounce(action, delay) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), delay);
  };
}
