import { describe, expect, it } from 'vitest';
import type { RawFeatureRecord } from '../../../src/core/features/definition';
import {
  DEFAULT_CELL_SPEC,
  DEFAULT_CENTRAL_DP,
  LEARNING_TIERS,
  batchLength,
  batchOfDay,
  batchStart,
  cellArmCounts,
  cellCount,
  cellLabel,
  cellOf,
  cellPrior,
  centralBudget,
  centralEpsilon,
  centralReportEpsilon,
  centralSigma,
  createIdealAggregation,
  learnCellPolicy,
  measurementIndex,
  measurementLength,
  type ReleasedBatch,
} from '../../../src/core/learning';
import { mulberry32 } from '../../../src/core/lib/random';
import { DEFAULT_POLICY, decide, type TierScore } from '../../../src/core/policy';
import { checkBudget, emptyLedger, recordSpend, uniformSourceFromRng } from '../../../src/core/privacy';
import { chiSquare, chiSquareQuantile999, gaussianPmf } from '../lib/stats';

const spec = DEFAULT_CELL_SPEC;
const record = (over: Partial<Record<string, number | string>>): RawFeatureRecord => ({ VisitorType: 'Returning_Visitor', Month: 'May', ProductRelated: 3, ...over });
const source = (seed: number) => uniformSourceFromRng(mulberry32(seed));

describe('context cells', () => {
  it('reach every cell exactly once over the coarse groups, and name them', () => {
    const seen = new Set<number>();
    for (const VisitorType of ['Returning_Visitor', 'New_Visitor']) {
      for (const Month of ['May', 'Nov']) {
        for (const ProductRelated of [0, 12, 45]) seen.add(cellOf(record({ VisitorType, Month, ProductRelated }), 0.1, 50));
      }
    }
    expect(seen.size).toBe(cellCount(spec));
    expect(cellCount(spec)).toBe(12);
    expect(cellLabel(cellOf(record({ VisitorType: 'New_Visitor', Month: 'Dec', ProductRelated: 19 }), 0.1, 50))).toBe('new visitor, in season, 10–19 product pages');
    expect(cellLabel(cellOf(record({ ProductRelated: 20 }), 0.1, 50))).toBe('returning visitor, off season, ≥ 20 product pages');
    expect(cellLabel(cellOf(record({ VisitorType: 'Other' }), 0.1, 50))).toBe('returning visitor, off season, < 10 product pages');
  });

  it('cut on the model score and the order value when a spec asks for it, and refuse what is no probability or amount', () => {
    const scored = { ...spec, version: 'x', scoreCuts: [0.05, 0.2], cartCuts: [40] };
    expect(cellCount(scored)).toBe(72);
    const cells = [0.01, 0.1, 0.5].map((p) => cellOf(record({}), p, 20, scored));
    expect(new Set(cells).size).toBe(3);
    expect(cellLabel(cells[1]!, scored)).toBe('returning visitor, off season, < 10 product pages, P(buy) 0.05–< 0.2, order value < 40');
    // Cells that differ only in the order value are adjacent, so the prior can pool them.
    expect(cellOf(record({}), 0.1, 40, scored)).toBe(cells[1]! + 1);
    expect(() => cellOf(record({}), NaN, 20)).toThrow(/'baseline' passed to 'cellOf' must be a probability/);
    expect(() => cellOf(record({}), 0.1, -1)).toThrow(/'orderValue' passed to 'cellOf' must be a finite amount ≥ 0/);
    expect(() => cellLabel(12)).toThrow(/'cell' passed to 'cellLabel' must be an integer in \[0, 12\)/);
  });
});

describe('batch schedule', () => {
  it('grows 1, 2, 3 … days up to the cap, covering every day exactly once', () => {
    expect([0, 1, 2, 3, 4, 5].map((b) => batchLength(b, 3))).toEqual([1, 2, 3, 3, 3, 3]);
    const days = Array.from({ length: 40 }, (_, d) => batchOfDay(d, 7));
    expect(days.slice(0, 10)).toEqual([0, 1, 1, 2, 2, 2, 3, 3, 3, 3]);
    for (let b = 0; b <= days.at(-1)!; b++) {
      const mine = days.flatMap((x, d) => (x === b ? [d] : []));
      expect(mine[0]).toBe(batchStart(b, 7));
      if (b < days.at(-1)!) expect(mine).toHaveLength(batchLength(b, 7));
    }
    expect(() => batchOfDay(-1, 7)).toThrow(/'day' passed to 'batchOfDay'/);
    expect(() => batchStart(0, 0)).toThrow(/'maxDays' passed to 'batchStart'/);
  });
});

describe('measurements', () => {
  it('give every (cell, arm, outcome) its own entry, and read back exposures and purchases', () => {
    const seen = new Set<number>();
    const sums = new Array<number>(measurementLength(spec)).fill(0);
    for (let c = 0; c < cellCount(spec); c++) {
      for (const arm of [...LEARNING_TIERS, 'holdout' as const]) {
        for (const bought of [false, true]) {
          const i = measurementIndex(spec, c, arm, bought);
          seen.add(i);
          sums[i]! += bought ? 2 : 3;
        }
      }
    }
    expect(seen.size).toBe(measurementLength(spec));
    expect(cellArmCounts(sums, 4, 2)).toEqual({ exposures: 5, purchases: 2 });
    expect(() => measurementIndex(spec, 12, 0, true)).toThrow(/'cell' passed to 'measurementIndex'/);
    expect(() => measurementIndex(spec, 0, 7 as never, true)).toThrow(/'arm' passed to 'armIndex'/);
  });
});

describe('ideal aggregation', () => {
  it('adds discrete Gaussian noise of the stated σ to every entry (χ² against the exact pmf)', () => {
    const sigma = centralSigma(DEFAULT_CENTRAL_DP);
    expect(centralEpsilon(DEFAULT_CENTRAL_DP)).toBeLessThanOrEqual(1);
    expect(centralEpsilon(DEFAULT_CENTRAL_DP)).toBeGreaterThan(0.999);
    const length = measurementLength(spec);
    const truth = Array.from({ length }, (_, i) => (i * 7) % 40);
    const agg = createIdealAggregation(length, { ...DEFAULT_CENTRAL_DP, k: 0 }, source(11));
    const residuals: number[] = [];
    for (let b = 0; b < 200; b++) {
      truth.forEach((count, i) => {
        for (let r = 0; r < count; r++) agg.submit(b, i);
      });
      const released = agg.release(b)!;
      expect(released.sigma).toBe(sigma);
      released.sums.forEach((x, i) => residuals.push(x - truth[i]!));
    }
    expect(residuals.every(Number.isInteger)).toBe(true);
    const fit = chiSquare(residuals, gaussianPmf(sigma));
    expect(fit.stat).toBeLessThan(chiSquareQuantile999(fit.dof));
    // The same test rejects noise of the wrong scale: it can fail.
    const wrong = chiSquare(residuals, gaussianPmf(sigma * 1.1));
    expect(wrong.stat).toBeGreaterThan(chiSquareQuantile999(wrong.dof));
  });

  it('releases a batch once, refuses reports after it, and withholds a batch under k', () => {
    const agg = createIdealAggregation(10, { ...DEFAULT_CENTRAL_DP, k: 1000 }, source(3));
    for (let r = 0; r < 5; r++) agg.submit(0, r);
    expect(agg.release(0)).toBeNull();
    expect(() => agg.release(0)).toThrow(/batch 0 was already released/);
    expect(() => agg.submit(0, 1)).toThrow(/a report cannot join it/);
    expect(() => agg.submit(1, 10)).toThrow(/'index' passed to 'submit' must be an integer in \[0, 10\)/);
    const big = createIdealAggregation(10, DEFAULT_CENTRAL_DP, source(3));
    for (let r = 0; r < 5000; r++) big.submit(2, r % 10);
    expect(big.release(2)!.reports).toBeGreaterThan(4800);
  });

  it('the device ledger holds every 7-day window to the contribution bound, across days', () => {
    const settings = { ...DEFAULT_CENTRAL_DP, reportsPerDeviceWeek: 2 };
    const policy = centralBudget(settings);
    const cost = centralReportEpsilon(settings);
    let ledger = emptyLedger();
    const sentOn: number[] = [];
    for (let day = 0; day < 60; day++) {
      for (let visit = 0; visit < 3; visit++) {
        const now = day * 86_400_000 + visit * 3_600_000;
        if (checkBudget(ledger, policy, cost, now).allowed) {
          ledger = recordSpend(ledger, policy, cost, now);
          sentOn.push(day);
        }
      }
    }
    for (let start = 0; start < 60; start++) expect(sentOn.filter((d) => d >= start && d < start + 7).length).toBeLessThanOrEqual(2);
    // The bound binds (the device would have sent 3 a day) and leaves no week empty.
    expect(sentOn.length).toBeGreaterThanOrEqual(16);
  });
});

describe('learnCellPolicy', () => {
  const cells = cellCount(spec);
  const flatPrior = Array.from({ length: cells }, () => [0.1, 0.12, 0.14, 0.15, 0.16]);
  /** A batch with exact counts: exposures n per (cell, tier) and conversion conv(c, tier). */
  const batch = (n: number, conv: (c: number, tier: number) => number, sigma = 0): ReleasedBatch => {
    const sums = new Array<number>(measurementLength(spec)).fill(0);
    for (let c = 0; c < cells; c++) {
      for (const tier of LEARNING_TIERS) {
        const bought = Math.round(n * conv(c, tier));
        sums[measurementIndex(spec, c, tier, true)] = bought;
        sums[measurementIndex(spec, c, tier, false)] = n - bought;
      }
    }
    return { batch: 0, sums, reports: n * cells * LEARNING_TIERS.length, sigma };
  };

  it('starts from the model prior with the full exploration share', () => {
    const policy = learnCellPolicy({ spec, batches: [], prior: flatPrior, grossMargin: 0.4 });
    expect(policy.cells).toHaveLength(cells);
    for (const cell of policy.cells) {
      expect(cell.exploration).toBe(0.2);
      expect(cell.weights.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 9);
      expect(Math.min(...cell.weights)).toBeGreaterThanOrEqual(0.04 - 1e-9);
    }
  });

  it("moves each cell to its own best tier, whatever the prior said", () => {
    // Cell 3 responds only to 15 %; every other cell buys the same whatever the tier.
    const conv = (c: number, tier: number) => (c === 3 && tier === 15 ? 0.3 : 0.1);
    const policy = learnCellPolicy({ spec, batches: [batch(4000, conv, 6.5), batch(4000, conv, 6.5)], prior: flatPrior, grossMargin: 0.4 });
    const weight = (c: number, tier: number) => policy.cells[c]!.weights[LEARNING_TIERS.indexOf(tier as never)]!;
    expect(weight(3, 15)).toBeGreaterThan(0.9);
    for (const c of [0, 1, 5, 11]) expect(weight(c, 0)).toBeGreaterThan(0.9);
    expect(policy.cells[3]!.exploration).toBeCloseTo(0.2 * Math.sqrt(200 / 40_000), 12);
    // Without pooling, a cell's posterior mean is its own data plus the prior's pseudo-exposures.
    const alone = learnCellPolicy({ spec, batches: [batch(4000, conv, 6.5), batch(4000, conv, 6.5)], prior: flatPrior, grossMargin: 0.4, tuning: { poolUplift: false } });
    expect(alone.cells[3]!.arms[3]!.mean).toBeCloseTo((0.3 * 8000 + 30 * 0.15) / 8030, 6);
    // Pooling leaves a cell that clearly differs from the others with its own estimate.
    expect(Math.abs(policy.cells[3]!.arms[3]!.mean - alone.cells[3]!.arms[3]!.mean)).toBeLessThan(0.01);
  });

  it('pools uplifts across cells: where no cell responds, every cell settles on no discount sooner', () => {
    // 150 exposures per (cell, tier) with DP noise: alone, each cell's uplift is too noisy to rule out.
    const rng = mulberry32(5);
    const conv = () => 0.1 + (rng() - 0.5) * 0.02;
    const batches = [batch(150, conv, 6.5), batch(150, conv, 6.5)];
    const noUplift = Array.from({ length: cells }, () => [0.1, 0.1, 0.1, 0.1, 0.1]);
    const tierZero = (poolUplift: boolean) => {
      const policy = learnCellPolicy({ spec, batches, prior: noUplift, grossMargin: 0.4, tuning: { poolUplift } });
      return policy.cells.reduce((a, c) => a + c.weights[0]!, 0) / cells;
    };
    expect(tierZero(true)).toBeGreaterThan(tierZero(false) + 0.1);
  });

  it('counts DP noise in the uncertainty and is deterministic for the same aggregates', () => {
    const conv = (_c: number, tier: number) => 0.1 + tier / 1000;
    const quiet = learnCellPolicy({ spec, batches: [batch(300, conv, 0)], prior: flatPrior, grossMargin: 0.4 });
    const noisy = learnCellPolicy({ spec, batches: [batch(300, conv, 20)], prior: flatPrior, grossMargin: 0.4 });
    expect(noisy.cells[0]!.arms[0]!.sd).toBeGreaterThan(quiet.cells[0]!.arms[0]!.sd * 1.5);
    const again = learnCellPolicy({ spec, batches: [batch(300, conv, 20)], prior: flatPrior, grossMargin: 0.4 });
    expect(again).toEqual(noisy);
    expect(again.hash).toBe(noisy.hash);
    expect(quiet.hash).not.toBe(noisy.hash);
  });

  it('names bad input', () => {
    expect(() => learnCellPolicy({ spec, batches: [], prior: flatPrior.slice(1), grossMargin: 0.4 })).toThrow(/'prior' passed to 'learnCellPolicy' must have one row per cell \(12\)/);
    expect(() => learnCellPolicy({ spec, batches: [], prior: flatPrior, grossMargin: 1.2 })).toThrow(/'grossMargin'/);
    const short = { batch: 4, sums: [1, 2], reports: 3, sigma: 1 };
    expect(() => learnCellPolicy({ spec, batches: [short], prior: flatPrior, grossMargin: 0.4 })).toThrow(/batch 4 has 2 entries; spec cells-1 needs 144/);
  });

  it("builds the prior from the model's mean score per cell and tier", () => {
    const levels = [0, 5, 10, 15, 20];
    const scores = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.3, 0.4, 0.5, 0.6, 0.7]);
    const prior = cellPrior([2, 5], scores, levels, spec);
    expect(prior[2]!.map((x) => Number(x.toFixed(9)))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(prior[5]!.map((x) => Number(x.toFixed(9)))).toEqual([0.3, 0.4, 0.5, 0.6, 0.7]);
    // A cell no shopper fell in gets the overall mean.
    expect(prior[0]!.map((x) => Number(x.toFixed(9)))).toEqual([0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(() => cellPrior([0], scores.slice(0, 4), [0, 5, 10, 15], spec)).toThrow(/20 is missing/);
  });
});

describe('decide with a served allocation', () => {
  const scores: TierScore[] = [0, 5, 10, 15, 20].map((tier) => ({ tier, p: 0.1 + tier / 200 }));
  const ctx = { pageType: 'cart', orderValue: 60, now: 0 };
  const fresh = { holdout: false, bot: false, offersLastDay: 0, offersLastWeek: 0, lastDismissAt: null, committedCostToday: 0 };

  it('draws the tier by the allocation over the allowed tiers and records that propensity', () => {
    const allocation = { '0': 0.5, '5': 0.1, '10': 0.1, '15': 0.2, '20': 0.1 };
    const config = { ...DEFAULT_POLICY, tiers: [5, 15], explorationRate: 0.3 };
    const rng = mulberry32(9);
    const counts = new Map<number, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const d = decide(scores, { ...ctx, allocation }, fresh, config, rng);
      counts.set(d.tier, (counts.get(d.tier) ?? 0) + 1);
      expect(d.propensity).toBeCloseTo(allocation[String(d.tier) as keyof typeof allocation] / 0.8, 12);
      expect(d.reason).toContain("this shop's own results");
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0, 5, 15]);
    for (const [tier, p] of [[0, 0.625], [5, 0.125], [15, 0.25]] as const) {
      expect(Math.abs(counts.get(tier)! / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('keeps the guardrails first and falls back to the model when the allocation allows nothing', () => {
    const allocation = { '20': 1 };
    expect(decide(scores, { ...ctx, allocation }, { ...fresh, holdout: true }, DEFAULT_POLICY, mulberry32(1)).kind).toBe('holdout');
    const capped = decide(scores, { ...ctx, allocation }, fresh, { ...DEFAULT_POLICY, maxDiscount: 15, explorationRate: 0 }, mulberry32(1));
    expect(capped.kind).toBe('greedy');
    expect(capped.propensity).toBe(1);
    expect(capped.reason).not.toContain("this shop's own results");
  });
});
