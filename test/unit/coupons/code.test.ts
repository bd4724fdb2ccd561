import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BOOK_ID_LIMIT, CROCKFORD_ALPHABET, MAC_BYTES, encodeCoupon, mintCouponCode, parseCoupon, type HmacSha256,
} from '../../../src/core/coupon';

const hmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
const key = new TextEncoder().encode('k'.repeat(32));
const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

const fieldsArb = fc.record({
  tier: fc.integer({ min: 1, max: 100 }),
  expiryDay: fc.integer({ min: 0, max: 100_000 }),
  bookId: fc.integer({ min: 0, max: BOOK_ID_LIMIT - 1 }),
});
// 60-bit tags: the last 4 bits of the 8th byte are never carried.
const macArb = fc.uint8Array({ minLength: MAC_BYTES, maxLength: MAC_BYTES }).map((m) => {
  m[MAC_BYTES - 1] = m[MAC_BYTES - 1]! & 0xf0;
  return m;
});

describe('coupon code format', () => {
  it('is 24 characters: five groups of four Crockford symbols', () => {
    fc.assert(
      fc.property(fieldsArb, macArb, (fields, mac) => {
        const code = encodeCoupon(fields, mac);
        expect(code).toHaveLength(24);
        expect(code).toMatch(FORMAT);
      }),
    );
  });

  it('round-trips every field and the tag (expiry as its day modulo 64)', () => {
    fc.assert(
      fc.property(fieldsArb, macArb, (fields, mac) => {
        const code = encodeCoupon(fields, mac);
        const parsed = parseCoupon(code);
        expect(parsed).toEqual({ code, tier: fields.tier, expiryLow: fields.expiryDay % 64, bookId: fields.bookId, mac });
      }),
    );
  });

  it('matches an independent rendering of the layout and the HMAC message (the spec a third party would implement)', () => {
    const fields = { tier: 15, expiryDay: 19_700, bookId: 0x5a5a5a5 };
    const message = Buffer.concat([
      Buffer.from('tailor-coupon/v1\0demo\0', 'utf8'),
      Buffer.from([15, 0, 0, 0x4c, 0xf4, 0x05, 0xa5, 0xa5, 0xa5]), // tier, 19700 = 0x4cf4, 0x05a5a5a5
    ]);
    const tag = createHmac('sha256', key).update(message).digest().readBigUInt64BE(0) >> 4n;
    const value = (((((15n << 6n) | BigInt(19_700 % 64)) << 27n) | 0x5a5a5a5n) << 60n) | tag;
    let symbols = '';
    for (let i = 19; i >= 0; i--) symbols += CROCKFORD_ALPHABET[Number((value >> BigInt(5 * i)) & 31n)];
    const expected = symbols.match(/.{4}/g)!.join('-');
    expect(mintCouponCode(fields, { site: 'demo', key, hmac })).toBe(expected);
  });

  it('reads codes as shoppers type them: any case, no or odd dashes, spaces, I/L for 1 and O for 0', () => {
    const code = encodeCoupon({ tier: 10, expiryDay: 19_000, bookId: 123_456 }, new Uint8Array([1, 0x10, 0x01, 0xff, 0, 0x11, 0x10, 0x10]));
    const plain = code.replaceAll('-', '');
    const typed = [
      code.toLowerCase(),
      plain,
      ` ${plain.slice(0, 10)} ${plain.slice(10)} `,
      plain.match(/.{5}/g)!.join('-'),
      code.replaceAll('1', 'l').replaceAll('0', 'O'),
      code.replaceAll('1', 'I').replaceAll('0', 'o'),
    ];
    expect(code).toMatch(/[01]/); // the confusable substitutions above must actually change something
    for (const input of typed) expect(parseCoupon(input)?.code, input).toBe(code);
  });

  it('rejects wrong lengths and symbols outside the alphabet (U is reserved by Crockford)', () => {
    const code = encodeCoupon({ tier: 5, expiryDay: 1, bookId: 2 }, new Uint8Array(MAC_BYTES));
    expect(parseCoupon(code.slice(0, -1))).toBeNull();
    expect(parseCoupon(`${code}0`)).toBeNull();
    expect(parseCoupon(`U${code.slice(1)}`)).toBeNull();
    expect(parseCoupon(`*${code.slice(1)}`)).toBeNull();
    expect(parseCoupon('')).toBeNull();
  });

  it('refuses to mint out-of-range fields, naming the field and the function', () => {
    const signer = { site: 'demo', key, hmac };
    expect(() => mintCouponCode({ tier: 0, expiryDay: 1, bookId: 1 }, signer)).toThrow(/'fields.tier' passed to 'mintCouponCode'/);
    expect(() => mintCouponCode({ tier: 12.5, expiryDay: 1, bookId: 1 }, signer)).toThrow(/'fields.tier'/);
    expect(() => mintCouponCode({ tier: 5, expiryDay: 1, bookId: BOOK_ID_LIMIT }, signer)).toThrow(/'fields.bookId'/);
    expect(() => mintCouponCode({ tier: 5, expiryDay: -1, bookId: 1 }, signer)).toThrow(/'fields.expiryDay'/);
    expect(() => mintCouponCode({ tier: 5, expiryDay: 1, bookId: 1 }, { ...signer, site: 'Demo Shop' })).toThrow(/'signer.site'/);
  });
});
