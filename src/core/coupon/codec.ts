/**
 * Packing the signed fields and the tag into the typed code, and back.
 */
import { decodeBase32, encodeBase32, groupSymbols } from './lib/crockford';
import { BOOK_BITS, CODE_SYMBOLS, EXPIRY_BITS, GROUP_SIZE, MAC_BITS, TIER_BITS } from './layout';
import { MAC_BYTES, type CouponFields } from './mac';

/** What a code carries, before anything is verified. */
export interface ParsedCoupon {
  /** The canonical form: upper case, confusables replaced, dashes regrouped. */
  code: string;
  tier: number;
  /** The expiry day modulo `2 ** EXPIRY_BITS`. */
  expiryLow: number;
  bookId: number;
  /** The carried tag, left-aligned like `couponMac`'s. */
  mac: Uint8Array;
}

const mask = (bits: number) => (1n << BigInt(bits)) - 1n;
const SPARE = BigInt(MAC_BYTES * 8 - MAC_BITS);

/** Writes `fields` and `mac` as a grouped code (`XXXX-XXXX-XXXX-XXXX-XXXX`). */
export function encodeCoupon(fields: CouponFields, mac: Uint8Array): string {
  let macValue = 0n;
  for (const byte of mac.subarray(0, MAC_BYTES)) macValue = (macValue << 8n) | BigInt(byte);
  let value = BigInt(fields.tier) & mask(TIER_BITS);
  value = (value << BigInt(EXPIRY_BITS)) | (BigInt(fields.expiryDay) & mask(EXPIRY_BITS));
  value = (value << BigInt(BOOK_BITS)) | (BigInt(fields.bookId) & mask(BOOK_BITS));
  value = (value << BigInt(MAC_BITS)) | (macValue >> SPARE);
  return groupSymbols(encodeBase32(value, CODE_SYMBOLS), GROUP_SIZE);
}

/** Reads a typed code (any case, with or without dashes or spaces, I/L/O read as 1/1/0); null when it is not one. */
export function parseCoupon(input: string): ParsedCoupon | null {
  const value = decodeBase32(input, CODE_SYMBOLS);
  if (value === null) return null;
  const macValue = (value & mask(MAC_BITS)) << SPARE;
  const mac = new Uint8Array(MAC_BYTES);
  for (let i = 0; i < MAC_BYTES; i++) mac[i] = Number((macValue >> BigInt(8 * (MAC_BYTES - 1 - i))) & 0xffn);
  let rest = value >> BigInt(MAC_BITS);
  const bookId = Number(rest & mask(BOOK_BITS));
  rest >>= BigInt(BOOK_BITS);
  const expiryLow = Number(rest & mask(EXPIRY_BITS));
  const tier = Number(rest >> BigInt(EXPIRY_BITS));
  return { code: groupSymbols(encodeBase32(value, CODE_SYMBOLS), GROUP_SIZE), tier, expiryLow, bookId, mac };
}
