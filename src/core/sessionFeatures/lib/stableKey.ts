/** A canonical string of a JSON-like value: object keys sorted, so equal contents give equal keys. */
export function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableKey((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  // undefined (absent optional props) and functions have no JSON form; give them a fixed token.
  return value === undefined ? 'undefined' : JSON.stringify(value) ?? 'null';
}
