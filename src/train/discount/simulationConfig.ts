/**
 * Parameters of the semi-synthetic discount response (`tailor simulate-data --config FILE.json`):
 * which tiers the logging policy randomises over and with what probabilities, the shopper
 * segments and their response curves, and the cart-value distribution. Every field is optional
 * in the JSON; missing fields take DEFAULT_SIMULATION's values.
 *
 * Response of a session x in segment s to tier t (percent):
 *   P(buy | t, x) = clamp01( p0(x) + a_s × (1 − exp(−t / τ_s)) )
 * where p0 is the baseline fitted to the real Revenue label (see `truth.ts`).
 */
import { VISITOR_TYPE_LEVELS } from '../../core/features/spec';

/** Conditions on real session features; all given ones must hold. Bounds: min inclusive, max exclusive. */
export interface SegmentCondition {
  readonly minPageValues?: number;
  readonly maxPageValues?: number;
  readonly minProductRelated?: number;
  readonly maxProductRelated?: number;
  readonly visitorTypes?: readonly string[];
}

/** One segment: first matching rule wins; the last rule must match everything. */
export interface SegmentRule {
  readonly name: string;
  /** a_s: uplift in P(buy) approached at deep discounts (probability points, may be negative). */
  readonly maxUplift: number;
  /** τ_s in percent: at tier τ the uplift reaches 1 − 1/e ≈ 63 % of a_s. */
  readonly tau: number;
  readonly when: SegmentCondition;
}

/**
 * Cart value, log-normal and tied to browsing time:
 *   ln cart = ln median + durationSlope × (ln(1 + ProductRelated_Duration) − durationCenter) + sigma × N(0, 1),
 * clamped to [min, max] and rounded to cents.
 */
export interface CartDistribution {
  readonly median: number;
  readonly durationSlope: number;
  readonly durationCenter: number;
  readonly sigma: number;
  readonly min: number;
  readonly max: number;
}

/** The whole simulation configuration. */
export interface SimulationConfig {
  /** Tiers the logging policy chooses among, ascending, including 0. */
  readonly tiers: readonly number[];
  /** Logging probability of each tier (same order); null = uniform. */
  readonly propensities: readonly number[] | null;
  /** Gross margin the oracle policy is computed with. */
  readonly margin: number;
  readonly segments: readonly SegmentRule[];
  readonly cart: CartDistribution;
}

/** The documented default world. */
export const DEFAULT_SIMULATION: SimulationConfig = {
  tiers: [0, 5, 10, 15, 20],
  propensities: null,
  margin: 0.4,
  segments: [
    // Shoppers who already reached valuable pages buy anyway: a discount only gives margin away.
    { name: 'committed', maxUplift: 0.02, tau: 5, when: { minPageValues: 10 } },
    // Many product pages but no valuable page yet: comparison shopping; new visitors need a deeper discount.
    { name: 'browser_new', maxUplift: 0.35, tau: 15, when: { maxPageValues: 10, minProductRelated: 10, visitorTypes: ['New_Visitor'] } },
    { name: 'browser_returning', maxUplift: 0.15, tau: 6, when: { maxPageValues: 10, minProductRelated: 10 } },
    // Short visits: barely moved by a coupon.
    { name: 'casual', maxUplift: 0.02, tau: 8, when: {} },
  ],
  cart: { median: 45, durationSlope: 0.25, durationCenter: 6, sigma: 0.5, min: 5, max: 1000 },
};

const FN = 'parseSimulationConfig';

function fail(field: string, rule: string, got: unknown): never {
  throw new TypeError(`'${field}' passed to '${FN}' must be ${rule}, got ${JSON.stringify(got)}`);
}

function finite(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) fail(field, `a number in [${min}, ${max}]`, value);
  return value;
}

function condition(raw: unknown, field: string): SegmentCondition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(field, 'an object of conditions', raw);
  const c = raw as Record<string, unknown>;
  const known = ['minPageValues', 'maxPageValues', 'minProductRelated', 'maxProductRelated', 'visitorTypes'];
  for (const key of Object.keys(c)) if (!known.includes(key)) fail(`${field}.${key}`, `one of ${known.join(', ')}`, key);
  const out: Record<string, unknown> = {};
  for (const key of known.slice(0, 4)) if (c[key] !== undefined) out[key] = finite(c[key], `${field}.${key}`, 0, 1e9);
  if (c.visitorTypes !== undefined) {
    const v = c.visitorTypes;
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => (VISITOR_TYPE_LEVELS as readonly unknown[]).includes(x))) {
      fail(`${field}.visitorTypes`, `a non-empty array of ${VISITOR_TYPE_LEVELS.join(', ')}`, v);
    }
    out.visitorTypes = [...(v as string[])];
  }
  return out as SegmentCondition;
}

function segments(raw: unknown): SegmentRule[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 20) fail('segments', 'a non-empty array (≤ 20) of segment rules', raw);
  const rules = raw.map((s, i): SegmentRule => {
    const field = `segments[${i}]`;
    if (typeof s !== 'object' || s === null) fail(field, 'an object {name, maxUplift, tau, when}', s);
    const r = s as Record<string, unknown>;
    if (typeof r.name !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(r.name)) fail(`${field}.name`, 'a 1–40 character identifier', r.name);
    return { name: r.name, maxUplift: finite(r.maxUplift, `${field}.maxUplift`, -1, 1), tau: finite(r.tau, `${field}.tau`, 0.1, 1000), when: condition(r.when ?? {}, `${field}.when`) };
  });
  if (Object.keys(rules.at(-1)!.when).length > 0) fail(`segments[${rules.length - 1}].when`, 'empty: the last segment catches every session', rules.at(-1)!.when);
  if (new Set(rules.map((r) => r.name)).size !== rules.length) fail('segments', 'uniquely named', rules.map((r) => r.name));
  return rules;
}

function cart(raw: unknown): CartDistribution {
  if (raw === undefined) return DEFAULT_SIMULATION.cart;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('cart', 'an object', raw);
  const c = { ...DEFAULT_SIMULATION.cart, ...(raw as Record<string, unknown>) } as Record<keyof CartDistribution, unknown>;
  const out: CartDistribution = {
    median: finite(c.median, 'cart.median', 0.01, 1e6),
    durationSlope: finite(c.durationSlope, 'cart.durationSlope', -5, 5),
    durationCenter: finite(c.durationCenter, 'cart.durationCenter', 0, 20),
    sigma: finite(c.sigma, 'cart.sigma', 0, 5),
    min: finite(c.min, 'cart.min', 0.01, 1e6),
    max: finite(c.max, 'cart.max', 0.01, 1e7),
  };
  if (out.min > out.max) fail('cart.min', `at most cart.max (${out.max})`, out.min);
  return out;
}

/** Validates a (partial) simulation config over DEFAULT_SIMULATION; throws a TypeError naming the field. */
export function parseSimulationConfig(input: unknown): SimulationConfig {
  if (input === undefined || input === null) return DEFAULT_SIMULATION;
  if (typeof input !== 'object' || Array.isArray(input)) fail('config', 'an object', input);
  const raw = input as Record<string, unknown>;
  const known = ['tiers', 'propensities', 'margin', 'segments', 'cart'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) fail(key, `one of the fields ${known.join(', ')}`, key);
  const tiers = raw.tiers ?? DEFAULT_SIMULATION.tiers;
  if (!Array.isArray(tiers) || tiers.length < 2 || !tiers.every((t, i) => Number.isInteger(t) && t >= 0 && t < 100 && (i === 0 ? t === 0 : t > (tiers[i - 1] as number)))) {
    fail('tiers', 'an ascending array of ≥ 2 distinct integer percents starting at 0', tiers);
  }
  let propensities: number[] | null = null;
  if (raw.propensities !== undefined && raw.propensities !== null) {
    const p = raw.propensities;
    if (!Array.isArray(p) || p.length !== tiers.length || !p.every((x) => typeof x === 'number' && x > 0 && x <= 1)) {
      fail('propensities', `an array of ${tiers.length} probabilities in (0, 1], one per tier (every tier must be logged)`, p);
    }
    const sum = (p as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) fail('propensities', 'probabilities summing to 1', p);
    propensities = [...(p as number[])];
  }
  return {
    tiers: [...(tiers as number[])],
    propensities,
    margin: raw.margin === undefined ? DEFAULT_SIMULATION.margin : finite(raw.margin, 'margin', 0, 1),
    segments: raw.segments === undefined ? DEFAULT_SIMULATION.segments : segments(raw.segments),
    cart: cart(raw.cart),
  };
}

/** The logging probability of every tier (uniform when the config gives none). */
export function loggingPropensities(config: SimulationConfig): number[] {
  return config.propensities ? [...config.propensities] : config.tiers.map(() => 1 / config.tiers.length);
}
