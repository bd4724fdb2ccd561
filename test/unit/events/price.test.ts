import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount, parseCurrency, parseQuantity } from '../../../src/core/events/lib/price';
import { decodeEntities } from '../../../src/core/events/lib/entities';

describe('parseAmount', () => {
  it.each([
    ['19.99', 19.99], ['1,299.00', 1299], ['1.299,00 €', 1299], ['19,99', 19.99], ["CHF 1'299.–", 1299], ['$ 12', 12],
    ['19.99 – 29.99', 19.99], ['1.299.000', 1299000], ['1,299', 1299], ['1 299,00', 1299], ['1\u00a0299,50', 1299.5],
    ['12.', 12], ['0', 0], ['2.500 KWD', 2.5],
  ])('%s → %d', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it('rejects negatives, non-numbers and non-finite values', () => {
    for (const bad of ['-5', '-1,299.00', 'abc', '', 'free', Number.NaN, Infinity, -1, null, {}, [1]]) expect(parseAmount(bad)).toBeUndefined();
  });

  it('round-trips every amount printed in en-US and de-DE', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), (cents) => {
      const n = cents / 100;
      const opts = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
      expect(parseAmount(n.toLocaleString('en-US', opts))).toBe(n);
      expect(parseAmount(n.toLocaleString('de-DE', opts) + ' €')).toBe(n);
    }));
  });
});

describe('parseCurrency and parseQuantity', () => {
  it('accepts ISO codes only and defaults quantities to one', () => {
    expect(parseCurrency(' usd ')).toBe('USD');
    expect(parseCurrency('$')).toBeUndefined();
    expect(parseCurrency('EURO')).toBeUndefined();
    expect(parseQuantity('3')).toBe(3);
    expect(parseQuantity(2.6)).toBe(3);
    expect(parseQuantity(0)).toBe(1);
    expect(parseQuantity('x')).toBe(1);
    expect(parseQuantity(5000)).toBe(5000);
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal, hex and double-encoded entities and leaves unknown ones alone', () => {
    expect(decodeEntities('Men&#8217;s T&amp;shirt &#x2013; &quot;Logo&quot;')).toBe('Men’s T&shirt – "Logo"');
    // &nbsp; becomes a plain space: the text is whitespace-normalised afterwards anyway.
    expect(decodeEntities('Caf&amp;#233; &nbsp;')).toBe('Café  ');
    expect(decodeEntities('&bogus; &#xD800; &#0; 5 & 6')).toBe('&bogus; &#xD800; &#0; 5 & 6');
  });
});
