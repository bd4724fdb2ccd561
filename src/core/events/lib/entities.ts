/**
 * Minimal HTML entity decoding for text lifted out of markup (CMSs often store product names entity-encoded, and
 * some themes double-encode). Typography arrives as numeric references (WordPress writes `&#8217;`, not
 * `&rsquo;`), which are decoded in full; of the named entities only the markup-escaping ones are known.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function once(s: string): string {
  return s.replace(/&(#x[\da-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : m;
  });
}

/** Decodes HTML entities, twice when the first pass reveals another entity (`&amp;#8217;` → `’`). */
export function decodeEntities(s: string): string {
  const d = once(s);
  return d !== s && d.includes('&') ? once(d) : d;
}
