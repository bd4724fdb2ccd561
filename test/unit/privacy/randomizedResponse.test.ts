import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32 } from '../../../src/core/lib/random';
import {
  DEFAULT_EPSILON,
  FIELD_WEIGHTS,
  RANDOMIZED_FIELDS,
  cryptoBytes,
  cryptoRng,
  fieldEpsilon,
  grrChannel,
  newIdempotencyKey,
  privatizeReport,
  randomizeCategory,
  validateReport,
  type TrueOutcome,
} from '../../../src/core/privacy';

describe('generalised randomized response', () => {
  it('has the textbook channel at ε = ln 3', () => {
    // Binary: p = 3/4, q = 1/4. Six values: p = 3/8, q = 1/8.
    expect(grrChannel(2, Math.log(3)).p).toBeCloseTo(0.75, 12);
    expect(grrChannel(2, Math.log(3)).q).toBeCloseTo(0.25, 12);
    expect(grrChannel(6, Math.log(3)).p).toBeCloseTo(3 / 8, 12);
    expect(grrChannel(6, Math.log(3)).q).toBeCloseTo(1 / 8, 12);
  });

  it('is ε-LDP: p / q = e^ε and the probabilities sum to 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.double({ min: 0.01, max: 8, noNaN: true }), (k, eps) => {
        const { p, q } = grrChannel(k, eps);
        expect(p / q).toBeCloseTo(Math.exp(eps), 6);
        expect(p + (k - 1) * q).toBeCloseTo(1, 12);
      }),
    );
  });

  it('reports the truth with probability p and each other value with q', () => {
    const rng = mulberry32(7);
    const k = 3;
    const eps = 1;
    const { p, q } = grrChannel(k, eps);
    const n = 60_000;
    const seen = [0, 0, 0];
    for (let i = 0; i < n; i++) seen[randomizeCategory(1, k, eps, rng)]! += 1;
    // 5 binomial standard deviations.
    for (const [v, expected] of [[0, q], [1, p], [2, q]] as const) {
      expect(Math.abs(seen[v]! / n - expected)).toBeLessThan(5 * Math.sqrt((expected * (1 - expected)) / n));
    }
  });

  it('rejects bad arguments, naming them', () => {
    expect(() => grrChannel(1, 1)).toThrow(/'k' passed to 'grrChannel'/);
    expect(() => grrChannel(2, 0)).toThrow(/'epsilon' passed to 'grrChannel'/);
    expect(() => randomizeCategory(3, 3, 1, Math.random)).toThrow(/'value' passed to 'randomizeCategory'/);
  });
});

describe('privatizeReport', () => {
  const outcome: TrueOutcome = { arm: 'tier15', clicked: true, copied: true, redeemed: false, orderValue: 80, satisfaction: 'down' };

  it('produces a valid wire report whose field ε add up to the report ε', () => {
    const r = privatizeReport(outcome, { day: 20_100, policyVersion: '2', rng: mulberry32(1), randomBytes: () => new Uint8Array(16).fill(171) });
    expect(validateReport(r).ok).toBe(true);
    expect(r).toMatchObject({ schema: 1, day: 20_100, policyVersion: '2', arm: 'tier15', idempotencyKey: 'ab'.repeat(16), epsilon: DEFAULT_EPSILON });
    const total = (Object.keys(RANDOMIZED_FIELDS) as (keyof typeof FIELD_WEIGHTS)[]).reduce((a, f) => a + fieldEpsilon(r.epsilon, f), 0);
    expect(total).toBeCloseTo(Math.log(3), 12);
  });

  it('keeps each field at its own rate: purchased flips with probability 1 − p(ε·0.3)', () => {
    const rng = mulberry32(3);
    const n = 20_000;
    let kept = 0;
    for (let i = 0; i < n; i++) kept += privatizeReport(outcome, { day: 1, policyVersion: 'default', rng, randomBytes: () => new Uint8Array(16) }).purchased;
    const { p } = grrChannel(2, DEFAULT_EPSILON * FIELD_WEIGHTS.purchased);
    expect(Math.abs(kept / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it('draws keys from the CSPRNG by default, never repeating', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
    const rng = cryptoRng();
    for (let i = 0; i < 1000; i++) {
      const u = rng();
      expect(u >= 0 && u < 1).toBe(true);
    }
    expect(cryptoBytes(16)).toHaveLength(16);
    expect(() => newIdempotencyKey(() => new Uint8Array(8))).toThrow(/'randomBytes' passed to 'newIdempotencyKey'/);
  });

  it('refuses an ε outside the schema range', () => {
    expect(() => privatizeReport(outcome, { day: 1, policyVersion: '1', epsilon: 20 })).toThrow(/'options.epsilon' passed to 'privatizeReport'/);
  });
});
