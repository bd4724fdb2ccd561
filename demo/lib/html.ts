import { escapeHtml } from './escape-html';

/** A fragment of markup that is already safe to emit as-is (built by `html` or by `jsonScript`). */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into `html`: plain values are escaped, SafeHtml is kept, empty values vanish. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value as string | number);
}

/**
 * Tagged template for markup: every interpolated value is HTML-escaped unless it is itself SafeHtml, so a template
 * can only emit unescaped text that another template (or jsonScript) produced. Booleans render as nothing, which
 * keeps `${cond && html`...`}` readable.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}
