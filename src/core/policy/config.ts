/**
 * The merchant's offer policy: tiers, margins, guardrails, holdout and
 * exploration. Validated once (config from the server or the CLI's
 * `--config`), with errors that name the field and the function.
 */

/** A validated policy configuration. */
export interface PolicyConfig {
  /** Version string of this policy (from the server's `/v1/config`, or 'default'); recorded with every decision. */
  version: string;
  /** Discount tiers in percent off, ascending, without 0 (no discount is always an option). */
  tiers: number[];
  /** Gross margin as a fraction of the order value (0.4 = 40 %). */
  grossMargin: number;
  /** Per-category gross margins, overriding `grossMargin`. */
  categoryMargins: Record<string, number>;
  /** Largest tier ever offered, in percent. */
  maxDiscount: number;
  /** Smallest gain in expected margin over no discount worth an offer, in the shop's currency. */
  minExpectedGain: number;
  /** Offers per shopper per rolling day / week. */
  maxOffersPerDay: number;
  maxOffersPerWeek: number;
  /** After a dismiss, no offer for this long (ms), across tabs. */
  cooldownMs: number;
  /** Page types where no offer is ever shown. */
  excludedPageTypes: string[];
  /** Expected discount cost a device may commit per day (currency); null = no budget. */
  dailyBudget: number | null;
  /** Share of devices in the sticky holdout (never shown an offer). */
  holdoutRate: number;
  /** Share of decisions that explore a uniformly random tier (logged with its propensity). */
  explorationRate: number;
  /** Order value assumed when neither a cart nor a product price is known. */
  defaultOrderValue: number;
  /** Server-learned multiplicative calibration of P(buy | tier), by tier (absent = 1). */
  calibration: Record<string, number>;
  /** Server-learned exploration weights by tier ('0' = no discount); absent or empty = uniform. */
  explorationWeights: Record<string, number>;
  /** How long a shown code stays valid (ms). */
  offerTtlMs: number;
}

/** The defaults `tailor decide` and the SDK use without a server config. */
export const DEFAULT_POLICY: Readonly<PolicyConfig> = Object.freeze({
  version: 'default',
  tiers: [5, 10, 15, 20],
  grossMargin: 0.4,
  categoryMargins: {},
  maxDiscount: 20,
  minExpectedGain: 0,
  maxOffersPerDay: 2,
  maxOffersPerWeek: 5,
  cooldownMs: 24 * 60 * 60 * 1000,
  excludedPageTypes: ['checkout', 'purchase'],
  dailyBudget: null,
  holdoutRate: 0.1,
  explorationRate: 0.05,
  defaultOrderValue: 50,
  calibration: {},
  explorationWeights: {},
  offerTtlMs: 30 * 60 * 1000,
});

const FN = 'parsePolicyConfig';

function fail(field: string, rule: string, got: unknown): never {
  throw new TypeError(`'${field}' passed to '${FN}' must be ${rule}, got ${JSON.stringify(got)}`);
}

function num(raw: Record<string, unknown>, field: keyof PolicyConfig, min: number, max: number, fallback: number): number {
  const v = raw[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(field, `a number in [${min}, ${max}]`, v);
  return v;
}

/** Validates a partial policy over {@link DEFAULT_POLICY}; throws a TypeError naming the field. */
export function parsePolicyConfig(input: unknown): PolicyConfig {
  if (input === undefined || input === null) return { ...DEFAULT_POLICY, tiers: [...DEFAULT_POLICY.tiers] };
  if (typeof input !== 'object' || Array.isArray(input)) fail('config', 'an object', input);
  const raw = input as Record<string, unknown>;
  const d = DEFAULT_POLICY;
  let tiers = d.tiers;
  if (raw.tiers !== undefined) {
    const t = raw.tiers;
    if (!Array.isArray(t) || t.length === 0 || t.length > 10 || !t.every((x) => typeof x === 'number' && Number.isInteger(x) && x > 0 && x < 100)) {
      fail('tiers', 'a non-empty array (≤ 10) of integer percents in 1–99', t);
    }
    tiers = [...new Set(t as number[])].sort((a, b) => a - b);
  }
  const grossMargin = num(raw, 'grossMargin', 0, 1, d.grossMargin);
  const categoryMargins: Record<string, number> = {};
  if (raw.categoryMargins !== undefined) {
    const cm = raw.categoryMargins;
    if (typeof cm !== 'object' || cm === null || Array.isArray(cm)) fail('categoryMargins', 'an object of category → margin in [0, 1]', cm);
    for (const [k, v] of Object.entries(cm as Record<string, unknown>)) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(`categoryMargins.${k}`, 'a number in [0, 1]', v);
      categoryMargins[k] = v;
    }
  }
  const calibration: Record<string, number> = {};
  if (raw.calibration !== undefined) {
    const c = raw.calibration;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) fail('calibration', 'an object of tier → factor in [0, 10]', c);
    for (const [k, v] of Object.entries(c as Record<string, unknown>)) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 10)) fail(`calibration.${k}`, 'a number in [0, 10]', v);
      calibration[k] = v;
    }
  }
  const explorationWeights: Record<string, number> = {};
  if (raw.explorationWeights !== undefined) {
    const w = raw.explorationWeights;
    if (typeof w !== 'object' || w === null || Array.isArray(w)) fail('explorationWeights', 'an object of tier → weight ≥ 0', w);
    for (const [k, v] of Object.entries(w as Record<string, unknown>)) {
      if (typeof v !== 'number' || !(v >= 0 && Number.isFinite(v))) fail(`explorationWeights.${k}`, 'a finite number ≥ 0', v);
      explorationWeights[k] = v;
    }
  }
  const excluded = raw.excludedPageTypes ?? d.excludedPageTypes;
  if (!Array.isArray(excluded) || !excluded.every((x) => typeof x === 'string')) fail('excludedPageTypes', 'an array of page types', excluded);
  const budget = raw.dailyBudget;
  if (budget !== undefined && budget !== null && !(typeof budget === 'number' && budget >= 0 && Number.isFinite(budget))) {
    fail('dailyBudget', 'null or a number ≥ 0', budget);
  }
  const version = raw.version ?? d.version;
  if (typeof version !== 'string' || version.length === 0 || version.length > 64) fail('version', 'a string of 1–64 characters', version);
  return {
    version,
    tiers,
    grossMargin,
    categoryMargins,
    maxDiscount: num(raw, 'maxDiscount', 0, 99, d.maxDiscount),
    minExpectedGain: num(raw, 'minExpectedGain', 0, 1e9, d.minExpectedGain),
    maxOffersPerDay: num(raw, 'maxOffersPerDay', 0, 1000, d.maxOffersPerDay),
    maxOffersPerWeek: num(raw, 'maxOffersPerWeek', 0, 10000, d.maxOffersPerWeek),
    cooldownMs: num(raw, 'cooldownMs', 0, 365 * 86_400_000, d.cooldownMs),
    excludedPageTypes: [...(excluded as string[])],
    dailyBudget: (budget as number | null | undefined) ?? d.dailyBudget,
    holdoutRate: num(raw, 'holdoutRate', 0, 1, d.holdoutRate),
    explorationRate: num(raw, 'explorationRate', 0, 1, d.explorationRate),
    defaultOrderValue: num(raw, 'defaultOrderValue', 0, 1e9, d.defaultOrderValue),
    calibration,
    explorationWeights,
    offerTtlMs: num(raw, 'offerTtlMs', 60_000, 7 * 86_400_000, d.offerTtlMs),
  };
}
