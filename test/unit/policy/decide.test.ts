import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_POLICY, decide, parsePolicyConfig, type ShopperState, type TierScore } from '../../../src/core/policy';

const state: ShopperState = { holdout: false, bot: false, offersLastDay: 0, offersLastWeek: 0, lastDismissAt: null, committedCostToday: 0 };
const ctx = { pageType: 'product', orderValue: 100, now: 1_000_000 };
const noExplore = parsePolicyConfig({ explorationRate: 0 });
const never = () => 0.99;

describe('decide', () => {
  it('picks the tier with the highest expected margin (hand-computed)', () => {
    // margin 0.4, value 100: tier0 0.20*100*0.40 = 8.00; tier5 0.25*100*0.35 = 8.75; tier10 0.30*100*0.30 = 9.00;
    // tier15 0.33*100*0.25 = 8.25; tier20 0.36*100*0.20 = 7.20 → 10 %.
    const scores: TierScore[] = [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p }));
    const d = decide(scores, ctx, state, noExplore, never);
    expect(d.tier).toBe(10);
    expect(d.kind).toBe('greedy');
    expect(d.propensity).toBe(1);
    expect(d.candidates.find((c) => c.tier === 10)!.margin).toBeCloseTo(9, 10);
    expect(d.reason).toBe('10 % off: expected margin 9.00 vs 8.00 with no discount (P(buy) 20 % → 30 %).');
  });

  it('gives no discount to shoppers who buy anyway', () => {
    // tier0 0.9*100*0.4 = 36; tier5 0.92*100*0.35 = 32.2 …
    const scores: TierScore[] = [0.9, 0.92, 0.93, 0.94, 0.95].map((p, i) => ({ tier: i * 5, p }));
    const d = decide(scores, ctx, state, noExplore, never);
    expect(d.tier).toBe(0);
    expect(d.reason).toContain('No discount: P(buy) is 90 %');
  });

  it('applies per-category margins, calibration and the minimum gain', () => {
    const scores: TierScore[] = [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p }));
    // With a 20 % margin on 'beans', every discount loses money.
    expect(decide(scores, { ...ctx, category: 'beans' }, state, parsePolicyConfig({ explorationRate: 0, categoryMargins: { beans: 0.2 } }), never).tier).toBe(0);
    // Calibration halves the 10 % response: 0.15*100*0.3 = 4.5 < 8 → best is 5 % (8.75).
    expect(decide(scores, ctx, state, parsePolicyConfig({ explorationRate: 0, calibration: { '10': 0.5 } }), never).tier).toBe(5);
    const d = decide(scores, ctx, state, parsePolicyConfig({ explorationRate: 0, minExpectedGain: 2 }), never);
    expect(d).toMatchObject({ tier: 0, kind: 'not-worth-it' });
  });

  it('explores uniformly and logs the right propensity', () => {
    const scores: TierScore[] = [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p }));
    const config = parsePolicyConfig({ explorationRate: 0.05 });
    const draws = [0.01, 0.0]; // explore, then pick candidate 0 (no discount)
    const d = decide(scores, ctx, state, config, () => draws.shift()!);
    expect(d).toMatchObject({ tier: 0, kind: 'explore' });
    expect(d.propensity).toBeCloseTo(0.05 / 5, 12);
    const g = decide(scores, ctx, state, config, never);
    expect(g.tier).toBe(10);
    expect(g.propensity).toBeCloseTo(0.95 + 0.05 / 5, 12);
  });

  it('rejects bad arguments with the argument and function named', () => {
    expect(() => decide([{ tier: 0, p: 2 }], ctx, state, noExplore, never)).toThrow("'scores' passed to 'decide' must hold probabilities");
    expect(() => parsePolicyConfig({ tiers: [0, 5] })).toThrow("'tiers' passed to 'parsePolicyConfig'");
    expect(() => parsePolicyConfig({ grossMargin: 2 })).toThrow("'grossMargin' passed to 'parsePolicyConfig' must be a number in [0, 1]");
  });

  const arbScores = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }).map((ps) => ps.map((p, i) => ({ tier: i * 5, p })));
  const arbState = fc.record({
    holdout: fc.boolean(),
    bot: fc.boolean(),
    offersLastDay: fc.integer({ min: 0, max: 5 }),
    offersLastWeek: fc.integer({ min: 0, max: 10 }),
    lastDismissAt: fc.option(fc.integer({ min: 0, max: 2_000_000_000 })),
    committedCostToday: fc.double({ min: 0, max: 100, noNaN: true }),
  });
  const arbConfig = fc.record({
    maxDiscount: fc.constantFrom(0, 5, 10, 15, 20),
    dailyBudget: fc.option(fc.double({ min: 0, max: 50, noNaN: true })),
    explorationRate: fc.double({ min: 0, max: 1, noNaN: true }),
    maxOffersPerDay: fc.integer({ min: 0, max: 3 }),
    maxOffersPerWeek: fc.integer({ min: 0, max: 6 }),
  }).map((c) => parsePolicyConfig(c));
  const arbCtx = fc.record({
    pageType: fc.constantFrom('home', 'product', 'cart', 'checkout', 'purchase'),
    orderValue: fc.option(fc.double({ min: 0.01, max: 5000, noNaN: true })),
    now: fc.integer({ min: 0, max: 2_000_000_000 }),
  });

  it('never exceeds the maximum discount, never offers to the holdout, respects caps, budget and exclusions', () => {
    fc.assert(
      fc.property(arbScores, arbState, arbConfig, arbCtx, fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 2, maxLength: 2 }), (scores, s, config, c, draws) => {
        const d = decide(scores, c, s, config, () => draws.shift() ?? 0.5);
        expect(d.tier).toBeLessThanOrEqual(config.maxDiscount);
        expect(d.propensity).toBeGreaterThan(0);
        expect(d.propensity).toBeLessThanOrEqual(1);
        if (d.tier > 0) {
          expect(s.holdout).toBe(false);
          expect(s.bot).toBe(false);
          expect(s.offersLastDay).toBeLessThan(config.maxOffersPerDay);
          expect(s.offersLastWeek).toBeLessThan(config.maxOffersPerWeek);
          expect(config.excludedPageTypes).not.toContain(c.pageType);
          if (s.lastDismissAt !== null) expect(c.now - s.lastDismissAt).toBeGreaterThanOrEqual(config.cooldownMs);
          const chosen = d.candidates.find((x) => x.tier === d.tier)!;
          if (config.dailyBudget !== null) expect(s.committedCostToday + chosen.cost).toBeLessThanOrEqual(config.dailyBudget + 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never offers when the model is missing', () => {
    fc.assert(
      fc.property(arbCtx, (c) => {
        const d = decide(null, c, { ...state }, DEFAULT_POLICY, () => 0);
        expect(d.tier).toBe(0);
        expect(['no-model', 'guardrail']).toContain(d.kind);
      }),
    );
  });
});

describe('exploration weights', () => {
  it('draws by the server weights and logs the matching propensity', () => {
    const scores: TierScore[] = [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p }));
    // Weights 0:1, 5:0, 10:1, 15:2, 20:0 → total 4; r = 0.9*4 = 3.6 lands in tier 15 (cumulative 1, 1, 2, 4).
    const config = parsePolicyConfig({ explorationRate: 0.2, explorationWeights: { '0': 1, '5': 0, '10': 1, '15': 2, '20': 0 } });
    const draws = [0.01, 0.9];
    const d = decide(scores, ctx, state, config, () => draws.shift()!);
    expect(d).toMatchObject({ tier: 15, kind: 'explore' });
    expect(d.propensity).toBeCloseTo(0.2 * (2 / 4), 12);
    // The greedy tier (10) keeps 1 − ε plus its exploration share.
    const g = decide(scores, ctx, state, config, () => 0.99);
    expect(g.tier).toBe(10);
    expect(g.propensity).toBeCloseTo(0.8 + 0.2 * (1 / 4), 12);
  });
});
