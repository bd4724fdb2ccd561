/**
 * Scrubbing: personal data and secrets must never reach the store, so every path and every piece of free text is
 * passed through here before it is kept. The rules are heuristics tuned to over-redact rather than leak.
 *
 * Every pattern runs in linear time (maximal runs consumed once, bounded retries, no nested ambiguous repetition)
 * because the input is attacker-controllable (URLs, search boxes) and this code runs on the shop's main thread.
 */
import { LIMITS } from './schema';
import { looksLikeToken } from './lib/token';

/** What replaces anything removed by scrubbing. */
export const REDACTED = '[redacted]';

/** Query parameters kept in stored paths (campaign attribution and on-site search); everything else is dropped. */
export const QUERY_ALLOW_LIST: readonly string[] = [
  'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'q', 's', 'query', 'search',
];

// An e-mail address is matched as a whole run of RFC 5322 atext (minus '/', which in a path is a segment
// separator) plus an optional "@domain": every run is consumed once, so the scan is linear even on "aaaa…a" with
// no '@', where the textbook pattern retries 64 characters at every position.
const EMAIL = /[\w.!#$%&'*+=?^`{|}~-]+(?:@[\w-]+(?:\.[\w-]+)+)?/g;
const UUID = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/gi;
// Dotted runs, so that a JWT (header.payload.signature) is one match; its parts are judged one by one.
const RUN = /[\w.+=-]{20,}/g;
// The first alternative swallows digits glued to a letter (SKU1234567) so that they are kept as a product code.
const PHONE = /[a-z_]\d+|\+?\d(?:[ .()-]{0,3}\d){6,}/gi;
const DATE = /^\d{4}([-./])\d\d?\1\d\d?$/;
const SCAN_LIMIT = 2048;

/**
 * Replaces e-mail addresses, UUIDs, JWTs, long token-like runs and phone-like digit runs with {@link REDACTED}.
 * `inPath` relaxes the digit rule: a bare run of digits in a path is almost always a product or category id, so
 * there only runs written with separators (555-123-4567) or a leading `+` count as phone numbers.
 */
function scrub(text: string, inPath: boolean): string {
  return text
    .replace(EMAIL, (m) => (m.includes('@') ? REDACTED : m))
    .replace(UUID, REDACTED)
    // "eyJ" is base64 for '{"', the start of every JWT header and payload: such a run goes whole, signature too.
    .replace(RUN, (m) => /(?:^|\.)eyJ[\w-]{6}/.test(m) ? REDACTED
      : m.split('.').map((part) => (part.length >= 20 && looksLikeToken(part) ? REDACTED : part)).join('.'))
    .replace(PHONE, (m) => (/^[a-z_]/i.test(m) || DATE.test(m) || (inPath && /^\d+$/.test(m)) ? m : REDACTED));
}

/**
 * Scrubs free text (search queries, product names, custom string props): e-mail addresses, phone numbers (7+
 * digits, separators allowed), UUIDs, JWTs and long hex/base64-like tokens become {@link REDACTED}. Only the first
 * 2048 characters are examined and returned, which bounds the work on hostile input.
 */
export function scrubText(text: string): string {
  return scrub(String(text).slice(0, SCAN_LIMIT), false);
}

/** Decodes the valid runs of %XX escapes and leaves malformed ones as they are (decodeURIComponent would throw). */
function decode(s: string): string {
  return s.replace(/(?:%[\da-f]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/** encodeURIComponent that cannot throw (it does on lone surrogates). */
function encode(s: string): string | undefined {
  try {
    return encodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * Turns a URL (absolute, protocol-relative or a bare path) into the path Tailor stores: scheme, host and fragment
 * are dropped; query parameters are dropped unless on {@link QUERY_ALLOW_LIST} (their values are scrubbed as
 * text); the path is percent-decoded, scrubbed (so `/u/jane%40mail.com` is caught), and re-escaped only where a
 * character would change its meaning (`%`, `?`, `#`, whitespace, controls), which keeps it readable and makes the
 * function idempotent for outputs shorter than `maxLength`. The result always starts with `/` and is cut to
 * `maxLength` characters on a character boundary; query parameters that do not fit whole are left out.
 */
export function scrubPath(url: string, maxLength: number = LIMITS.text): string {
  let s = String(url).slice(0, SCAN_LIMIT).trim().replace(/^(?:[a-z][\w+.-]*:)?\/\/[^/?#]*/i, '');
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  const q = s.indexOf('?');
  const query = q >= 0 ? s.slice(q + 1) : '';
  const path = scrub(decode(q >= 0 ? s.slice(0, q) : s), true);
  let out = '';
  // One leading slash: "//x" would read back as a protocol-relative URL with host "x".
  for (const ch of path.replace(/^\/*/, '/')) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
    const piece = /[%?#\s\x00-\x1f\x7f]/.test(ch) ? encodeURIComponent(ch) : ch;
    if (out.length + piece.length > maxLength) break;
    out += piece;
  }
  const seen = new Set<string>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = decode(pair.slice(0, eq < 0 ? pair.length : eq)).toLowerCase();
    if (eq < 0 || seen.has(key) || !QUERY_ALLOW_LIST.includes(key)) continue;
    const value = encode(scrub(decode(pair.slice(eq + 1).replace(/\+/g, ' ')), false).trim());
    if (!value) continue;
    const piece = (seen.size ? '&' : '?') + key + '=' + value;
    if (out.length + piece.length > maxLength) break;
    seen.add(key);
    out += piece;
  }
  return out;
}
