/**
 * Crockford base32 for coupon codes: no I, L, O or U, so codes survive being read aloud and retyped.
 * Decoding is forgiving the way Crockford specifies: case-insensitive, I/L read as 1, O as 0, dashes and spaces ignored.
 */

/** The 32 symbols, in value order. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const VALUE_OF = new Map<string, number>([...CROCKFORD_ALPHABET].map((symbol, value) => [symbol, value]));
// Confusables a shopper may type for a digit.
VALUE_OF.set('I', 1).set('L', 1).set('O', 0);

/** Writes the low `symbols * 5` bits of `value` as base32, most significant symbol first. */
export function encodeBase32(value: bigint, symbols: number): string {
  let out = '';
  for (let i = symbols - 1; i >= 0; i--) out += CROCKFORD_ALPHABET[Number((value >> BigInt(i * 5)) & 31n)];
  return out;
}

/**
 * Reads `input` as exactly `symbols` base32 symbols after dropping dashes and whitespace; null when it holds any
 * other character (U included: Crockford reserves it) or the wrong number of symbols.
 */
export function decodeBase32(input: string, symbols: number): bigint | null {
  const compact = input.replace(/[\s-]+/g, '').toUpperCase();
  if (compact.length !== symbols) return null;
  let value = 0n;
  for (const symbol of compact) {
    const digit = VALUE_OF.get(symbol);
    if (digit === undefined) return null;
    value = (value << 5n) | BigInt(digit);
  }
  return value;
}

/** Splits `symbols` into dash-separated groups of `size`. */
export function groupSymbols(symbols: string, size: number): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += size) groups.push(symbols.slice(i, i + size));
  return groups.join('-');
}
