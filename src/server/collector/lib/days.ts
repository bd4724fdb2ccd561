/** UTC day numbers ⇄ ISO dates, for query parameters and display. */

const DAY_MS = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `20420` → `'2025-11-28'`. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `'2025-11-28'` or `'20420'` → 20420; null when neither. */
export function parseDay(value: string): number | null {
  if (/^\d{1,7}$/.test(value)) return Number(value);
  const m = ISO_RE.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Reject dates that Date.UTC silently rolls over (2025-02-30).
  return dayToIso(ms / DAY_MS) === value ? ms / DAY_MS : null;
}
