import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CELL_SPEC,
  DEFAULT_CENTRAL_DP,
  DEFAULT_TUNING,
  HOLDOUT_ARM,
  LEARNING_TIERS,
  allocationOf,
  cellArmCounts,
  cellCount,
  learnCellPolicy,
  measurementIndex,
  measurementLength,
  measurementReport,
  nightlyCellPolicy,
  parseCellPriorFile,
  parseServedCells,
  releaseSums,
  servedCells,
  stopLossOf,
  validateMeasurement,
  validateMeasurementBatch,
  type ReleasedBatch,
} from '../../../src/core/learning';
import { mulberry32 } from '../../../src/core/lib/random';
import { effectivePolicy } from '../../../src/core/policy';
import { uniformSourceFromRng } from '../../../src/core/privacy';

const spec = DEFAULT_CELL_SPEC;
const cells = cellCount(spec);
const prior = Array.from({ length: cells }, () => [0.1, 0.11, 0.12, 0.13, 0.14]);

/** Exact sums: n exposures per (cell, tier) converting at conv(tier), and the holdout's h at holdoutConv. */
function sums(n: number, conv: (tier: number) => number, h: number, holdoutConv: number): number[] {
  const out = new Array<number>(measurementLength(spec)).fill(0);
  for (let c = 0; c < cells; c++) {
    for (const tier of LEARNING_TIERS) {
      const bought = Math.round(n * conv(tier));
      out[measurementIndex(spec, c, tier, true)] = bought;
      out[measurementIndex(spec, c, tier, false)] = n - bought;
    }
    const hb = Math.round(h * holdoutConv);
    out[measurementIndex(spec, c, 'holdout', true)] = hb;
    out[measurementIndex(spec, c, 'holdout', false)] = h - hb;
  }
  return out;
}
const exact = (s: number[], sigma = 0): ReleasedBatch => ({ batch: 0, sums: s, reports: s.reduce((a, x) => a + x, 0), sigma });

describe('measurement reports', () => {
  it('carry one entry of the measurement and nothing else, and are checked strictly', () => {
    const bytes = () => new Uint8Array(16).fill(171);
    const r = measurementReport(spec, { day: 20_000, cell: 3, arm: 10, bought: true }, bytes);
    expect(r).toEqual({ schema: 'measurement-1', idempotencyKey: 'ab'.repeat(16), day: 20_000, spec: spec.version, index: measurementIndex(spec, 3, 10, true) });
    expect(validateMeasurement(r)).toEqual({ ok: true, value: r });
    expect(validateMeasurement({ ...r, arm: 'tier10' })).toMatchObject({ ok: false, field: 'arm' });
    expect(validateMeasurement({ ...r, index: -1 })).toMatchObject({ ok: false, field: 'index' });
    expect(validateMeasurement({ ...r, spec: 'Cells 1' })).toMatchObject({ ok: false, field: 'spec' });
    const { day: _day, ...noDay } = r;
    expect(validateMeasurement(noDay)).toMatchObject({ ok: false, field: 'day', message: 'is required' });
    expect(validateMeasurementBatch({ measurements: [r, { ...r, schema: 1 }] })).toMatchObject({ ok: false, field: 'measurements[1].schema' });
    expect(validateMeasurementBatch({ measurements: [] })).toMatchObject({ ok: false, field: 'measurements' });
    expect(() => measurementReport(spec, { day: 1.5, cell: 0, arm: 0, bought: false })).toThrow(/'exposure.day' passed to 'measurementReport'/);
  });
});

describe('releaseSums', () => {
  it('adds noise once and withholds a batch whose noised total is under k', () => {
    const src = uniformSourceFromRng(mulberry32(7));
    const small = new Array<number>(measurementLength(spec)).fill(0);
    small[0] = 10;
    expect(releaseSums(0, small, DEFAULT_CENTRAL_DP, src)).toBeNull();
    const big = sums(50, () => 0.1, 10, 0.1);
    const released = releaseSums(1, big, DEFAULT_CENTRAL_DP, src)!;
    expect(released.batch).toBe(1);
    expect(released.sums).toHaveLength(big.length);
    expect(released.sums.every(Number.isInteger)).toBe(true);
    expect(released.sums.some((x, i) => x !== big[i])).toBe(true);
    // σ ≈ 6.5 on every entry: the released total stays within a few σ√n of the exact one.
    expect(Math.abs(released.reports - big.reduce((a, x) => a + x, 0))).toBeLessThan(5 * released.sigma * Math.sqrt(big.length));
  });
});

describe('stop-loss', () => {
  it('holds when the policy earns significantly less per exposure than the holdout, and not otherwise', () => {
    // Every tier converts at 10 % while the holdout converts at 14 %: the policy only gives margin away.
    const losing = stopLossOf(spec, [exact(sums(400, () => 0.1, 400, 0.14), 6.5)], 0.4);
    expect(losing.active).toBe(true);
    expect(losing.policy!).toBeLessThan(losing.holdout!);
    expect(losing.reason).toMatch(/significantly less, by more than the 2 % tolerated/);
    const fine = stopLossOf(spec, [exact(sums(400, (t) => 0.1 + t / 100, 400, 0.1), 6.5)], 0.4);
    expect(fine.active).toBe(false);
    const thin = stopLossOf(spec, [exact(sums(400, () => 0.1, 10, 0.5))], 0.4);
    expect(thin).toMatchObject({ active: false, policy: null });
    expect(thin.reason).toMatch(/not enough data/);
    expect(() => stopLossOf(spec, [], 1.2)).toThrow(/'grossMargin' passed to 'stopLossOf'/);
    // Learning may cost up to the tolerance (2 % of the holdout's margin) before it falls back, however sure.
    const holdoutConv = 0.1;
    const perExposure = (lossShare: number) => (tier: number) => (holdoutConv * 0.4 * (1 - lossShare)) / (0.4 - tier / 100);
    expect(stopLossOf(spec, [exact(sums(200_000, perExposure(0.01), 200_000, holdoutConv))], 0.4).active).toBe(false);
    expect(stopLossOf(spec, [exact(sums(200_000, perExposure(0.05), 200_000, holdoutConv))], 0.4).active).toBe(true);
  });

  it('makes the nightly update serve no discount but the exploration floor while it holds', () => {
    const batches = [exact(sums(400, () => 0.1, 400, 0.14), 6.5)];
    const { policy, stopLoss } = nightlyCellPolicy({ spec, batches, prior, grossMargin: 0.4 });
    expect(stopLoss.active).toBe(true);
    for (const c of policy.cells) {
      expect(c.weights[0]).toBeGreaterThanOrEqual(1 - DEFAULT_TUNING.explorationFloor);
      expect(c.weights.slice(1).every((w) => w > 0)).toBe(true);
    }
    expect(policy.hash).not.toBe(learnCellPolicy({ spec, batches, prior, grossMargin: 0.4 }).hash);
    // Deterministic for the same aggregates.
    expect(nightlyCellPolicy({ spec, batches, prior, grossMargin: 0.4 })).toEqual({ policy, stopLoss });
  });
});

describe('served cells', () => {
  const learned = learnCellPolicy({ spec, batches: [], prior, grossMargin: 0.4 });
  const served = servedCells(spec, learned, DEFAULT_CENTRAL_DP, stopLossOf(spec, [], 0.4));

  it('round-trip through JSON and give each cell its allocation by tier', () => {
    const parsed = parseServedCells(JSON.parse(JSON.stringify(served)));
    expect(parsed.weights).toEqual(served.weights);
    const allocation = allocationOf(parsed, 5);
    expect(Object.keys(allocation)).toEqual(LEARNING_TIERS.map(String));
    expect(Object.values(allocation).reduce((a, w) => a + w, 0)).toBeCloseTo(1, 9);
    expect(() => allocationOf(parsed, cells)).toThrow(/'cell' passed to 'allocationOf'/);
  });

  it('name the first bad field', () => {
    const json = JSON.parse(JSON.stringify(served));
    expect(() => parseServedCells({ ...json, weights: json.weights.slice(1) })).toThrow(/'cells.weights' .* one row per cell \(12\)/);
    expect(() => parseServedCells({ ...json, weights: json.weights.map((r: number[], c: number) => (c === 2 ? [1, 1, 0, 0, 0] : r)) })).toThrow(/'cells.weights\[2\]' .* must hold 5 probabilities|'cells.weights\[2\]' .* must sum to 1/);
    expect(() => parseServedCells({ ...json, dp: { ...json.dp, delta: 0.5 } })).toThrow(/'cells.dp.delta'/);
    expect(() => parseServedCells({ ...json, spec: { ...json.spec, depthCuts: [20, 10] } })).toThrow(/'cells.spec.depthCuts'/);
    expect(() => parseServedCells({ ...json, stopLoss: undefined })).toThrow(/'cells.stopLoss'/);
  });

  it('switch a device to the central channel only when every merchant tier is measured', () => {
    const snapshot = { version: '3', channel: 'central' as const, cells: JSON.parse(JSON.stringify(served)) };
    const central = effectivePolicy(snapshot);
    expect(central.cells?.spec.version).toBe(spec.version);
    // The ledger enforces the contribution bound: one report of ε 1 a week.
    expect(central.budget).toEqual({ maxReportsPerDay: 1, weeklyEpsilon: 1 });
    expect(central.epsilon).toBe(1);
    expect(effectivePolicy({ ...snapshot, policy: { tiers: [7, 10] } }).cells).toBeNull();
    expect(effectivePolicy({ ...snapshot, channel: 'local' }).cells).toBeNull();
    // A broken allocation loses the channel, not the merchant's settings.
    const broken = effectivePolicy({ ...snapshot, cells: { nope: 1 }, policy: { maxOffersPerDay: 1 } });
    expect(broken.cells).toBeNull();
    expect(broken.policy.maxOffersPerDay).toBe(1);
    expect(broken.policy.version).toBe('3');
  });
});

describe('cell prior file', () => {
  it('checks the spec, the tiers and one probability row per cell', () => {
    const file = { format: 'tailor-cell-prior', spec, tiers: [...LEARNING_TIERS], prior, source: { sessions: 1 } };
    expect(parseCellPriorFile(JSON.parse(JSON.stringify(file)), 'cells.json').prior).toEqual(prior);
    expect(() => parseCellPriorFile({ ...file, tiers: [0, 10] }, 'cells.json')).toThrow(/cells.json: 'tiers'/);
    expect(() => parseCellPriorFile({ ...file, prior: prior.slice(2) }, 'cells.json')).toThrow(/cells.json: 'prior' must hold one row per cell \(12\)/);
    expect(() => parseCellPriorFile({ ...file, prior: prior.map((r, c) => (c === 4 ? [0.1, 2, 0, 0, 0] : r)) }, 'x')).toThrow(/x: 'prior\[4\]'/);
    expect(() => parseCellPriorFile({ ...file, format: 'other' }, 'x')).toThrow(/'format'/);
  });
});

describe('holdout measurements', () => {
  it('count in their own arm of the cell', () => {
    const s = sums(10, () => 0.5, 20, 0.25);
    expect(cellArmCounts(s, 0, HOLDOUT_ARM)).toEqual({ exposures: 20, purchases: 5 });
  });
});
