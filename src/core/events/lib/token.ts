/**
 * Decides whether a run of 20+ word characters (`[A-Za-z0-9_+=-]`) is a secret-looking token (session id, reset
 * key, API key, hash) rather than a readable slug such as `mens-cotton-tshirt-blue-large` or `iphone15promax256gb`.
 *
 * Rule: pure hex (hashes, hex ids, long digit strings) is always a token. Otherwise separators (`-_+=`) must be
 * under 15 % of the run (slugs put one between every word; random base64url has about 3 %), and the letters and
 * digits, read without the separators, must switch class (digit / lower / upper) on at least 30 % of adjacent
 * pairs when the run has a digit, 45 % when it has none. Random base64 switches on about 60 % of pairs, random
 * base36 on about 40 %; words with an embedded model number (`iphone15promax256gb`) on under 20 %, CamelCase
 * words (`SuperSoftCottonBlendTee`) on about 40 %.
 */
export function looksLikeToken(run: string): boolean {
  if (/^[\da-f]+$/i.test(run)) return true;
  let digits = 0;
  let alnum = 0;
  let switches = 0;
  let prev = -1;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    const cls = c >= 48 && c <= 57 ? 0 : c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : 3;
    if (cls === 3) continue;
    if (!cls) digits++;
    if (alnum++ && cls !== prev) switches++;
    prev = cls;
  }
  return (run.length - alnum) * 100 < run.length * 15 && switches * 100 >= (alnum - 1) * (digits ? 30 : 45);
}
