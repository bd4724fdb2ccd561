/**
 * Number parsing for values scraped from pages, where prices arrive as numbers or as display strings in any
 * locale: "19.99", "1,299.00", "1.299,00 €", "19,99", "CHF 1'299.–", "$ 12".
 */

/**
 * Parses a non-negative amount. The first number in the string is used (so "19.99 – 29.99" gives 19.99); a minus
 * sign right before it rejects the value. Separator rule: when both `.` and `,` occur, the later one is the decimal
 * mark; a lone `,` followed by exactly three digits is a thousands separator ("1,299"), otherwise a decimal mark
 * ("19,99"); a lone `.` is always a decimal mark (schema.org and GA4 mandate it; KWD has three decimals); a mark
 * that occurs more than once separates thousands ("1.299.000").
 */
export function parseAmount(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  // A plain space counts as a thousands separator only before exactly three digits ("1 299,00").
  const m = /(-?)(\d(?:[\d.,'\u00a0\u202f]| (?=\d{3}(?!\d)))*)/.exec(v.slice(0, 64));
  if (!m || m[1]) return undefined;
  let s = (m[2] ?? '').replace(/[' \u00a0\u202f]/g, '').replace(/[.,]+$/, '');
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) {
    const mark = dot > comma ? '.' : ',';
    s = s.split(mark === '.' ? ',' : '.').join('').replace(',', '.');
  } else if (comma >= 0) {
    s = s.indexOf(',') !== comma || s.length - comma === 4 ? s.split(',').join('') : s.replace(',', '.');
  } else if (s.indexOf('.') !== dot) {
    s = s.split('.').join('');
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Parses an ISO 4217 currency code ("usd" → "USD"); anything else (symbols, names) gives undefined. */
export function parseCurrency(v: unknown): string | undefined {
  return typeof v === 'string' && /^\s*[a-z]{3}\s*$/i.test(v) ? v.trim().toUpperCase() : undefined;
}

/** Parses a quantity: a positive number or numeric string, rounded to a whole unit; absent or unreadable → 1. */
export function parseQuantity(v: unknown): number {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && n >= 1 ? Math.round(n) : 1;
}
