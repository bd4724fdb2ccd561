/**
 * k-ary randomized response (generalised RR, "direct encoding") per field.
 *
 * A field with k categories and privacy parameter ε reports its true value with
 * probability p = e^ε / (e^ε + k − 1) and each other value with probability
 * q = 1 / (e^ε + k − 1); p/q = e^ε, so one field is ε-LDP.
 *
 * ε accounting: a report spends ε_report (default ln 3) in total, split across
 * the randomised fields by {@link FIELD_WEIGHTS} (ε_f = w_f · ε_report, Σ w_f = 1).
 * Each field is randomised independently, so by sequential composition the
 * whole report is ε_report-LDP with respect to the shopper's outcomes, whatever
 * correlation there is between the fields. Splitting rather than randomising
 * the whole tuple: the tuple has 2⁴·6·3 = 288 values, and generalised RR over
 * 288 values at ε = ln 3 keeps the truth with probability 3/290 ≈ 1 %, which
 * leaves no signal at all; per-field RR keeps 58 % for `purchased`.
 */
import type { Rng } from '../lib/random';
import { cryptoBytes, cryptoRng } from './lib/cryptoRandom';
import {
  isArm,
  EPSILON_RANGE,
  FIELD_WEIGHTS,
  RANDOMIZED_FIELDS,
  RANDOMIZED_FIELD_NAMES,
  REPORT_SCHEMA,
  SATISFACTION,
  orderValueBucket,
  type Arm,
  type RandomizedField,
  type Report,
  type Satisfaction,
} from './report';

/** The default per-report privacy budget: ln 3 (the truth is at most 3× likelier than any lie). */
export const DEFAULT_EPSILON = Math.log(3);

/** The two probabilities of a generalised RR channel. */
export interface GrrChannel {
  k: number;
  epsilon: number;
  /** P(report = true value). */
  p: number;
  /** P(report = one given other value). */
  q: number;
}

/** The channel of generalised RR over `k` values at `epsilon`. */
export function grrChannel(k: number, epsilon: number): GrrChannel {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`'k' passed to 'grrChannel' must be an integer ≥ 2, got ${String(k)}`);
  if (!Number.isFinite(epsilon) || epsilon <= 0) throw new RangeError(`'epsilon' passed to 'grrChannel' must be a finite number > 0, got ${String(epsilon)}`);
  const e = Math.exp(epsilon);
  return { k, epsilon, p: e / (e + k - 1), q: 1 / (e + k - 1) };
}

/** Randomises one category index in [0, k) through generalised RR. */
export function randomizeCategory(value: number, k: number, epsilon: number, rng: Rng): number {
  const { p } = grrChannel(k, epsilon);
  if (!Number.isInteger(value) || value < 0 || value >= k) {
    throw new RangeError(`'value' passed to 'randomizeCategory' must be an integer in [0, ${k}), got ${String(value)}`);
  }
  if (rng() < p) return value;
  // Uniform over the k − 1 other values.
  const other = Math.min(k - 2, Math.floor(rng() * (k - 1)));
  return other >= value ? other + 1 : other;
}

/** ε a randomised field spends in a report of total `reportEpsilon`. */
export function fieldEpsilon(reportEpsilon: number, field: RandomizedField): number {
  return reportEpsilon * FIELD_WEIGHTS[field];
}

/** What the device knows about one exposure once its outcome window closed. */
export interface TrueOutcome {
  arm: Arm;
  clicked: boolean;
  copied: boolean;
  redeemed: boolean;
  /** Order value in the shop's currency, or null when nothing was bought. */
  orderValue: number | null;
  satisfaction: Satisfaction;
}

/** Report metadata, and the randomness to use. */
export interface PrivatizeOptions {
  /** UTC day number of the exposure. */
  day: number;
  policyVersion: string;
  /** Per-report ε; default {@link DEFAULT_EPSILON}. */
  epsilon?: number;
  /** Coin flips; default a CSPRNG (`crypto.getRandomValues`). Seeded generators are for tests only. */
  rng?: Rng;
  /** 16 random bytes for the idempotency key; default `crypto.getRandomValues`. */
  randomBytes?: (n: number) => Uint8Array;
}

/** Category index of each randomised field of a true outcome. */
export function outcomeCategories(outcome: TrueOutcome): Record<RandomizedField, number> {
  const satisfaction = SATISFACTION.indexOf(outcome.satisfaction);
  if (satisfaction < 0) throw new RangeError(`'outcome.satisfaction' passed to 'outcomeCategories' must be one of ${SATISFACTION.join(', ')}, got ${String(outcome.satisfaction)}`);
  return {
    clicked: outcome.clicked ? 1 : 0,
    copied: outcome.copied ? 1 : 0,
    redeemed: outcome.redeemed ? 1 : 0,
    purchased: outcome.orderValue === null ? 0 : 1,
    orderValueBucket: orderValueBucket(outcome.orderValue),
    satisfaction,
  };
}

/** Builds the wire report of one outcome: every behavioural field randomised, a fresh key. */
export function privatizeReport(outcome: TrueOutcome, options: PrivatizeOptions): Report {
  if (!isArm(outcome.arm)) throw new RangeError(`'outcome.arm' passed to 'privatizeReport' must be 'holdout', 'none' or 'tierN' (N in 1–99), got ${String(outcome.arm)}`);
  const epsilon = options.epsilon ?? DEFAULT_EPSILON;
  const [lo, hi] = EPSILON_RANGE as [number, number];
  if (!(epsilon >= lo && epsilon <= hi)) throw new RangeError(`'options.epsilon' passed to 'privatizeReport' must be in [${lo}, ${hi}], got ${String(epsilon)}`);
  const rng = options.rng ?? cryptoRng();
  const truth = outcomeCategories(outcome);
  const noisy = {} as Record<RandomizedField, number>;
  for (const field of RANDOMIZED_FIELD_NAMES) {
    noisy[field] = randomizeCategory(truth[field], RANDOMIZED_FIELDS[field], fieldEpsilon(epsilon, field), rng);
  }
  return {
    schema: REPORT_SCHEMA,
    idempotencyKey: newIdempotencyKey(options.randomBytes),
    day: options.day,
    policyVersion: options.policyVersion,
    epsilon,
    arm: outcome.arm,
    clicked: noisy.clicked as 0 | 1,
    copied: noisy.copied as 0 | 1,
    redeemed: noisy.redeemed as 0 | 1,
    purchased: noisy.purchased as 0 | 1,
    orderValueBucket: noisy.orderValueBucket,
    satisfaction: SATISFACTION[noisy.satisfaction]!,
  };
}

/** A fresh 128-bit key as 32 hex digits. */
export function newIdempotencyKey(randomBytes: (n: number) => Uint8Array = (n) => cryptoBytes(n)): string {
  const bytes = randomBytes(16);
  if (bytes.length !== 16) throw new RangeError(`'randomBytes' passed to 'newIdempotencyKey' must return 16 bytes, got ${bytes.length}`);
  let hex = '';
  for (const b of bytes) hex += HEX[b]!;
  return hex;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
