/**
 * A stable fingerprint of a JSON-like value: FNV-1a (64-bit) over its
 * canonical JSON (object keys sorted, so key order never changes the hash).
 * For change detection and ETags, not for security.
 */

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`'value' passed to 'canonicalJson' holds a non-finite number`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** 16 hex digits of FNV-1a-64 over the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}

/** FNV-1a-64 over UTF-16 code units (= bytes for ASCII), as 16 hex digits. */
export function fnv1a64(text: string): string {
  let h = OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}
