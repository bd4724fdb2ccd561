/**
 * The exact integer primitives of Canonne, Kamath & Steinke (NeurIPS 2020), Algorithms 1–3: Bernoulli(e^(−γ)),
 * discrete Laplace and discrete Gaussian draws, every decision a comparison of uniform integers with exactly computed
 * ones (BigInt, or plain numbers where every value stays below 2^53). discreteNoise.ts checks the arguments and is the
 * public face.
 */
import type { UniformSource } from './uniformSource';

const TWO_32 = 4294967296;
const TWO_32N = 4294967296n;

// ---------------------------------------------------------------------------
// Exact integer primitives.

export function draw(source: UniformSource, n: number, fn: string): number {
  const v = source.uniformInt(n);
  // A source that strays outside [0, n) would silently skew the noise.
  if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`the source passed to '${fn}' returned ${String(v)} from uniformInt(${n})`);
  return v;
}

/** Uniform in [0, n) for any n ≥ 1: whole 32-bit words plus a partial top word, rejecting values ≥ n (fewer than half). */
function uniformBelow(n: bigint, source: UniformSource, fn: string): bigint {
  if (n <= TWO_32N) return BigInt(draw(source, Number(n), fn));
  const bits = (n - 1n).toString(2).length;
  const fullWords = Math.floor((bits - 1) / 32);
  const topRange = 2 ** (bits - 32 * fullWords);
  for (;;) {
    let v = BigInt(draw(source, topRange, fn));
    for (let i = 0; i < fullWords; i++) v = (v << 32n) | BigInt(draw(source, TWO_32, fn));
    if (v < n) return v;
  }
}

// Each sampler has a plain-number path, taken whenever every integer it touches
// stays below 2^53 (so number arithmetic is exact), because BigInt arithmetic
// costs several times more; the BigInt path covers the rest exactly.

/** Bernoulli(num / den), 0 ≤ num ≤ den, den ≥ 1. */
function bernoulli(num: bigint, den: bigint, source: UniformSource, fn: string): boolean {
  if (den <= TWO_32N) return draw(source, Number(den), fn) < Number(num);
  return uniformBelow(den, source, fn) < num;
}

/**
 * CKS Algorithm 1, γ = num / den ∈ [0, 1], den ≤ 2^32: the index k at which a
 * chain of Bernoulli(γ/k) trials first fails is odd with probability exactly e^(−γ).
 */
function unitSmall(num: number, den: number, source: UniformSource, fn: string): boolean {
  for (let k = 1; ; k++) {
    // den · k is exact here; only a chain longer than 2^32 / den (probability < 1/k!) needs BigInt.
    const dk = den * k;
    const hit = dk <= TWO_32 ? draw(source, dk, fn) < num : uniformBelow(BigInt(den) * BigInt(k), source, fn) < BigInt(num);
    if (!hit) return (k & 1) === 1;
  }
}

/** CKS Algorithm 1 for γ = num / den ∈ [0, 1]. */
function bernoulliExpUnit(num: bigint, den: bigint, source: UniformSource, fn: string): boolean {
  if (den <= TWO_32N) return unitSmall(Number(num), Number(den), source, fn);
  let k = 1n;
  while (bernoulli(num, den * k, source, fn)) k++;
  return (k & 1n) === 1n;
}

/** CKS Algorithm 1 for any γ = num / den ≥ 0, num ≤ 2^52, den ≤ 2^32: e^(−γ) = (e^(−1))^⌊γ⌋ · e^(−(γ − ⌊γ⌋)). */
function expSmall(num: number, den: number, source: UniformSource, fn: string): boolean {
  if (num <= den) return unitSmall(num, den, source, fn);
  // The float quotient is within 1 of ⌊num / den⌋; whole · den ≤ num + den < 2^53 stays exact.
  let whole = Math.floor(num / den);
  let rem = num - whole * den;
  if (rem < 0) {
    whole--;
    rem += den;
  } else if (rem >= den) {
    whole++;
    rem -= den;
  }
  for (let i = 0; i < whole; i++) if (!unitSmall(1, 1, source, fn)) return false;
  return unitSmall(rem, den, source, fn);
}

const MAX_SMALL_NUM = 2 ** 52;

/** CKS Algorithm 1 for any γ = num / den ≥ 0. */
export function bernoulliExp(num: bigint, den: bigint, source: UniformSource, fn: string): boolean {
  if (den <= TWO_32N && num <= MAX_SMALL_NUM) return expSmall(Number(num), Number(den), source, fn);
  if (num <= den) return bernoulliExpUnit(num, den, source, fn);
  const whole = num / den;
  for (let i = 0n; i < whole; i++) if (!bernoulliExpUnit(1n, 1n, source, fn)) return false;
  return bernoulliExpUnit(num - whole * den, den, source, fn);
}

/** Discrete Laplace of scale t / s. */
export interface LaplaceParams {
  s: bigint;
  t: bigint;
  /** s, t ≤ 2^32: the number path applies. */
  small: boolean;
}

export const laplaceParams = (s: bigint, t: bigint): LaplaceParams => ({ s, t, small: s <= TWO_32N && t <= TWO_32N });

/**
 * CKS Algorithm 2: P(y) ∝ e^(−|y| s/t). U + tV, with U uniform on [0, t) kept
 * with probability e^(−U/t) and V geometric with ratio e^(−1), is geometric
 * with ratio e^(−1/t); ⌊·/s⌋ makes the ratio e^(−s/t); a random sign, redrawing −0, makes it two-sided.
 */
function laplaceBig(s: bigint, t: bigint, source: UniformSource, fn: string): bigint {
  for (;;) {
    const u = uniformBelow(t, source, fn);
    if (!bernoulliExpUnit(u, t, source, fn)) continue;
    let v = 0n;
    while (bernoulliExpUnit(1n, 1n, source, fn)) v++;
    const y = (u + t * v) / s;
    const negative = draw(source, 2, fn) === 1;
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}

/** {@link laplaceBig} in numbers, for s, t ≤ 2^32. */
function laplaceSmall(s: number, t: number, source: UniformSource, fn: string): number {
  for (;;) {
    const u = draw(source, t, fn);
    if (!unitSmall(u, t, source, fn)) continue;
    let v = 0;
    while (unitSmall(1, 1, source, fn)) v++;
    let y: number;
    if (v < 2 ** 20) {
      // x < 2^52 + 2^32: exact; the float quotient is within 1 of ⌊x / s⌋.
      const x = u + t * v;
      y = Math.floor(x / s);
      if (y * s > x) y--;
      else if ((y + 1) * s <= x) y++;
    } else {
      y = toSafeNumber((BigInt(u) + BigInt(t) * BigInt(v)) / BigInt(s), fn);
    }
    const negative = draw(source, 2, fn) === 1;
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

export function laplaceDraw(p: LaplaceParams, source: UniformSource, fn: string): number {
  return p.small ? laplaceSmall(Number(p.s), Number(p.t), source, fn) : toSafeNumber(laplaceBig(p.s, p.t, source, fn), fn);
}

function isqrt(x: bigint): bigint {
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r--;
  while ((r + 1n) * (r + 1n) <= x) r++;
  return r;
}

/** Discrete Gaussian with σ² = n / d. */
export interface GaussianParams {
  n: bigint;
  d: bigint;
  /** The Laplace proposal's scale, ⌊σ⌋ + 1. */
  t: bigint;
  proposal: LaplaceParams;
  /** 2·n·d·t², the acceptance exponent's denominator. */
  den: bigint;
  /** den ≤ 2^32 and n < 2^26: the acceptance test can run in numbers while |Y|·t·d < 2^26. */
  small: boolean;
  /** t·d, n and den as numbers, for the number path. */
  tdNumber: number;
  nNumber: number;
  denNumber: number;
}

export function gaussianParams(n: bigint, d: bigint): GaussianParams {
  const t = isqrt(n / d) + 1n;
  const den = 2n * n * d * t * t;
  return { n, d, t, proposal: laplaceParams(1n, t), den, small: den <= TWO_32N && n < 2n ** 26n, tdNumber: Number(t * d), nNumber: Number(n), denNumber: Number(den) };
}

const SMALL_ROOT = 2 ** 26;

/**
 * CKS Algorithm 3: a discrete Laplace proposal Y of scale t = ⌊σ⌋ + 1, kept
 * with probability exp(−(|Y| − σ²/t)² / (2σ²)). In integers, with σ² = n/d,
 * that exponent is (|Y|·t·d − n)² / (2·n·d·t²).
 */
export function gaussianDraw(p: GaussianParams, source: UniformSource, fn: string): number {
  const { tdNumber: td, nNumber: n, denNumber: den } = p;
  for (;;) {
    const y = laplaceDraw(p.proposal, source, fn);
    const ay = Math.abs(y);
    let keep: boolean;
    if (p.small && ay * td < SMALL_ROOT) {
      const a = ay * td - n;
      keep = expSmall(a * a, den, source, fn);
    } else {
      const a = BigInt(ay) * p.t * p.d - p.n;
      keep = bernoulliExp(a * a, p.den, source, fn);
    }
    if (keep) return y;
  }
}

function toSafeNumber(x: bigint, fn: string): number {
  const v = Number(x);
  if (!Number.isSafeInteger(v)) throw new RangeError(`'${fn}' drew ${x}, outside the safe-integer range; use a smaller scale`);
  return v;
}
