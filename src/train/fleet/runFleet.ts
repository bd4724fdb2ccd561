/**
 * The whole learning loop, day by day, on the product's own pieces: what the server serves → `decide` on the
 * device (model scores of the record a device computes, via `scoreTiers`: the worker's vectorizer, forward
 * pass and calibration) → the true outcome drawn from the truth world → the loop's report path → the server's
 * nightly update → what it serves next. The two loops (loops.ts) differ in what a report is and what the
 * server learns; nothing here re-implements a step of either, it only plays the shoppers and the clock.
 *
 * Timing, as in production: a decision's outcome window is 24 h, so the reports of day d's decisions reach the
 * server during day d + 1 and first count in what is served on day d + 2.
 * Every shopper is a new device (one visit, at most one report): the contribution bound never binds here, its
 * enforcement is the device ledger's (core/learning/contribution.ts, tested on its own).
 *
 * Figures are true expected profits, E[profit | tier] = P_true(buy | tier) × cart × (margin − tier / 100), so
 * the comparisons carry no outcome-sampling noise; only the policy's own choices and the reports are random.
 */
import { deriveSeed, mulberry32, randomInt } from '../../core/lib/random';
import type { Decision, EffectivePolicy, PolicyConfig, ShopperState, TierScore } from '../../core/policy';
import { DEFAULT_POLICY, decide } from '../../core/policy';
import type { Arm } from '../../core/privacy';
import { drawCartValue } from '../discount/simulate';
import { DEFAULT_SIMULATION } from '../discount/simulationConfig';
import { offlinePolicy } from '../discount/decideRows';
import { scoreTiers, type DiscountModel } from '../discount/discountModel';
import { DEFAULT_CELL_SPEC } from '../../core/learning';
import { cellsLoop, shippedLoop, type CellsSettings, type LearningLoop, type LoopPrivacy, type ShippedSettings } from './loops';
import { FINAL_DAYS } from './fleetSummary';
import type { TruthWorld } from './truthModule';
import type { FleetSessions } from './uciSessions';

/** The tiers a truth world answers for. */
export const WORLD_TIERS = [0, 5, 10, 15, 20] as const;

/** Which loop runs: today's product loop, or per-context learning on central-DP aggregates. */
export type LoopName = 'shipped' | 'cells';

/** What a run needs. */
export interface FleetOptions {
  world: TruthWorld;
  population: FleetSessions;
  model: DiscountModel;
  shoppersPerDay: number;
  days: number;
  seed: number;
  /** Default 'cells'. */
  loop?: LoopName;
  shipped?: Partial<ShippedSettings>;
  cells?: Partial<CellsSettings>;
  /**
   * Cut the cells at these quantiles (in (0, 1)) of the model's P(buy | no discount) over the sessions' device
   * records, as `CellSpec.scoreCuts`; default none (the default spec's 12 cells).
   */
  scoreCutQuantiles?: readonly number[];
  /** Called after each simulated day. */
  onDay?: (day: FleetDay) => void;
  /** Called for every decision (tests read the served allocation and the recorded propensity here). */
  onDecision?: (record: FleetDecision) => void;
}

/** Mean true expected profit per shopper of each policy on one day, in the shop's currency. */
export interface FleetDay {
  day: number;
  sessions: number;
  /** The learning policy, as served (holdout and exploration included). */
  policy: number;
  /** The shipped policy with no learning, on the features a device computes (exploration and holdout off). */
  static: number;
  /** The same shipped policy on the row's full features (PageValues included), which no device has. */
  staticFull: number;
  none: number;
  blanket10: number;
  /** Argmax over tiers of the true expected margin. */
  oracle: number;
  /** Share of sessions shown an offer by the learning policy. */
  offerShare: number;
  policyVersion: string;
  reports: number;
}

/** One decision of the learning policy. */
export interface FleetDecision {
  day: number;
  session: number;
  decision: Decision;
  served: EffectivePolicy;
  /** The allocation the device drew from (the cells loop), if any. */
  allocation: Readonly<Record<string, number>> | undefined;
  arm: Arm;
}

/** A finished run. */
export interface FleetRun {
  loop: LoopName;
  days: FleetDay[];
  /** The last state the server computed. */
  state: unknown;
  /** The settings the last day was served with. */
  served: EffectivePolicy;
  privacy: LoopPrivacy;
  reports: number;
  /**
   * Mean profit per shopper over the last 7 days of the best fixed tier per context cell, chosen in hindsight
   * with the truth: the ceiling of any policy over the loop's cells (null for loops without cells).
   */
  cellBest: number | null;
}

/** A shopper with no offer history. */
const FRESH: Readonly<ShopperState> = Object.freeze({ holdout: false, bot: false, offersLastDay: 0, offersLastWeek: 0, lastDismissAt: null, committedCostToday: 0 });

/** The first simulated day (UTC day number of 2027-01-01); only differences between days matter. */
const START_DAY = Date.UTC(2027, 0, 1) / 86_400_000;

/** True P(buy | tier) of every session and world tier, row-major; checked once, before the first day. */
export function truthTable(world: TruthWorld, population: FleetSessions): Float64Array {
  const k = WORLD_TIERS.length;
  const table = new Float64Array(population.sessions.length * k);
  population.sessions.forEach((session, i) => {
    WORLD_TIERS.forEach((tier, t) => {
      table[i * k + t] = world.pBuy(session, tier, i);
    });
  });
  return table;
}

function tierScores(levels: readonly number[], scores: Float64Array, i: number): TierScore[] {
  const k = levels.length;
  return levels.map((tier, t) => ({ tier, p: scores[i * k + t]! }));
}


/** Named, independent random streams: changing how one is used leaves the others' draws alone. */
function streams(seed: number) {
  const stream = (label: string) => mulberry32(deriveSeed(seed, label));
  return { sessions: stream('sessions'), carts: stream('carts'), holdout: stream('holdout'), decide: stream('decide'), outcomes: stream('outcomes') };
}

/** The five profits of a day, summed over its shoppers (means once divided), and the offers shown. */
type DayTotals = Pick<FleetDay, 'policy' | 'static' | 'staticFull' | 'none' | 'blanket10' | 'oracle'> & { offers: number };

const emptyTotals = (): DayTotals => ({ policy: 0, static: 0, staticFull: 0, none: 0, blanket10: 0, oracle: 0, offers: 0 });

/** Runs the loop; deterministic for a given seed, world, population and model. */
/** Quantiles `qs` of the tier-0 column of row-major `scores` (rows × `levels`), ascending and distinct. */
export function baselineQuantiles(scores: ArrayLike<number>, levels: number, qs: readonly number[]): number[] {
  for (const q of qs) if (!(q > 0 && q < 1)) throw new RangeError(`'scoreCutQuantiles' passed to 'runFleet' must lie in (0, 1), got ${String(q)}`);
  const base = Float64Array.from({ length: scores.length / levels }, (_, i) => scores[i * levels]!).sort();
  const cuts = [...qs].sort((a, b) => a - b).map((q) => base[Math.floor(q * (base.length - 1))]!);
  return [...new Set(cuts)];
}

export function runFleet(options: FleetOptions): FleetRun {
  const { world, population, model, shoppersPerDay, days } = options;
  if (!Number.isInteger(shoppersPerDay) || shoppersPerDay < 1) throw new RangeError(`'shoppersPerDay' passed to 'runFleet' must be a positive integer, got ${String(shoppersPerDay)}`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`'days' passed to 'runFleet' must be a positive integer, got ${String(days)}`);
  const n = population.sessions.length;
  if (n === 0 || population.device.length !== n || population.full.length !== n) throw new RangeError(`'population' passed to 'runFleet' must hold as many device and full records as sessions (${n})`);
  const truth = truthTable(world, population);
  const deviceScores = scoreTiers(model, population.device);
  const fullScores = scoreTiers(model, population.full);
  const loopName: LoopName = options.loop ?? 'cells';
  const cells = options.scoreCutQuantiles?.length
    ? { ...options.cells, spec: { ...(options.cells?.spec ?? DEFAULT_CELL_SPEC), scoreCuts: baselineQuantiles(deviceScores, model.levels.length, options.scoreCutQuantiles) } }
    : options.cells;
  const loop: LearningLoop =
    loopName === 'shipped'
      ? shippedLoop(options.seed, options.shipped)
      : cellsLoop(options.seed, { records: population.device, scores: deviceScores, levels: model.levels }, cells);
  const staticPolicy: PolicyConfig = offlinePolicy(DEFAULT_POLICY);
  const rng = streams(options.seed);
  const k = WORLD_TIERS.length;
  const trueP = (i: number, tier: number): number => {
    const t = WORLD_TIERS.indexOf(tier as (typeof WORLD_TIERS)[number]);
    if (t < 0) throw new RangeError(`'runFleet': the policy chose tier ${tier}, which the truth world does not answer for (${WORLD_TIERS.join(', ')})`);
    return truth[i * k + t]!;
  };

  const out: FleetDay[] = [];
  let reportCount = 0;
  // Value of every world tier per cell, summed over the final days: the per-cell ceiling.
  const cellValues = loop.cells ? new Float64Array(loop.cells.count * WORLD_TIERS.length) : null;
  const finalFrom = Math.max(0, days - FINAL_DAYS);
  for (let d = 0; d < days; d++) {
    const day = START_DAY + d;
    const served = loop.served();
    const { policy } = served;
    const margin = policy.grossMargin;
    const totals = emptyTotals();
    for (let s = 0; s < shoppersPerDay; s++) {
      const i = randomInt(rng.sessions, n);
      const cart = world.cartValue ? world.cartValue(population.sessions[i]!, rng.carts, i) : drawCartValue(DEFAULT_SIMULATION.cart, population.full[i]!, rng.carts);
      const value = (tier: number) => trueP(i, tier) * cart * (margin - tier / 100);
      const allocation = loop.allocationFor(i, cart);
      const ctx = { pageType: 'cart', orderValue: cart, now: day * 86_400_000 };
      const holdout = rng.holdout() < policy.holdoutRate;
      const decision = decide(tierScores(model.levels, deviceScores, i), allocation ? { ...ctx, allocation } : ctx, { ...FRESH, holdout }, policy, rng.decide);
      const arm: Arm = holdout ? 'holdout' : decision.tier > 0 ? (`tier${decision.tier}` as Arm) : 'none';
      options.onDecision?.({ day: d, session: i, decision, served, allocation, arm });
      totals.policy += value(decision.tier);
      totals.static += value(decide(tierScores(model.levels, deviceScores, i), ctx, FRESH, staticPolicy, rng.decide).tier);
      totals.staticFull += value(decide(tierScores(model.levels, fullScores, i), ctx, FRESH, staticPolicy, rng.decide).tier);
      totals.none += value(0);
      totals.blanket10 += value(10);
      totals.oracle += Math.max(...WORLD_TIERS.map(value));
      if (cellValues && d >= finalFrom) {
        const c = loop.cells!.of(i, cart);
        WORLD_TIERS.forEach((tier, t) => (cellValues[c * WORLD_TIERS.length + t]! += value(tier)));
      }
      if (decision.tier > 0) totals.offers += 1;
      loop.report({ d, day, session: i, decision, holdout, bought: rng.outcomes() < trueP(i, decision.tier), cart });
    }
    reportCount += shoppersPerDay;
    const per = (x: number) => x / shoppersPerDay;
    const result: FleetDay = {
      day: d + 1,
      sessions: shoppersPerDay,
      policy: per(totals.policy),
      static: per(totals.static),
      staticFull: per(totals.staticFull),
      none: per(totals.none),
      blanket10: per(totals.blanket10),
      oracle: per(totals.oracle),
      offerShare: per(totals.offers),
      policyVersion: policy.version,
      reports: shoppersPerDay,
    };
    out.push(result);
    options.onDay?.(result);
    loop.endOfDay(d, day);
  }
  let cellBest: number | null = null;
  if (cellValues) {
    let best = 0;
    for (let c = 0; c < loop.cells!.count; c++) best += Math.max(...WORLD_TIERS.map((_, t) => cellValues[c * WORLD_TIERS.length + t]!));
    cellBest = best / ((days - finalFrom) * shoppersPerDay);
  }
  return { loop: loopName, days: out, state: loop.state(), served: loop.served(), privacy: loop.privacy(), reports: reportCount, cellBest };
}
