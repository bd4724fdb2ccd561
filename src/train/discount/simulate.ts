/**
 * The semi-synthetic logged-offer generator behind `tailor simulate-data`. Real UCI sessions are
 * the shoppers; what no public data set has — how each shopper responds to each discount tier —
 * is simulated with a known truth, so a learned policy can be scored against the oracle.
 *
 * Per row: draw a real session (uniformly, with replacement, from the chosen pool), draw the
 * tier from the logging propensities, draw cart_value from the configured log-normal, and draw
 * `converted` ~ Bernoulli(P_true(buy | tier, x)). Converted rows buy the cart at its gross price
 * (order_value = cart_value). Each of these draws has its own seeded stream, so changing the
 * propensities does not change which sessions or carts are drawn.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import { deriveSeed, mulberry32, randomInt, randomNormal } from '../../core/lib/random';
import { BASELINE_DESIGN_NAMES, baselineDesign, num } from './lib/baselineDesign';
import { fitLogistic } from './lib/fitLogistic';
import type { LoggedRow } from './loggedFormat';
import type { CartDistribution, SimulationConfig } from './simulationConfig';
import { loggingPropensities } from './simulationConfig';
import type { SessionPool, SimulationTruth } from './truth';
import { TRUTH_FORMAT, TRUTH_FORMULA, trueConversion } from './truth';

/** Share of real sessions in the fixed 'holdout' pool (the rest form 'train'). */
export const HOLDOUT_FRACTION = 0.3;

/** L2 strength of the baseline logistic regression. */
export const BASELINE_L2 = 1e-3;

/** The real sessions a simulation starts from. */
export interface SimulationSource {
  readonly records: readonly RawFeatureRecord[];
  /** The real Revenue label, 0/1. */
  readonly labels: ArrayLike<number>;
  readonly file: string;
  readonly sha256: string;
}

/** Options of `simulateLogged`. */
export interface SimulateOptions {
  readonly rows: number;
  readonly seed: number;
  readonly pool: SessionPool;
  readonly config: SimulationConfig;
}

/**
 * Which pool a real session belongs to. Depends only on its row index (never on --seed), so a
 * 'train' file and a 'holdout' file never share a session whatever seeds made them.
 */
export function sessionPoolOf(index: number): 'train' | 'holdout' {
  return mulberry32(deriveSeed(index, 'tailor-discount-session-pool'))() < HOLDOUT_FRACTION ? 'holdout' : 'train';
}

/** Draws one cart value for a session. */
export function drawCartValue(cart: CartDistribution, record: RawFeatureRecord, rng: () => number): number {
  const log = Math.log(cart.median) + cart.durationSlope * (Math.log1p(num(record, 'ProductRelated_Duration')) - cart.durationCenter) + cart.sigma * randomNormal(rng);
  return Math.round(Math.min(cart.max, Math.max(cart.min, Math.exp(log))) * 100) / 100;
}

/** Fits the baseline p0(x) to the real label of every session. */
export function fitBaseline(source: SimulationSource): SimulationTruth['baseline'] {
  const k = BASELINE_DESIGN_NAMES.length;
  const x = new Float64Array(source.records.length * k);
  source.records.forEach((record, r) => x.set(baselineDesign(record), r * k));
  const coefficients = Array.from(fitLogistic(x, source.labels, k, BASELINE_L2), (w) => Number(w.toPrecision(12)));
  return { design: BASELINE_DESIGN_NAMES, coefficients, l2: BASELINE_L2, fittedOn: `Revenue of all ${source.records.length} sessions of ${source.file}` };
}

function drawIndex(cumulative: readonly number[], u: number): number {
  const i = cumulative.findIndex((c) => u < c);
  return i < 0 ? cumulative.length - 1 : i;
}

/** Simulates `options.rows` logged decisions and returns them with their truth. */
export function simulateLogged(source: SimulationSource, options: SimulateOptions): { rows: LoggedRow[]; truth: SimulationTruth } {
  const { config, seed, pool } = options;
  if (!Number.isInteger(options.rows) || options.rows < 1) throw new Error(`'rows' passed to 'simulateLogged' must be a positive integer, got ${options.rows}`);
  if (source.records.length !== source.labels.length || source.records.length === 0) {
    throw new Error(`'source' passed to 'simulateLogged' must have one label per record and at least one record`);
  }
  const sessions: number[] = [];
  for (let i = 0; i < source.records.length; i++) if (pool === 'all' || sessionPoolOf(i) === pool) sessions.push(i);
  if (sessions.length === 0) throw new Error(`'pool' passed to 'simulateLogged': no session falls in the '${pool}' pool`);

  const truth: SimulationTruth = {
    format: TRUTH_FORMAT,
    formatVersion: 1,
    formula: TRUTH_FORMULA,
    config,
    baseline: fitBaseline(source),
    source: { file: source.file, sha256: source.sha256, sessions: source.records.length },
    sampling: { pool, holdoutFraction: HOLDOUT_FRACTION, poolSessions: sessions.length, rows: options.rows, seed },
  };
  const propensities = loggingPropensities(config);
  const cumulative = propensities.map((_, i) => propensities.slice(0, i + 1).reduce((a, b) => a + b, 0));
  const rng = (label: string) => mulberry32(deriveSeed(seed, `simulate-${label}`));
  const [pickSession, pickTier, pickCart, pickOutcome] = [rng('sessions'), rng('tiers'), rng('carts'), rng('outcomes')];

  const rows: LoggedRow[] = [];
  for (let r = 0; r < options.rows; r++) {
    const record = source.records[sessions[randomInt(pickSession, sessions.length)]!]!;
    const t = drawIndex(cumulative, pickTier());
    const tier = config.tiers[t]!;
    const cartValue = drawCartValue(config.cart, record, pickCart);
    const converted = pickOutcome() < trueConversion(truth, record, tier) ? 1 : 0;
    rows.push({ record, cartValue, tier, propensity: propensities[t]!, converted, orderValue: converted ? cartValue : 0 });
  }
  return { rows, truth };
}
