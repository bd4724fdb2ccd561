/**
 * The per-cell allocation as `GET /v1/config` serves it (`cells`), and the one parser every reader uses: the
 * worker (which decides and measures with it), the fleet simulator and the tests. It carries everything a device
 * needs and nothing it could mistake: the cell spec (so devices and server agree on what a cell is), each cell's
 * P(draw tier), the central-DP settings whose contribution bound the device enforces, and the stop-loss state.
 */
import { roundWeights } from '../privacy/lib/thompsonWeights';
import { contentHash } from '../privacy/lib/contentHash';
import type { CentralDpSettings } from './aggregation';
import { DEFAULT_TUNING, learnCellPolicy, type CellPolicy, type LearnInput } from './cellPolicy';
import { cellCount, type CellSpec } from './contextCells';
import { LEARNING_TIERS } from './measurement';
import { SPEC_VERSION_RE } from './measurementReport';
import { stopLossOf, type StopLoss } from './stopLoss';

/** The `cells` field of a config. */
export interface ServedCells {
  readonly spec: CellSpec;
  /** P(draw tier) per cell, in {@link LEARNING_TIERS} order; each row sums to 1. */
  readonly weights: readonly (readonly number[])[];
  readonly dp: CentralDpSettings;
  /** Whether the stop-loss serves no discount now, and why (the dashboard shows the same). */
  readonly stopLoss: { readonly active: boolean; readonly reason: string };
}

const fail = (fn: string, field: string, rule: string): never => {
  throw new RangeError(`'${field}' passed to '${fn}' ${rule}`);
};

const ascending = (xs: unknown, field: string, fn: string): number[] => {
  if (!Array.isArray(xs) || xs.length > 16 || xs.some((x, i) => typeof x !== 'number' || !Number.isFinite(x) || (i > 0 && x <= (xs[i - 1] as number)))) {
    fail(fn, field, 'must be at most 16 ascending finite numbers');
  }
  return [...(xs as number[])];
};

/** Checks a cell spec (from a config or a model bundle); returns a frozen copy. */
export function parseCellSpec(value: unknown, fn = 'parseCellSpec', path = 'spec'): CellSpec {
  if (typeof value !== 'object' || value === null) fail(fn, path, 'must be an object');
  const s = value as Record<string, unknown>;
  if (typeof s.version !== 'string' || !SPEC_VERSION_RE.test(s.version)) fail(fn, `${path}.version`, 'must be a cell spec version (1-32 characters of a-z, 0-9, ., _ or -)');
  if (!Array.isArray(s.seasonMonths) || s.seasonMonths.some((m) => typeof m !== 'string')) fail(fn, `${path}.seasonMonths`, 'must be an array of month names');
  return Object.freeze({
    version: s.version as string,
    seasonMonths: Object.freeze([...(s.seasonMonths as string[])]),
    depthCuts: Object.freeze(ascending(s.depthCuts, `${path}.depthCuts`, fn)),
    scoreCuts: Object.freeze(ascending(s.scoreCuts, `${path}.scoreCuts`, fn)),
    cartCuts: Object.freeze(ascending(s.cartCuts, `${path}.cartCuts`, fn)),
  });
}

/** Checks a served `cells` field; throws naming the first bad field. */
export function parseServedCells(value: unknown, fn = 'parseServedCells'): ServedCells {
  if (typeof value !== 'object' || value === null) fail(fn, 'cells', 'must be an object');
  const v = value as Record<string, unknown>;
  const spec = parseCellSpec(v.spec, fn, 'cells.spec');
  const n = cellCount(spec);
  if (!Array.isArray(v.weights) || v.weights.length !== n) fail(fn, 'cells.weights', `must hold one row per cell (${n})`);
  const weights = (v.weights as unknown[]).map((row, c) => {
    if (!Array.isArray(row) || row.length !== LEARNING_TIERS.length || row.some((w) => typeof w !== 'number' || !(w >= 0 && w <= 1))) {
      fail(fn, `cells.weights[${c}]`, `must hold ${LEARNING_TIERS.length} probabilities (tiers ${LEARNING_TIERS.join(', ')})`);
    }
    const sum = (row as number[]).reduce((a, w) => a + w, 0);
    if (Math.abs(sum - 1) > 1e-6) fail(fn, `cells.weights[${c}]`, `must sum to 1, got ${sum}`);
    return Object.freeze([...(row as number[])]);
  });
  const dp = v.dp as Record<string, unknown> | undefined;
  if (typeof dp !== 'object' || dp === null) fail(fn, 'cells.dp', 'must be an object');
  const num = (key: string, ok: (x: number) => boolean, rule: string) => {
    const x = dp![key];
    if (typeof x !== 'number' || !ok(x)) fail(fn, `cells.dp.${key}`, rule);
    return x as number;
  };
  const settings: CentralDpSettings = Object.freeze({
    epsilon: num('epsilon', (x) => x > 0 && x <= 8, 'must be in (0, 8]'),
    delta: num('delta', (x) => x > 0 && x < 1e-3, 'must be in (0, 1e-3)'),
    reportsPerDeviceWeek: num('reportsPerDeviceWeek', (x) => Number.isInteger(x) && x >= 1 && x <= 14, 'must be an integer in [1, 14]'),
    k: num('k', (x) => Number.isInteger(x) && x >= 1, 'must be an integer ≥ 1'),
  });
  const stop = v.stopLoss as Record<string, unknown> | undefined;
  if (typeof stop !== 'object' || stop === null || typeof stop.active !== 'boolean' || typeof stop.reason !== 'string') {
    fail(fn, 'cells.stopLoss', "must be {active: boolean, reason: string}");
  }
  return Object.freeze({ spec, weights: Object.freeze(weights), dp: settings, stopLoss: Object.freeze({ active: stop!.active as boolean, reason: stop!.reason as string }) });
}

/** The allocation of one cell as `decide` takes it: P(draw tier) by tier ('0' = no discount). */
export function allocationOf(cells: ServedCells, cell: number): Record<string, number> {
  const row = cells.weights[cell];
  if (!row) throw new RangeError(`'cell' passed to 'allocationOf' must be an integer in [0, ${cells.weights.length}), got ${String(cell)}`);
  return Object.fromEntries(LEARNING_TIERS.map((tier, t) => [String(tier), row[t]!]));
}

/**
 * What a stop-loss serves instead of the learned allocation: no discount, except the exploration floor spread
 * over the tiers, so the loop keeps measuring every tier and can recover.
 */
export function stopLossPolicy(policy: CellPolicy, floor: number): CellPolicy {
  if (!(floor >= 0 && floor <= 1)) throw new RangeError(`'floor' passed to 'stopLossPolicy' must be in [0, 1], got ${String(floor)}`);
  // The floor is the whole uniform share, as in a learned allocation: floor / tiers on each.
  const safe = roundWeights(LEARNING_TIERS.map((_, t) => (t === 0 ? 1 : 0)), floor / LEARNING_TIERS.length, 1000);
  const cells = policy.cells.map((c) => ({ ...c, exploration: floor, weights: [...safe] }));
  return { ...policy, cells, hash: contentHash({ spec: policy.specVersion, weights: cells.map((c) => c.weights), stopLoss: true }) };
}

/** The `cells` field for a learned policy. */
export function servedCells(spec: CellSpec, policy: CellPolicy, dp: CentralDpSettings, stopLoss: StopLoss): ServedCells {
  if (policy.specVersion !== spec.version) throw new RangeError(`'policy' passed to 'servedCells' was learned under spec ${policy.specVersion}, not ${spec.version}`);
  return { spec, weights: policy.cells.map((c) => c.weights), dp, stopLoss: { active: stopLoss.active, reason: stopLoss.reason } };
}

/**
 * The server's nightly update, in one place for the collector and the fleet simulator: learn every cell's
 * allocation from the released batches, test the stop-loss on the same batches, and serve no discount (with
 * the exploration floor) while it holds.
 */
export function nightlyCellPolicy(input: LearnInput): { policy: CellPolicy; stopLoss: StopLoss } {
  const learned = learnCellPolicy(input);
  const stopLoss = stopLossOf(input.spec, input.batches, input.grossMargin);
  const floor = input.tuning?.explorationFloor ?? DEFAULT_TUNING.explorationFloor;
  return { policy: stopLoss.active ? stopLossPolicy(learned, floor) : learned, stopLoss };
}
