/**
 * Path patterns for merchant page rules. Kept out of RegExp on purpose: patterns come from configuration, and a
 * translated glob like `**a**a**a**b` backtracks exponentially, while this matcher is O(pattern × path).
 */

/**
 * Whether `path` (pathname only, no query) matches `pattern`, case-insensitively. Without wildcards the pattern is
 * a segment prefix: `/cart` matches `/cart`, `/cart/` and `/cart/x` but not `/cartier`. With wildcards it must
 * match the whole path: `*` is any run of characters except `/`, `**` any run including `/`, `?` one character
 * except `/`. So `**\/products/?**` matches any path with a non-empty segment after a `products` segment.
 */
export function matchPattern(pattern: string, path: string): boolean {
  const p = pattern.toLowerCase();
  const s = path.toLowerCase();
  if (!/[*?]/.test(p)) return s === p || s.startsWith(p.endsWith('/') ? p : p + '/');
  // cur[j]: the pattern read so far matches the first j characters of s.
  let cur = Array.from({ length: s.length + 1 }, (_, j) => j === 0);
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const any = c === '*' && p[i + 1] === '*';
    const next: boolean[] = [];
    for (let j = 0; j <= s.length; j++) {
      const ch = s[j - 1];
      next[j] = c === '*'
        ? !!cur[j] || (j > 0 && !!next[j - 1] && (any || ch !== '/'))
        : j > 0 && !!cur[j - 1] && (c === '?' ? ch !== '/' : ch === c);
    }
    if (any) i++;
    cur = next;
  }
  return !!cur[s.length];
}
