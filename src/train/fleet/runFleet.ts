/**
 * The whole learning loop, day by day, on the real code paths:
 *   served snapshot → `effectivePolicy` (what a device applies) → model scores of the device's feature record
 *   (`scoreTiers`, the worker's vectorizer, forward pass and calibration) → `decide` → the true outcome drawn
 *   from the truth world → `privatizeReport` (the real noise) → `countCells` (the only form the server keeps)
 *   → `measuredArms` over the collector's window → `updatePolicy` → the next snapshot.
 * Nothing here re-implements a step of the product; it only plays the shoppers and the clock.
 *
 * Timing, as in production: a decision's outcome window is 24 h, so the reports of day d's decisions reach the
 * server during day d + 1 and first count in the config served on day d + 2 (`reportLagDays` = 1).
 * Every shopper is a new device (one visit, at most one report), so the device's privacy spend per week is the
 * spend of one report, bounded by the budget the config serves.
 *
 * Figures are true expected profits, E[profit | tier] = P_true(buy | tier) × cart × (margin − tier / 100), so
 * the comparisons carry no outcome-sampling noise; only the policy's own choices and the reports are random.
 */
import { deriveSeed, mulberry32, randomInt, type Rng } from '../../core/lib/random';
import type { Decision, EffectivePolicy, PolicyConfig, ShopperState, TierScore } from '../../core/policy';
import { DEFAULT_POLICY, decide, effectivePolicy } from '../../core/policy';
import {
  DEFAULT_ESTIMATE_SETTINGS,
  countCells,
  measuredArms,
  privatizeReport,
  updatePolicy,
  type Arm,
  type CountRow,
  type PolicySnapshot,
  type Report,
} from '../../core/privacy';
import { drawCartValue } from '../discount/simulate';
import { DEFAULT_SIMULATION } from '../discount/simulationConfig';
import { offlinePolicy } from '../discount/decideRows';
import { scoreTiers, type DiscountModel } from '../discount/discountModel';
import type { TruthWorld } from './truthModule';
import type { FleetSessions } from './uciSessions';

/** The tiers a truth world answers for. */
export const WORLD_TIERS = [0, 5, 10, 15, 20] as const;

/** The collector's defaults that shape the loop (src/server/collector/settings.ts). */
export interface LoopSettings {
  /** Exploration rate the collector serves (TAILOR_EXPLORATION_RATE; default 0.05). */
  explorationRate: number;
  /** Days of reports a config is computed from (default 28). */
  windowDays: number;
  /** Days between a decision and the first config its report counts in, minus one (default 1). */
  reportLagDays: number;
}

export const DEFAULT_LOOP: Readonly<LoopSettings> = Object.freeze({ explorationRate: 0.05, windowDays: 28, reportLagDays: 1 });

/** What a run needs. */
export interface FleetOptions {
  world: TruthWorld;
  population: FleetSessions;
  model: DiscountModel;
  shoppersPerDay: number;
  days: number;
  seed: number;
  loop?: Partial<LoopSettings>;
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
  arm: Arm;
}

/** A finished run. */
export interface FleetRun {
  days: FleetDay[];
  /** The last snapshot the server computed. */
  snapshot: PolicySnapshot | null;
  /** The settings the last day was served with. */
  served: EffectivePolicy;
  reports: number;
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

function armOf(decision: Decision): Arm {
  if (decision.kind === 'holdout') return 'holdout';
  return decision.tier > 0 ? (`tier${decision.tier}` as Arm) : 'none';
}

function byteSource(rng: Rng): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
}

/** Named, independent random streams: changing how one is used leaves the others' draws alone. */
function streams(seed: number) {
  const stream = (label: string) => mulberry32(deriveSeed(seed, label));
  return { sessions: stream('sessions'), carts: stream('carts'), holdout: stream('holdout'), decide: stream('decide'), outcomes: stream('outcomes'), noise: stream('noise'), keys: stream('keys') };
}

/** Sums of one day, turned into means by {@link closeDay}. */
interface DayTotals {
  policy: number;
  static: number;
  staticFull: number;
  none: number;
  blanket10: number;
  oracle: number;
  offers: number;
}

const emptyTotals = (): DayTotals => ({ policy: 0, static: 0, staticFull: 0, none: 0, blanket10: 0, oracle: 0, offers: 0 });

/** The server side at the end of a day: the config it will serve next, from the reports that have arrived. */
function nextSnapshot(previous: PolicySnapshot | null, rows: readonly CountRow[], servedDay: number, loop: LoopSettings): PolicySnapshot | null {
  const fromDay = servedDay - loop.windowDays + 1;
  const lastArrived = servedDay - 1 - loop.reportLagDays;
  const window = rows.filter((row) => row.day >= fromDay && row.day <= lastArrived);
  if (window.length === 0 && previous === null) return null;
  const settings = { ...DEFAULT_ESTIMATE_SETTINGS, explorationRate: loop.explorationRate };
  // modelPrior null: what the collector runs with unless the merchant sets one (settings.ts).
  return updatePolicy({ previous, arms: measuredArms(window, settings), modelPrior: null, settings });
}

/** Runs the loop; deterministic for a given seed, world, population and model. */
export function runFleet(options: FleetOptions): FleetRun {
  const { world, population, model, shoppersPerDay, days } = options;
  if (!Number.isInteger(shoppersPerDay) || shoppersPerDay < 1) throw new RangeError(`'shoppersPerDay' passed to 'runFleet' must be a positive integer, got ${String(shoppersPerDay)}`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`'days' passed to 'runFleet' must be a positive integer, got ${String(days)}`);
  const n = population.sessions.length;
  if (n === 0 || population.device.length !== n || population.full.length !== n) throw new RangeError(`'population' passed to 'runFleet' must hold as many device and full records as sessions (${n})`);
  const loop: LoopSettings = { ...DEFAULT_LOOP, ...options.loop };
  const truth = truthTable(world, population);
  const deviceScores = scoreTiers(model, population.device);
  const fullScores = scoreTiers(model, population.full);
  const staticPolicy: PolicyConfig = offlinePolicy(DEFAULT_POLICY);
  const rng = streams(options.seed);
  const randomBytes = byteSource(rng.keys);
  const k = WORLD_TIERS.length;
  const trueP = (i: number, tier: number): number => {
    const t = WORLD_TIERS.indexOf(tier as (typeof WORLD_TIERS)[number]);
    if (t < 0) throw new RangeError(`'runFleet': the policy chose tier ${tier}, which the truth world does not answer for (${WORLD_TIERS.join(', ')})`);
    return truth[i * k + t]!;
  };

  const rows: CountRow[] = [];
  const out: FleetDay[] = [];
  let snapshot: PolicySnapshot | null = null;
  let served = effectivePolicy(null);
  let reportCount = 0;
  for (let d = 0; d < days; d++) {
    const day = START_DAY + d;
    served = effectivePolicy(snapshot);
    const { policy } = served;
    const margin = policy.grossMargin;
    const totals = emptyTotals();
    const reports: Report[] = [];
    for (let s = 0; s < shoppersPerDay; s++) {
      const i = randomInt(rng.sessions, n);
      const cart = world.cartValue ? world.cartValue(population.sessions[i]!, rng.carts, i) : drawCartValue(DEFAULT_SIMULATION.cart, population.full[i]!, rng.carts);
      const value = (tier: number) => trueP(i, tier) * cart * (margin - tier / 100);
      const ctx = { pageType: 'cart', orderValue: cart, now: day * 86_400_000 };
      const holdout = rng.holdout() < policy.holdoutRate;
      const decision = decide(tierScores(model.levels, deviceScores, i), ctx, { ...FRESH, holdout }, policy, rng.decide);
      const arm = armOf(decision);
      options.onDecision?.({ day: d, session: i, decision, served, arm });
      totals.policy += value(decision.tier);
      totals.static += value(decide(tierScores(model.levels, deviceScores, i), ctx, FRESH, staticPolicy, rng.decide).tier);
      totals.staticFull += value(decide(tierScores(model.levels, fullScores, i), ctx, FRESH, staticPolicy, rng.decide).tier);
      totals.none += value(0);
      totals.blanket10 += value(10);
      totals.oracle += Math.max(...WORLD_TIERS.map(value));
      if (decision.tier > 0) totals.offers += 1;
      const bought = rng.outcomes() < trueP(i, decision.tier);
      const shown = decision.tier > 0;
      reports.push(
        privatizeReport(
          { arm, clicked: shown && bought, copied: shown && bought, redeemed: shown && bought, orderValue: bought ? cart : null, satisfaction: 'none' },
          { day, policyVersion: policy.version, epsilon: served.epsilon, rng: rng.noise, randomBytes },
        ),
      );
    }
    rows.push(...countCells(reports));
    reportCount += reports.length;
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
      reports: reports.length,
    };
    out.push(result);
    options.onDay?.(result);
    snapshot = nextSnapshot(snapshot, rows, day + 1, loop);
  }
  return { days: out, snapshot, served, reports: reportCount };
}
