/**
 * DOM building for the audit panel: elements from data, text only through `textContent`/`append` of strings
 * (never `innerHTML`), so nothing stored, sent or received can inject markup into the shop's page.
 */

/** An element with attributes and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** A data table: a caption, column headers (`scope="col"`) and rows of cells. */
export function table(caption: string, headers: string[], rows: (Node | string)[][]): HTMLTableElement {
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c))))),
  );
}

/** A titled section, labelled by its heading. */
export function section(id: string, heading: string, ...children: (Node | string)[]): HTMLElement {
  return el('section', { 'aria-labelledby': id }, el('h3', { id }, heading), ...children);
}

/** Date and time in the panel's locale; an em dash when unknown. */
export function formatTime(ts: number | null, locale: string): string {
  if (ts === null) return '—';
  try {
    return new Date(ts).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  } catch {
    return new Date(ts).toISOString();
  }
}
