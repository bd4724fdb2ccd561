/**
 * The two learning loops the fleet can run, each as the product's own pieces wired day by day:
 *   - `shipped`: what devices and the collector run today: local-DP reports of the arm (`privatizeReport`),
 *     count cells, `measuredArms` over a 28-day window, `updatePolicy` (global calibration and exploration
 *     weights), served through `effectivePolicy`;
 *   - `cells`: per-context learning on central-DP aggregates (src/core/learning): each report is one entry of a
 *     (cell × arm × outcome) measurement, summed per batch by the ideal aggregation with discrete Gaussian
 *     noise, and `learnCellPolicy` serves every cell's allocation, starting from the model's per-cell prior.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import { deriveSeed, mulberry32, type Rng } from '../../core/lib/random';
import {
  DEFAULT_CELL_SPEC,
  DEFAULT_CENTRAL_DP,
  LEARNING_TIERS,
  batchOfDay,
  batchStart,
  cellCount,
  cellOf,
  cellPrior,
  centralEpsilon,
  createIdealAggregation,
  nightlyCellPolicy,
  measurementIndex,
  measurementLength,
  type CellSpec,
  type CentralDpSettings,
  type LearnerTuning,
  type LearningTier,
  type ReleasedBatch,
} from '../../core/learning';
import { effectivePolicy, type Decision, type EffectivePolicy } from '../../core/policy';
import { DEFAULT_ESTIMATE_SETTINGS, countCells, measuredArms, privatizeReport, updatePolicy, uniformSourceFromRng, type Arm, type CountRow, type PolicySnapshot, type Report } from '../../core/privacy';

/** One shopper's exposure as a loop sees it. */
export interface Exposure {
  /** 0-based simulated day and its UTC day number. */
  d: number;
  day: number;
  session: number;
  decision: Decision;
  holdout: boolean;
  bought: boolean;
  cart: number;
}

/** The privacy guarantee a loop runs under. */
export interface LoopPrivacy {
  epsilonPerDeviceWeek: number;
  delta: number;
  trustModel: string;
}

/** A learning loop: what devices are served, what they report, what the server learns at night. */
export interface LearningLoop {
  readonly name: 'shipped' | 'cells';
  /** The policy devices decide with today. */
  served(): EffectivePolicy;
  /** The allocation a shopper's device draws from at a decision priced on `orderValue`, if the loop serves one. */
  allocationFor(session: number, orderValue: number): Readonly<Record<string, number>> | undefined;
  report(exposure: Exposure): void;
  /** The server's work at the end of 0-based day d. */
  endOfDay(d: number, day: number): void;
  privacy(): LoopPrivacy;
  /** The last state the server computed, for fleet.json. */
  state(): unknown;
  /** The context cell of a decision, for loops that learn per cell (what the best per-cell policy is scored on). */
  readonly cells?: { count: number; of(session: number, orderValue: number): number };
}

/** The collector's defaults that shape the shipped loop (src/server/collector/settings.ts). */
export interface ShippedSettings {
  explorationRate: number;
  windowDays: number;
  /** Reports of day d's decisions arrive during day d + 1 + (lag − 1) and count in the config of the day after. */
  reportLagDays: number;
}

export const DEFAULT_SHIPPED: Readonly<ShippedSettings> = Object.freeze({ explorationRate: 0.05, windowDays: 28, reportLagDays: 1 });

function byteSource(rng: Rng): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
}

const armOf = (e: Exposure): Arm => (e.holdout ? 'holdout' : e.decision.tier > 0 ? (`tier${e.decision.tier}` as Arm) : 'none');

/** Today's product loop. */
export function shippedLoop(seed: number, settings: Partial<ShippedSettings> = {}): LearningLoop {
  const s: ShippedSettings = { ...DEFAULT_SHIPPED, ...settings };
  const noise = mulberry32(deriveSeed(seed, 'noise'));
  const randomBytes = byteSource(mulberry32(deriveSeed(seed, 'keys')));
  const rows: CountRow[] = [];
  let today: Report[] = [];
  let snapshot: PolicySnapshot | null = null;
  let served = effectivePolicy(null);
  return {
    name: 'shipped',
    served: () => served,
    allocationFor: () => undefined,
    report(e) {
      const shown = e.decision.tier > 0;
      const outcome = { arm: armOf(e), clicked: shown && e.bought, copied: shown && e.bought, redeemed: shown && e.bought, orderValue: e.bought ? e.cart : null, satisfaction: 'none' as const };
      today.push(privatizeReport(outcome, { day: e.day, policyVersion: served.policy.version, epsilon: served.epsilon, rng: noise, randomBytes }));
    },
    endOfDay(_d, day) {
      rows.push(...countCells(today));
      today = [];
      const servedDay = day + 1;
      const window = rows.filter((row) => row.day >= servedDay - s.windowDays + 1 && row.day <= servedDay - 1 - s.reportLagDays);
      if (window.length > 0 || snapshot !== null) {
        const estimate = { ...DEFAULT_ESTIMATE_SETTINGS, explorationRate: s.explorationRate };
        // modelPrior null: what the collector runs with unless the merchant sets one (settings.ts).
        snapshot = updatePolicy({ previous: snapshot, arms: measuredArms(window, estimate), modelPrior: null, settings: estimate });
      }
      served = effectivePolicy(snapshot);
    },
    privacy: () => ({
      epsilonPerDeviceWeek: served.budget.weeklyEpsilon,
      delta: 0,
      trustModel: `local DP: every report is randomised on the device (ε = ${served.epsilon.toFixed(3)} per report, at most ${served.budget.maxReportsPerDay} a day and ε ${served.budget.weeklyEpsilon.toFixed(3)} a week); no server is trusted`,
    }),
    state: () => snapshot,
  };
}

/** Settings of the per-context loop. */
export interface CellsSettings {
  spec: CellSpec;
  dp: CentralDpSettings;
  /** Longest aggregation batch in days (batches grow 1, 2, … days up to it; core/learning/batches.ts). */
  maxBatchDays: number;
  /** Days of batches a policy is learned from: the batches that ended within the last `windowDays`. */
  windowDays: number;
  reportLagDays: number;
  holdoutRate: number;
  tuning: Partial<LearnerTuning>;
}

export const DEFAULT_CELLS: Readonly<CellsSettings> = Object.freeze({ spec: DEFAULT_CELL_SPEC, dp: DEFAULT_CENTRAL_DP, maxBatchDays: 7, windowDays: 28, reportLagDays: 1, holdoutRate: 0.05, tuning: {} });

/** What the per-context loop needs to know about the model: each session's cell inputs and the model's prior. */
export interface CellInputs {
  records: readonly RawFeatureRecord[];
  /** Model scores, records × levels, row-major. */
  scores: Float64Array;
  levels: readonly number[];
}

/** The next product loop: per-context Thompson allocation learned from central-DP aggregates. */
export function cellsLoop(seed: number, inputs: CellInputs, settings: Partial<CellsSettings> = {}): LearningLoop {
  const s: CellsSettings = { ...DEFAULT_CELLS, ...settings };
  const { spec } = s;
  const zero = inputs.levels.indexOf(0);
  if (zero < 0) throw new RangeError(`'inputs.levels' passed to 'cellsLoop' must include tier 0`);
  const k = inputs.levels.length;
  const cellAt = (session: number, orderValue: number) => cellOf(inputs.records[session]!, inputs.scores[session * k + zero]!, orderValue, spec);
  // The prior pools order values, so any one will do here.
  const prior = cellPrior(Int32Array.from(inputs.records, (_, i) => cellAt(i, 0)), inputs.scores, inputs.levels, spec);
  const aggregation = createIdealAggregation(measurementLength(spec), s.dp, uniformSourceFromRng(mulberry32(deriveSeed(seed, 'central-noise'))));
  const released: ReleasedBatch[] = [];
  const endOf = (batch: number) => batchStart(batch + 1, s.maxBatchDays) - 1;
  const learn = (d = 0) => nightlyCellPolicy({ spec, batches: released.filter((b) => endOf(b.batch) > d - s.windowDays), prior, grossMargin: base.policy.grossMargin, tuning: s.tuning });
  const defaults = effectivePolicy(null);
  const base: EffectivePolicy = { ...defaults, policy: { ...defaults.policy, holdoutRate: s.holdoutRate, explorationRate: 0 } };
  let { policy, stopLoss } = learn();
  let version = 1;
  let served: EffectivePolicy = { ...base, policy: { ...base.policy, version: String(version) } };
  let nextBatch = 0;
  return {
    name: 'cells',
    cells: { count: cellCount(spec), of: cellAt },
    served: () => served,
    allocationFor(session, orderValue) {
      const weights = policy.cells[cellAt(session, orderValue)]!.weights;
      return Object.fromEntries(LEARNING_TIERS.map((tier, t) => [String(tier), weights[t]!]));
    },
    report(e) {
      const arm: LearningTier | 'holdout' = e.holdout ? 'holdout' : (e.decision.tier as LearningTier);
      aggregation.submit(batchOfDay(e.d, s.maxBatchDays), measurementIndex(spec, cellAt(e.session, e.decision.orderValue), arm, e.bought));
    },
    endOfDay(d) {
      // A batch is released once every report of its days has arrived.
      let changed = false;
      while (endOf(nextBatch) + s.reportLagDays <= d) {
        const batch = aggregation.release(nextBatch++);
        if (batch) released.push(batch);
        changed = true;
      }
      if (!changed) return;
      const next = learn(d);
      if (next.policy.hash !== policy.hash) served = { ...base, policy: { ...base.policy, version: String(++version) } };
      ({ policy, stopLoss } = next);
    },
    privacy: () => ({
      epsilonPerDeviceWeek: centralEpsilon(s.dp),
      delta: s.dp.delta,
      trustModel: `central DP: at most ${s.dp.reportsPerDeviceWeek} report(s) per device per week, each one entry of a (cell × arm × outcome) sum; every batch (1, 2, … up to ${s.maxBatchDays} days) is released once with discrete Gaussian noise (σ ${released[0]?.sigma.toFixed(2) ?? '-'}); the aggregator is trusted with the sums (the ideal functionality a two-aggregator Prio3 deployment computes without it)`,
    }),
    state: () => ({ batches: policy.batches, stopLoss, cells: policy.cells.map((c) => ({ cell: c.cell, exposures: Math.round(c.arms.reduce((a, arm) => a + arm.exposures, 0)), exploration: c.exploration, weights: c.weights })) }),
  };
}
