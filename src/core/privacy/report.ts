/**
 * The privacy report: the only thing a device ever sends about what a shopper
 * did with an offer. One report per offer exposure (or holdout / no-offer
 * decision), once its outcome window has closed.
 *
 * Fixed schema, categorical fields only. Nothing identifies the device or the
 * shopper: no ids, no URLs, no product ids, no timestamp finer than the UTC
 * day, and a fresh random 128-bit key per report that exists only so a
 * retried upload counts once.
 *
 * What is sent as-is and what is randomised (see `randomizedResponse.ts`):
 * - as-is: `schema`, `idempotencyKey`, `day`, `policyVersion`, `epsilon`, `arm`.
 *   The arm is what Tailor itself chose, not something the shopper did; all
 *   incrementality is measured per arm, and randomising it too would multiply
 *   every estimate's variance by ~1/(p−q)² of the arm's channel (≈16× even with
 *   the whole ε spent on the arm alone), which no shop has the traffic to pay.
 * - randomised (ε-LDP, ε split across them by {@link FIELD_WEIGHTS}): `clicked`,
 *   `copied`, `redeemed`, `purchased`, `orderValueBucket`, `satisfaction` —
 *   what the shopper did, and the combinations that would be sensitive.
 *
 * This validator is pure TypeScript because the SDK uses it; the server mirrors
 * it in zod (`src/server/collector/wireSchema.ts`), and a test proves they agree.
 */

/** Wire schema version; bumped on any change to fields or to {@link FIELD_WEIGHTS}. */
export const REPORT_SCHEMA = 1;

/**
 * Which arm of the experiment a report belongs to. `holdout`: the device is in the sticky holdout (never offered;
 * the control). `none`: the policy decided no offer. `tierN`: an N % offer was shown, for every tier the merchant
 * offers (any integer percent 1–99: `tier7`, `tier25`), so no shown offer is ever reported as `none`.
 */
export type Arm = 'holdout' | 'none' | `tier${number}`;

/** The arms of the default tiers (5, 10, 15, 20 %); a merchant's own tiers give theirs ({@link armsFor}). */
export const ARMS: readonly Arm[] = ['holdout', 'none', 'tier5', 'tier10', 'tier15', 'tier20'];

/** Every valid arm name. */
export const ARM_RE = /^(?:holdout|none|tier[1-9][0-9]?)$/;

/** Whether `value` names an arm. */
export function isArm(value: unknown): value is Arm {
  return typeof value === 'string' && ARM_RE.test(value);
}

/** The arm of a shown offer of `tier` % (an integer in 1–99). */
export function armOfTier(tier: number): Arm {
  if (!(Number.isInteger(tier) && tier >= 1 && tier <= 99)) throw new RangeError(`'tier' passed to 'armOfTier' must be an integer percent in 1–99, got ${String(tier)}`);
  return `tier${tier}`;
}

/** Discount in percent of an arm (0 for holdout and none). */
export function armDiscount(arm: Arm): number {
  return arm === 'holdout' || arm === 'none' ? 0 : Number(arm.slice(4));
}

/** holdout, none, then the tier arms by discount: the order every table lists them in. */
export function sortArms(arms: Iterable<Arm>): Arm[] {
  const rank = (a: Arm) => (a === 'holdout' ? -2 : a === 'none' ? -1 : armDiscount(a));
  return [...new Set(arms)].sort((a, b) => rank(a) - rank(b));
}

/** The arms of a tier set: holdout, none and one per tier. */
export function armsFor(tiers: readonly number[]): Arm[] {
  return sortArms(['holdout', 'none', ...tiers.map(armOfTier)]);
}

/** Satisfaction the shopper expressed with the offer, if any. */
export const SATISFACTION = ['none', 'up', 'down'] as const;
/** A satisfaction value. */
export type Satisfaction = (typeof SATISFACTION)[number];

/**
 * Order value buckets in the shop's currency: index 0 = no purchase, then
 * [0, 25), [25, 50), [50, 100), [100, 200), [200, ∞). Upper bounds of 1..4.
 */
export const ORDER_VALUE_BOUNDS: readonly number[] = [25, 50, 100, 200];
/** Human labels of the buckets, by index. */
export const ORDER_VALUE_LABELS: readonly string[] = ['no purchase', '< 25', '25–50', '50–100', '100–200', '> 200'];
/** Number of order value buckets (including "no purchase"). */
export const ORDER_VALUE_BUCKETS = ORDER_VALUE_LABELS.length;

/** The randomised fields and their number of categories. */
export const RANDOMIZED_FIELDS = {
  clicked: 2,
  copied: 2,
  redeemed: 2,
  purchased: 2,
  orderValueBucket: ORDER_VALUE_BUCKETS,
  satisfaction: SATISFACTION.length,
} as const;
/** Name of a randomised field. */
export type RandomizedField = keyof typeof RANDOMIZED_FIELDS;
/** The randomised fields in wire order. */
export const RANDOMIZED_FIELD_NAMES = Object.keys(RANDOMIZED_FIELDS) as RandomizedField[];

/**
 * Share of the per-report ε each randomised field gets (schema 1; they sum to 1).
 * Conversion and order value decide incrementality and profit, the two numbers
 * the policy is updated on; redemption prices the discount; satisfaction,
 * clicks and copies are diagnostics and get the least.
 */
export const FIELD_WEIGHTS: Readonly<Record<RandomizedField, number>> = {
  clicked: 0.075,
  copied: 0.075,
  redeemed: 0.2,
  purchased: 0.3,
  orderValueBucket: 0.25,
  satisfaction: 0.1,
};

/** A report as sent on the wire (schema 1). Randomised fields hold the noised values. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  /** 32 lower-case hex digits (128 random bits), never reused. */
  idempotencyKey: string;
  /** UTC day number (days since 1970-01-01) of the exposure. */
  day: number;
  /** `'default'` or the decimal version the server issued. */
  policyVersion: string;
  /** Total ε of this report; each randomised field used `epsilon × FIELD_WEIGHTS[field]`. */
  epsilon: number;
  arm: Arm;
  clicked: 0 | 1;
  copied: 0 | 1;
  redeemed: 0 | 1;
  purchased: 0 | 1;
  /** Index into {@link ORDER_VALUE_LABELS}; 0 = no purchase. */
  orderValueBucket: number;
  satisfaction: Satisfaction;
}

/** Largest number of reports in one upload. */
export const MAX_BATCH = 50;
/** Smallest and largest per-report ε a report may declare. */
export const EPSILON_RANGE: readonly [number, number] = [0.01, 8];
/** Reports older than this many days are dropped by the device and refused by the server. */
export const MAX_REPORT_AGE_DAYS = 30;

/** Idempotency keys: 128 random bits as lower-case hex. */
export const IDEMPOTENCY_KEY_RE = /^[0-9a-f]{32}$/;
/**
 * Policy versions a report may carry. Deliberately not free text: a free string
 * could smuggle an identifier past every other rule of this schema.
 */
export const POLICY_VERSION_RE = /^(default|[1-9][0-9]{0,8})$/;
/** Site keys, as in the tag's `data-site` (see `src/core/config.ts`); the shop's key, the same for all its shoppers. */
export const SITE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const FIELDS = ['schema', 'idempotencyKey', 'day', 'policyVersion', 'epsilon', 'arm', ...RANDOMIZED_FIELD_NAMES] as const;

/** Outcome of {@link validateReport} / {@link validateBatch}: the value, or the first bad field. */
export type Validation<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

const bad = (field: string, message: string): { ok: false; field: string; message: string } => ({ ok: false, field, message });
const isBit = (v: unknown): v is 0 | 1 => v === 0 || v === 1;

/** Maps an order value (shop currency; null = no purchase) to its bucket index. */
export function orderValueBucket(value: number | null): number {
  if (value === null) return 0;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`'value' passed to 'orderValueBucket' must be null or a finite number ≥ 0, got ${String(value)}`);
  }
  const i = ORDER_VALUE_BOUNDS.findIndex((bound) => value < bound);
  return 1 + (i < 0 ? ORDER_VALUE_BOUNDS.length : i);
}

/**
 * Checks one report's wire shape strictly: every field present with the right
 * type and range, and no other field. `path` prefixes field names in errors.
 */
export function validateReport(value: unknown, path = ''): Validation<Report> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(path || 'report', 'must be an object');
  const r = value as Record<string, unknown>;
  const at = (field: string) => (path ? `${path}.${field}` : field);
  for (const key of Object.keys(r)) {
    if (!(FIELDS as readonly string[]).includes(key)) return bad(at(key), 'is not a report field');
  }
  for (const key of FIELDS) if (!Object.hasOwn(r, key)) return bad(at(key), 'is required');
  if (r.schema !== REPORT_SCHEMA) return bad(at('schema'), `must be ${REPORT_SCHEMA}`);
  if (typeof r.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_RE.test(r.idempotencyKey)) return bad(at('idempotencyKey'), 'must be 32 lower-case hex digits');
  if (typeof r.day !== 'number' || !Number.isInteger(r.day) || r.day < 0 || r.day > 1e6) return bad(at('day'), 'must be a UTC day number (integer ≥ 0)');
  if (typeof r.policyVersion !== 'string' || !POLICY_VERSION_RE.test(r.policyVersion)) return bad(at('policyVersion'), "must be 'default' or a decimal version");
  const [lo, hi] = EPSILON_RANGE;
  if (typeof r.epsilon !== 'number' || !Number.isFinite(r.epsilon) || r.epsilon < lo! || r.epsilon > hi!) return bad(at('epsilon'), `must be a number in [${lo}, ${hi}]`);
  if (!isArm(r.arm)) return bad(at('arm'), "must be 'holdout', 'none' or 'tierN' for a tier N of 1–99 %");
  for (const bit of ['clicked', 'copied', 'redeemed', 'purchased'] as const) if (!isBit(r[bit])) return bad(at(bit), 'must be 0 or 1');
  const bucket = r.orderValueBucket;
  if (typeof bucket !== 'number' || !Number.isInteger(bucket) || bucket < 0 || bucket >= ORDER_VALUE_BUCKETS) {
    return bad(at('orderValueBucket'), `must be an integer in [0, ${ORDER_VALUE_BUCKETS - 1}]`);
  }
  if (typeof r.satisfaction !== 'string' || !(SATISFACTION as readonly string[]).includes(r.satisfaction)) {
    return bad(at('satisfaction'), `must be one of ${SATISFACTION.join(', ')}`);
  }
  return { ok: true, value: r as unknown as Report };
}

/** Checks an upload body `{site?, reports}`: 1..{@link MAX_BATCH} valid reports, nothing else. */
export function validateBatch(value: unknown): Validation<{ site?: string; reports: Report[] }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('body', 'must be an object');
  const body = value as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== 'site' && key !== 'reports') return bad(key, 'is not an upload field');
  if (body.site !== undefined && (typeof body.site !== 'string' || !SITE_RE.test(body.site))) return bad('site', "must be 1-64 characters of a-z, 0-9, '-' or '_'");
  if (!Array.isArray(body.reports)) return bad('reports', 'must be an array');
  if (body.reports.length === 0 || body.reports.length > MAX_BATCH) return bad('reports', `must hold 1 to ${MAX_BATCH} reports`);
  for (let i = 0; i < body.reports.length; i++) {
    const result = validateReport(body.reports[i], `reports[${i}]`);
    if (!result.ok) return result;
  }
  return { ok: true, value: body as { site?: string; reports: Report[] } };
}
