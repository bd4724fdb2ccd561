/**
 * Unbiased estimates from generalised-RR reports, with variances and 95 %
 * confidence intervals.
 *
 * One field with k categories, n reports through a channel (p, q), observed
 * counts c_v. Each report shows v with probability π_v = q + (p − q)·f_v, so
 *   f̂_v = (c_v / n − q) / (p − q)
 * is unbiased; for k = 2 this is the textbook (observed − q)/(p − q). It is the
 * inverse of the channel matrix (p − q)·I + q·11ᵀ applied to the observed shares,
 * in closed form.
 *
 * Reports spent different ε when the server changed ε between policy versions,
 * so the estimators work on the debiased *totals* T̂_v = (c_v − n·q)/(p − q),
 * which add across channels: f̂ = Σ_g T̂_g / Σ_g n_g stays unbiased.
 *
 * Variance of any linear combination Σ_v h_v T̂_v: the counts of a group are
 * multinomial(n_g, π_g), so it is Σ_g n_g · Var_{π_g}(h) / (p_g − q_g)², where
 * Var_π(h) = Σ π_v h_v² − (Σ π_v h_v)²; the plug-in uses π̂ = c/n. Ratios
 * (mean order value) go through the same formula with h = the gradient (delta
 * method). Intervals are Wald intervals, f̂ ± 1.96·se.
 */
import { grrChannel } from './randomizedResponse';

/** The two-sided 95 % normal quantile. */
export const Z95 = 1.959963984540054;

/** Noised counts of one field from the reports that went through one channel. */
export interface ChannelTally {
  /** The field's ε in these reports. */
  epsilon: number;
  /** Observed count of each category (length = k). */
  counts: number[];
}

/** An unbiased point estimate and its estimated variance, before any projection. */
export interface PointEstimate {
  value: number;
  variance: number;
}

/** What the API and dashboard show: a point estimate, its standard error and 95 % interval. */
export interface Interval {
  estimate: number;
  se: number;
  ci: [number, number];
}

interface Channel {
  n: number;
  pq: number;
  q: number;
  counts: number[];
}

function channels(tallies: readonly ChannelTally[], fn: string): { k: number; n: number; list: Channel[] } {
  if (tallies.length === 0) throw new RangeError(`'tallies' passed to '${fn}' must be a non-empty array`);
  const k = tallies[0]!.counts.length;
  let n = 0;
  const list = tallies.map((t, i) => {
    if (t.counts.length !== k) throw new RangeError(`'tallies[${i}].counts' passed to '${fn}' must have ${k} categories like tallies[0], got ${t.counts.length}`);
    if (!t.counts.every((c) => Number.isInteger(c) && c >= 0)) throw new RangeError(`'tallies[${i}].counts' passed to '${fn}' must be integers ≥ 0`);
    const { p, q } = grrChannel(k, t.epsilon);
    const size = t.counts.reduce((a, c) => a + c, 0);
    n += size;
    return { n: size, pq: p - q, q, counts: t.counts };
  });
  return { k, n, list };
}

/** Unbiased estimate of each category's frequency, with its variance. Empty tallies have n = 0 and NaN values. */
export function frequencyEstimates(tallies: readonly ChannelTally[]): { n: number; frequencies: PointEstimate[] } {
  const { k, n } = channels(tallies, 'frequencyEstimates');
  const frequencies: PointEstimate[] = [];
  for (let v = 0; v < k; v++) frequencies.push(linearEstimate(tallies, indicator(k, v)));
  return { n, frequencies };
}

/** Unbiased estimate of Σ_v h_v f_v (e.g. a rate with h = [0, 1], a mean with h = values). */
export function linearEstimate(tallies: readonly ChannelTally[], h: readonly number[]): PointEstimate {
  const { k, n, list } = channels(tallies, 'linearEstimate');
  if (h.length !== k || !h.every(Number.isFinite)) throw new RangeError(`'h' passed to 'linearEstimate' must be ${k} finite numbers`);
  if (n === 0) return { value: Number.NaN, variance: Number.NaN };
  let total = 0;
  for (const g of list) {
    for (let v = 0; v < k; v++) total += (h[v]! * (g.counts[v]! - g.n * g.q)) / g.pq;
  }
  return { value: total / n, variance: linearVariance(tallies, h) };
}

/** Estimated variance of Σ_v h_v f̂_v; with h a gradient, the delta-method variance of a smooth function of f̂. */
export function linearVariance(tallies: readonly ChannelTally[], h: readonly number[]): number {
  const { k, n, list } = channels(tallies, 'linearVariance');
  if (h.length !== k) throw new RangeError(`'h' passed to 'linearVariance' must have ${k} entries, got ${h.length}`);
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (const g of list) {
    if (g.n === 0) continue;
    let m1 = 0;
    let m2 = 0;
    for (let v = 0; v < k; v++) {
      const pi = g.counts[v]! / g.n;
      m1 += pi * h[v]!;
      m2 += pi * h[v]! * h[v]!;
    }
    sum += (g.n * Math.max(0, m2 - m1 * m1)) / (g.pq * g.pq);
  }
  return sum / (n * n);
}

/** The difference a − b of two independent estimates (e.g. a tier minus the holdout). */
export function difference(a: PointEstimate, b: PointEstimate): PointEstimate {
  return { value: a.value - b.value, variance: a.variance + b.variance };
}

/** Scales an estimate by a known constant (e.g. a rate times a report count). */
export function scale(a: PointEstimate, factor: number): PointEstimate {
  return { value: a.value * factor, variance: a.variance * factor * factor };
}

/**
 * The 95 % Wald interval of an estimate, projected onto `range` (e.g. [0, 1]
 * for a rate). Projection never lowers coverage: a true value inside the range
 * that was inside the raw interval is inside the projected one.
 */
export function toInterval(e: PointEstimate, range: readonly [number, number] = [-Infinity, Infinity]): Interval {
  const [lo, hi] = range;
  const clip = (x: number) => Math.min(hi, Math.max(lo, x));
  const se = Math.sqrt(Math.max(0, e.variance));
  return { estimate: clip(e.value), se, ci: [clip(e.value - Z95 * se), clip(e.value + Z95 * se)] };
}

function indicator(k: number, v: number): number[] {
  const h = new Array<number>(k).fill(0);
  h[v] = 1;
  return h;
}
