import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/lib/random';
import {
  DEFAULT_BUCKET_VALUES,
  armEconomics,
  armMetrics,
  emptyTally,
  randomizeCategory,
  countCells,
  tallyRows,
  toInterval,
  versusHoldout,
  type GroupTally,
  type PointEstimate,
} from '../../../src/core/privacy';
import { HOLDOUT_TRUTH, TIER10_TRUTH, simulateReports, trueOrderValue } from './lib/simulate';

const covers = (e: PointEstimate, truth: number) => {
  const { ci } = toInterval(e);
  return ci[0] <= truth && truth <= ci[1];
};

/** Runs the whole device → server path: privatise, count cells, tally by arm. */
function tallies(seed: number, n: number): { holdout: GroupTally; tier10: GroupTally } {
  const reports = [...simulateReports('holdout', HOLDOUT_TRUTH, n, seed), ...simulateReports('tier10', TIER10_TRUTH, n, seed)];
  const byArm = tallyRows(countCells(reports), (row) => row.arm);
  return { holdout: byArm.get('holdout')!, tier10: byArm.get('tier10')! };
}

describe('per-arm estimates (simulation, ε = ln 3 per report)', () => {
  it('cover the true rates and the lift over the holdout ≥ 90 % of 200 seeds', () => {
    const seeds = 200;
    const n = 2000;
    const hits = { conversion: 0, lift: 0, redeemed: 0, up: 0, revenue: 0, holdoutConversion: 0 };
    const trueRevenue = TIER10_TRUTH.purchased * trueOrderValue(TIER10_TRUTH);
    for (let seed = 1; seed <= seeds; seed++) {
      const t = tallies(seed, n);
      const h = armMetrics(t.holdout);
      const m = armMetrics(t.tier10);
      expect(m.n).toBe(n);
      const vs = versusHoldout(m, armEconomics(m, 10, 0.4, 60), h, armEconomics(h, 0, 0.4, 60));
      if (covers(m.purchased, TIER10_TRUTH.purchased)) hits.conversion++;
      if (covers(h.purchased, HOLDOUT_TRUTH.purchased)) hits.holdoutConversion++;
      if (covers(vs.conversionLift, TIER10_TRUTH.purchased - HOLDOUT_TRUTH.purchased)) hits.lift++;
      if (covers(m.redeemed, TIER10_TRUTH.redeemed)) hits.redeemed++;
      if (covers(m.satisfactionUp, TIER10_TRUTH.up)) hits.up++;
      if (covers(m.revenuePerReport, trueRevenue)) hits.revenue++;
    }
    for (const [name, count] of Object.entries(hits)) {
      expect(count / seeds, name).toBeGreaterThanOrEqual(0.9);
      expect(count / seeds, name).toBeLessThanOrEqual(0.99);
    }
  });

  it('estimates the mean order value (a ratio, delta method) with ≥ 90 % coverage', () => {
    // The ratio needs a well-estimated denominator: 30 % conversion, bucket field at ε = 1, n = 20 000.
    const shares = [0.7, 0.3 * 0.2, 0.3 * 0.3, 0.3 * 0.3, 0.3 * 0.15, 0.3 * 0.05];
    const truth = shares.reduce((a, s, i) => a + s * DEFAULT_BUCKET_VALUES[i]!, 0) / 0.3;
    let hits = 0;
    const seeds = 200;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = mulberry32(seed);
      const counts = new Array<number>(6).fill(0);
      for (let i = 0; i < 20_000; i++) {
        let u = rng();
        let v = 0;
        while (v < 5 && (u -= shares[v]!) >= 0) v++;
        counts[randomizeCategory(v, 6, 1, rng)]! += 1;
      }
      const tally = emptyTally();
      tally.n = 20_000;
      tally.fields.orderValueBucket.push({ epsilon: 1, counts });
      for (const f of ['clicked', 'copied', 'redeemed', 'purchased'] as const) tally.fields[f].push({ epsilon: 1, counts: [20_000, 0] });
      tally.fields.satisfaction.push({ epsilon: 1, counts: [20_000, 0, 0] });
      const aov = armMetrics(tally).orderValue;
      expect(aov).not.toBeNull();
      if (covers(aov!, truth)) hits++;
    }
    expect(hits / seeds).toBeGreaterThanOrEqual(0.9);
  });

  it('prices profit as margin × revenue − discount × redemption × order value', () => {
    const t = tallies(1, 2000);
    const m = armMetrics(t.tier10);
    const e = armEconomics(m, 10, 0.4, 60);
    expect(e.revenue).toEqual(m.revenuePerReport);
    expect(e.discountCost.value).toBeCloseTo(m.redeemed.value * 0.1 * 60, 12);
    expect(e.profit.value).toBeCloseTo(0.4 * m.revenuePerReport.value - m.redeemed.value * 6, 12);
    expect(e.profit.variance).toBeCloseTo(0.16 * m.revenuePerReport.variance + 36 * m.redeemed.variance, 12);
    expect(armEconomics(armMetrics(t.holdout), 0, 0.4, 60).discountCost).toEqual({ value: 0, variance: 0 });
    expect(() => armEconomics(m, 10, 1.5, 60)).toThrow(/'grossMargin' passed to 'armEconomics'/);
  });

  it('returns NaN rates and no order value for an empty group', () => {
    const m = armMetrics(emptyTally());
    expect(m.n).toBe(0);
    expect(m.purchased.value).toBeNaN();
    expect(m.orderValue).toBeNull();
  });
});
