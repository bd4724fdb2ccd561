/**
 * The collector's and dashboard's dependencies, and how their defaults are
 * filled in, so both mount from one object and can never disagree on ε or k.
 */
import { parsePolicyConfig } from '../../core/policy';
import type { Context } from 'hono';
import { peerAddress } from '../lib/clientAddress';
import { closedMerchantGuard, type MerchantGuard } from '../merchants';
import type { Db } from '../db';
import { DEFAULT_BUCKET_VALUES, DEFAULT_BUDGET, DEFAULT_EPSILON, DEFAULT_K, EPSILON_RANGE, ORDER_VALUE_BUCKETS, type BudgetPolicy } from '../../core/privacy';
import type { EstimateSettings } from './estimatesView';
import { SqlitePolicyStore, type PolicyStore } from './policyStore';
import { SqliteReportStore, type ReportStore } from './reportStore';
import { parsePageValueTable, type PageValueTable } from '../../core/pageValues';
import {
  DEFAULT_CENTRAL_DP,
  DEFAULT_TUNING,
  LEARNING_TIERS,
  parseCellPriorFile,
  type CellPriorFile,
  type CentralDpSettings,
  type LearnerTuning,
} from '../../core/learning';
import { MAX_REPORT_AGE_DAYS } from '../../core/privacy/report';
import { cryptoUniformSource, type UniformSource } from '../../core/privacy/discreteNoise';
import { SqliteMeasurementStore, type MeasurementStore } from './measurementStore';

/** Which channel devices report on: local DP per report, or central DP over batched sums. */
export type ReportChannel = 'local' | 'central';

/** What `mountCollector` and `mountDashboard` take. Everything but `db` is optional. */
export interface CollectorDeps {
  db: Db;
  /** Clock, epoch ms. */
  now?: () => number;
  /** k-threshold (default 50). */
  k?: number;
  /** Per-report ε devices are told to use (default ln 3). */
  epsilon?: number;
  budget?: BudgetPolicy;
  /** Gross margin for profit (default 0.4). */
  grossMargin?: number;
  /** Share of decisions devices explore (default 0.05). */
  explorationRate?: number;
  /** Value assumed per order value bucket (default midpoints, 300 for "> 200"). */
  bucketValues?: readonly number[];
  /** Model's mean P(buy | tier) per arm, by tier; without it calibration stays at 1. */
  modelPrior?: Readonly<Record<string, number>> | null;
  /** Token for `POST /v1/config/recompute` (TAILOR_ADMIN_TOKEN); unset = that endpoint is disabled. */
  adminToken?: string;
  /**
   * The merchant's offer policy (tiers, margins, caps, cool-down, excluded pages,
   * budget, holdout and exploration rates…; see `PolicyConfig` in core/policy),
   * served to devices in `GET /v1/config` as `policy`. Validated at start-up.
   */
  merchantPolicy?: Record<string, unknown>;
  /** The tiers the devices' offer model can score; a merchant tier outside them is refused at start-up. */
  scorableTiers?: ScorableTiers | null;
  /**
   * The site-wide page-value table (`tailor page-values`), served to devices in `GET /v1/config` as `pageValues`
   * so first visits price PageValues as GA does. Validated at start-up.
   */
  pageValues?: PageValueTable | null;
  /** Uploads per client per window (default 60 per minute). */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * The client's address, for rate limiting only (hashed, never stored).
   * Default: the TCP peer. Behind a reverse proxy, read the proxy's header here.
   */
  clientAddress?: (c: Context) => string | undefined;
  /** Config recomputation interval in minutes (default 15) and window in days (default 28). */
  recomputeMinutes?: number;
  windowDays?: number;
  /** Replace the SQLite stores (e.g. with a shared database). */
  reportStore?: ReportStore;
  policyStore?: PolicyStore;
  /** Default 'local'. 'central' serves per-cell allocations and takes `POST /v1/measurements`. */
  reportChannel?: ReportChannel;
  /** The model bundle's cell prior (models/<bundle>/cells.json); required on the central channel. */
  cellPrior?: CellPriorFile | null;
  /** Central DP: ε and δ per device per week, the contribution bound and k (default DEFAULT_CENTRAL_DP). */
  centralDp?: CentralDpSettings;
  /** Longest batch in days (default 7): batches grow 1, 2, … days up to it. */
  maxBatchDays?: number;
  /**
   * Days a batch stays open after its last day (default 2): a decision's outcome window is 24 h and devices
   * send with up to 6 h jitter, so a report arrives a day or so after its decision day.
   */
  reportLagDays?: number;
  /** Overrides of the learner's knobs (DEFAULT_TUNING). */
  learnerTuning?: Partial<LearnerTuning>;
  /** Where the central noise comes from (default the CSPRNG; tests pass a seeded source). */
  noiseSource?: UniformSource;
  /** Replace the SQLite measurement store. */
  measurementStore?: MeasurementStore;
  /**
   * Who may read estimates and learning state (src/server/merchants). Unset, no one may: a collector mounted
   * without merchants keeps its merchant data closed rather than open.
   */
  merchants?: MerchantGuard;
}

/** The central channel's settings, resolved (present only when the channel is central). */
export interface CentralSettings {
  cellPrior: CellPriorFile;
  dp: CentralDpSettings;
  maxBatchDays: number;
  reportLagDays: number;
  tuning: Partial<LearnerTuning>;
  noise: UniformSource;
}

/** Deps with every default filled in. */
export interface ResolvedDeps {
  now: () => number;
  settings: EstimateSettings & { explorationRate: number };
  modelPrior: Readonly<Record<string, number>> | null;
  adminToken: string | null;
  merchantPolicy: Record<string, unknown> | null;
  pageValues: PageValueTable | null;
  rateLimit: { limit: number; windowMs: number };
  clientAddress: (c: Context) => string | undefined;
  recomputeMs: number;
  windowDays: number;
  reports: ReportStore;
  policies: PolicyStore;
  reportChannel: ReportChannel;
  /** Null on the local channel. */
  central: CentralSettings | null;
  measurements: MeasurementStore;
  merchants: MerchantGuard;
}

function check(ok: boolean, field: string, rule: string, got: unknown): void {
  if (!ok) throw new RangeError(`'deps.${field}' passed to 'mountCollector' must be ${rule}, got ${JSON.stringify(got)}`);
}

/** Fills in defaults and validates. */
export function resolveDeps(deps: CollectorDeps): ResolvedDeps {
  const epsilon = deps.epsilon ?? DEFAULT_EPSILON;
  check(epsilon >= EPSILON_RANGE[0]! && epsilon <= EPSILON_RANGE[1]!, 'epsilon', `in [${EPSILON_RANGE.join(', ')}]`, epsilon);
  const k = deps.k ?? DEFAULT_K;
  check(Number.isInteger(k) && k >= 1, 'k', 'an integer ≥ 1', k);
  const grossMargin = deps.grossMargin ?? 0.4;
  check(grossMargin >= 0 && grossMargin <= 1, 'grossMargin', 'in [0, 1]', grossMargin);
  const explorationRate = deps.explorationRate ?? 0.05;
  check(explorationRate >= 0 && explorationRate <= 1, 'explorationRate', 'in [0, 1]', explorationRate);
  const bucketValues = deps.bucketValues ?? DEFAULT_BUCKET_VALUES;
  check(bucketValues.length === ORDER_VALUE_BUCKETS && bucketValues[0] === 0 && bucketValues.every((v) => v >= 0), 'bucketValues', `${ORDER_VALUE_BUCKETS} values ≥ 0 starting with 0`, bucketValues);
  const merchant = deps.merchantPolicy ? checkedMerchantPolicy(deps.merchantPolicy, deps.scorableTiers ?? null) : null;
  const channel = deps.reportChannel ?? 'local';
  check(channel === 'local' || channel === 'central', 'reportChannel', "'local' or 'central'", channel);
  const windowDays = deps.windowDays ?? 28;
  check(Number.isInteger(windowDays) && windowDays >= 1 && windowDays <= 366, 'windowDays', 'an integer in [1, 366]', windowDays);
  return {
    now: deps.now ?? Date.now,
    settings: {
      epsilon, k, budget: deps.budget ?? DEFAULT_BUDGET, grossMargin, bucketValues, fallbackOrderValue: 50, explorationRate,
      ...(merchant ? { tiers: merchant.tiers } : {}),
    },
    modelPrior: deps.modelPrior ?? null,
    adminToken: deps.adminToken ? deps.adminToken : null,
    merchantPolicy: merchant?.policy ?? null,
    pageValues: deps.pageValues ? parsePageValueTable(deps.pageValues, 'mountCollector') : null,
    rateLimit: deps.rateLimit ?? { limit: 60, windowMs: 60_000 },
    clientAddress: deps.clientAddress ?? peerAddress,
    recomputeMs: (deps.recomputeMinutes ?? 15) * 60_000,
    windowDays,
    reports: deps.reportStore ?? new SqliteReportStore(deps.db),
    policies: deps.policyStore ?? new SqlitePolicyStore(deps.db),
    reportChannel: channel,
    central: channel === 'central' ? resolveCentral(deps, grossMargin, merchant?.tiers ?? null) : null,
    measurements: deps.measurementStore ?? new SqliteMeasurementStore(deps.db),
    merchants: deps.merchants ?? closedMerchantGuard(),
  };
}

/**
 * The central channel's settings, checked as devices and the learner would check them: a config devices
 * refuse (parseServedCells) or a tuning the learner cannot use must fail the start, not every request.
 */
function resolveCentral(deps: CollectorDeps, grossMargin: number, merchantTiers: readonly number[] | null): CentralSettings {
  if (!deps.cellPrior) {
    throw new RangeError("'deps.cellPrior' passed to 'mountCollector' is required when 'deps.reportChannel' is 'central': the learner starts every cell from the model bundle's prior (models/<bundle>/cells.json)");
  }
  const cellPrior = parseCellPriorFile(deps.cellPrior, "'deps.cellPrior' passed to 'mountCollector'");
  // The learner divides by the margin left after the discount; 0 or 1 would make every tier equal or free.
  check(grossMargin > 0 && grossMargin < 1, 'grossMargin', "in (0, 1) on the central channel", grossMargin);
  if (merchantTiers) {
    const unmeasured = merchantTiers.filter((t) => !(LEARNING_TIERS as readonly number[]).includes(t));
    // Devices fall back to the local channel when a merchant tier is not a learning tier: refuse that split now.
    check(unmeasured.length === 0, 'merchantPolicy.tiers', `learning tiers (${LEARNING_TIERS.filter((t) => t > 0).join(', ')}) on the central channel`, merchantTiers);
  }
  const dp = deps.centralDp ?? DEFAULT_CENTRAL_DP;
  check(dp.epsilon > 0 && dp.epsilon <= 8, 'centralDp.epsilon', 'in (0, 8]', dp.epsilon);
  check(dp.delta > 0 && dp.delta < 1e-3, 'centralDp.delta', 'in (0, 1e-3)', dp.delta);
  check(Number.isInteger(dp.reportsPerDeviceWeek) && dp.reportsPerDeviceWeek >= 1 && dp.reportsPerDeviceWeek <= 14, 'centralDp.reportsPerDeviceWeek', 'an integer in [1, 14]', dp.reportsPerDeviceWeek);
  check(Number.isInteger(dp.k) && dp.k >= 1, 'centralDp.k', 'an integer ≥ 1', dp.k);
  const maxBatchDays = deps.maxBatchDays ?? 7;
  check(Number.isInteger(maxBatchDays) && maxBatchDays >= 1 && maxBatchDays <= 28, 'maxBatchDays', 'an integer in [1, 28]', maxBatchDays);
  const reportLagDays = deps.reportLagDays ?? 2;
  // Past the acceptance window nothing more can arrive, so a longer lag only delays learning.
  check(Number.isInteger(reportLagDays) && reportLagDays >= 0 && reportLagDays <= MAX_REPORT_AGE_DAYS, 'reportLagDays', `an integer in [0, ${MAX_REPORT_AGE_DAYS}]`, reportLagDays);
  return {
    cellPrior,
    dp: Object.freeze({ epsilon: dp.epsilon, delta: dp.delta, reportsPerDeviceWeek: dp.reportsPerDeviceWeek, k: dp.k }),
    maxBatchDays,
    reportLagDays,
    tuning: checkedTuning(deps.learnerTuning ?? {}),
    noise: deps.noiseSource ?? cryptoUniformSource(),
  };
}

/** Checks the learner overrides against the ranges its formulas assume. */
function checkedTuning(tuning: Partial<LearnerTuning>): Partial<LearnerTuning> {
  const t = { ...DEFAULT_TUNING, ...tuning };
  check(t.priorWeight > 0 && Number.isFinite(t.priorWeight), 'learnerTuning.priorWeight', 'a finite number > 0', t.priorWeight);
  check(t.explorationStart >= 0 && t.explorationStart <= 1, 'learnerTuning.explorationStart', 'in [0, 1]', t.explorationStart);
  check(t.explorationFloor >= 0 && t.explorationFloor <= t.explorationStart, 'learnerTuning.explorationFloor', `in [0, explorationStart = ${t.explorationStart}]`, t.explorationFloor);
  check(t.explorationHalfLife > 0 && Number.isFinite(t.explorationHalfLife), 'learnerTuning.explorationHalfLife', 'a finite number > 0', t.explorationHalfLife);
  check(Number.isInteger(t.draws) && t.draws >= 1 && t.draws <= 100_000, 'learnerTuning.draws', 'an integer in [1, 100000]', t.draws);
  check(typeof t.poolUplift === 'boolean', 'learnerTuning.poolUplift', 'a boolean', t.poolUplift);
  return { ...tuning };
}

/**
 * Fails fast (naming the field) on a merchant policy the devices would reject, and on a tier the offer model
 * cannot score: between two tiers it was trained on a tier is interpolated (core/model/tierScores.ts), outside
 * them it would never be offered.
 */
function checkedMerchantPolicy(policy: Record<string, unknown>, scorable: ScorableTiers | null): { policy: Record<string, unknown>; tiers: number[] } {
  const { tiers } = parsePolicyConfig({ ...policy, version: 'default' });
  if (scorable) {
    for (const tier of tiers) {
      if (tier < scorable.min || tier > scorable.max) {
        throw new RangeError(`'tiers' passed to 'mountCollector': ${tier} % is outside ${scorable.min}–${scorable.max} %, the discounts the offer model (${scorable.model}) can score; devices would never offer it. Use tiers within that range, or retrain the model with it.`);
      }
    }
  }
  return { policy: { ...policy }, tiers };
}

/** The range of discounts the shipped offer model scores (its treatment levels, 0 excluded). */
export interface ScorableTiers {
  readonly min: number;
  readonly max: number;
  /** Which model, for the error message. */
  readonly model: string;
}
