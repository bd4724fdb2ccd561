const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes a value for use in HTML text or in a quoted attribute value.
 * Every interpolation in the shop's templates goes through this one function (via `html`), so the five characters
 * that can end a text run or an attribute are always neutralised, whatever the value contains.
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
