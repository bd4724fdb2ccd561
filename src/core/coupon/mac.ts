/**
 * The truncated HMAC-SHA256 that makes a code unforgeable.
 *
 * The HMAC itself is a parameter so this module stays platform-free: the server and the Node verifier pass
 * `node:crypto`; anything else can pass its own synchronous HMAC-SHA256.
 */
import { MAC_BITS } from './layout';

/** A synchronous HMAC-SHA256: the full 32-byte tag of `message` under `key`. */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

/** The signed fields of one code; the site is signed too but never carried. */
export interface CouponFields {
  /** Discount percent, 1–100. */
  tier: number;
  /** The UTC day number (days since 1970-01-01) at whose start the code stops being valid. */
  expiryDay: number;
  /** Random id shared by every code of one book. */
  bookId: number;
}

/** Bytes of the tag compared: {@link MAC_BITS} rounded up to whole bytes. */
export const MAC_BYTES = Math.ceil(MAC_BITS / 8);
// Domain separation: the same secret may one day sign other things; a v2 format would use a new label.
const LABEL = new TextEncoder().encode('tailor-coupon/v1');

/** The message signed for `fields` on `site`: label, NUL, site, NUL, tier (u8), expiry day (u32), book id (u32). */
export function macMessage(site: string, fields: CouponFields): Uint8Array {
  const siteBytes = new TextEncoder().encode(site);
  const message = new Uint8Array(LABEL.length + 1 + siteBytes.length + 1 + 9);
  message.set(LABEL, 0);
  message.set(siteBytes, LABEL.length + 1);
  const view = new DataView(message.buffer, LABEL.length + 1 + siteBytes.length + 1);
  view.setUint8(0, fields.tier);
  view.setUint32(1, fields.expiryDay);
  view.setUint32(5, fields.bookId);
  return message;
}

/** The first {@link MAC_BITS} bits of the HMAC, left-aligned in {@link MAC_BYTES} bytes (unused low bits zero). */
export function couponMac(hmac: HmacSha256, key: Uint8Array, site: string, fields: CouponFields): Uint8Array {
  const full = hmac(key, macMessage(site, fields));
  if (!(full instanceof Uint8Array) || full.length < MAC_BYTES) {
    throw new TypeError(`'hmac' passed to 'couponMac' must return the HMAC-SHA256 tag as a Uint8Array of 32 bytes`);
  }
  const tag = full.slice(0, MAC_BYTES);
  const spare = MAC_BYTES * 8 - MAC_BITS;
  tag[MAC_BYTES - 1]! &= (0xff << spare) & 0xff;
  return tag;
}

/** Compares two tags without an early exit, so the time taken does not reveal how many leading bytes matched. */
export function macEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
