import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_BUDGET, canonicalJson, contentHash, fnv1a64, updatePolicy, type ArmEconomics, type ArmMetrics, type MeasuredArms, type PolicyUpdateInput } from '../../../src/core/privacy';

const pe = (value: number, variance: number) => ({ value, variance });

function arm(conversion: number, conversionVariance: number, profit: number, profitVariance: number): { metrics: ArmMetrics; economics: ArmEconomics } {
  const z = pe(0, 0);
  const metrics: ArmMetrics = {
    n: 10_000,
    clicked: z,
    copied: z,
    redeemed: z,
    purchased: pe(conversion, conversionVariance),
    satisfactionUp: z,
    satisfactionDown: z,
    revenuePerReport: z,
    orderValue: null,
  };
  return { metrics, economics: { revenue: z, discountCost: z, profit: pe(profit, profitVariance) } };
}

const settings = { epsilon: Math.log(3), k: 50, budget: DEFAULT_BUDGET, grossMargin: 0.4, explorationRate: 0.05 };
const input = (arms: MeasuredArms, extra: Partial<PolicyUpdateInput> = {}): PolicyUpdateInput => ({ previous: null, arms, modelPrior: { '0': 0.04, '10': 0.05 }, settings, ...extra });

describe('updatePolicy', () => {
  it('calibrates P(buy | tier) to the measured conversion, and shrinks it towards 1 when the interval is wide', () => {
    const tight = updatePolicy(input({ holdout: arm(0.04, 1e-8, 1, 0), tier10: arm(0.075, 1e-8, 1, 0) }));
    // raw = 0.075 / 0.05 = 1.5; se_r = 1e-4 / 0.05 = 0.002: weight 0.0625 / (0.0625 + 4e-6) ≈ 1 → 1.50.
    expect(tight.calibration['10']).toBe(1.5);
    expect(tight.calibration['0']).toBe(1);
    // se = 0.05: se_r = 1, weight = 0.0625 / 1.0625 = 0.0588, factor = 1 + 0.0588 × 0.5 = 1.029 → 1.03.
    const wide = updatePolicy(input({ holdout: arm(0.04, 1e-8, 1, 0), tier10: arm(0.075, 0.0025, 1, 0) }));
    expect(wide.calibration['10']).toBe(1.03);
    // Tiers without data or without a prior keep their factor.
    expect(wide.calibration['5']).toBe(1);
    const kept = updatePolicy(input({ tier10: arm(0.075, 1e-8, 1, 0) }, { previous: tight, modelPrior: null }));
    expect(kept.calibration).toEqual(tight.calibration);
  });

  it('keeps the version while the content is unchanged, and increments it when it changes', () => {
    const arms = { holdout: arm(0.04, 1e-6, 1, 0.01), tier10: arm(0.06, 1e-6, 1.2, 0.01) };
    const v1 = updatePolicy(input(arms));
    expect(v1.version).toBe('1');
    const { version: _v, hash, ...content } = v1;
    expect(hash).toBe(contentHash(content));
    expect(updatePolicy(input(arms, { previous: v1 }))).toBe(v1);
    const v2 = updatePolicy(input({ ...arms, tier10: arm(0.09, 1e-6, 2, 0.01) }, { previous: v1 }));
    expect(v2.version).toBe('2');
    expect(v2.hash).not.toBe(v1.hash);
    // Going back to the old content is still a change: a new version, the old hash.
    const v3 = updatePolicy(input(arms, { previous: v2 }));
    expect([v3.version, v3.hash]).toEqual(['3', v1.hash]);
  });

  it('allocates exploration by the probability of being the most profitable tier, floored, summing to 1', () => {
    const cfg = updatePolicy(
      input({
        holdout: arm(0.04, 1e-6, 1.0, 1e-4),
        tier5: arm(0.05, 1e-6, 1.05, 1e-4),
        tier10: arm(0.06, 1e-6, 2.0, 1e-4),
        tier15: arm(0.06, 1e-6, 1.1, 1e-4),
        tier20: arm(0.07, 1e-6, 0.5, 1e-4),
      }),
    );
    const w = cfg.exploration.weights;
    expect(Object.values(w).reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    expect(w['10']).toBeGreaterThan(0.9);
    for (const x of Object.values(w)) expect(x).toBeGreaterThanOrEqual(0.01);
    expect(cfg.exploration.rate).toBe(0.05);
    // Tiers nobody measured get an equal fifth: nothing is known about them.
    const partial = updatePolicy(input({ holdout: arm(0.04, 1e-6, 1, 1e-4), tier10: arm(0.06, 1e-6, 2, 1e-4) }));
    expect(partial.exploration.weights).toMatchObject({ '5': 0.2, '15': 0.2, '20': 0.2 });
    expect(partial.exploration.weights['10']).toBeGreaterThan(partial.exploration.weights['0']!);
  });

  it('is deterministic: same input, same hash', () => {
    const arms = { holdout: arm(0.04, 1e-4, 1, 0.5), tier10: arm(0.06, 1e-4, 1.1, 0.5) };
    expect(updatePolicy(input(arms)).hash).toBe(updatePolicy(input(arms)).hash);
  });
});

describe('contentHash', () => {
  it('ignores key order and sees every value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(contentHash(reversed)).toBe(contentHash(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(obj);
      }),
    );
    expect(contentHash({ a: 1, b: 2 })).not.toBe(contentHash({ a: 1, b: 3 }));
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
    // Published FNV-1a-64 test vectors.
    expect(['', 'a', 'foobar'].map(fnv1a64)).toEqual(['cbf29ce484222325', 'af63dc4c8601ec8c', '85944171f73967e8']);
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/'value' passed to 'canonicalJson'/);
  });
});
