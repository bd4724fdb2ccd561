/**
 * Exact discrete noise for central-DP aggregates (noised integer counts).
 *
 * Floating-point Laplace noise leaks: the set of doubles a textbook sampler
 * can output depends on the true value, so some outputs identify it outright
 * (Mironov 2012). The samplers here follow Canonne, Kamath & Steinke, "The
 * Discrete Gaussian for Differential Privacy" (NeurIPS 2020), Algorithms 1–3:
 * every decision is a comparison of a uniform random integer with an integer
 * computed exactly (BigInt, or plain numbers where every value stays below
 * 2^53), so the output distribution is exactly the stated one, with no rounding anywhere. The only floating-point values are
 * the caller's `scale` / `sigma`, and those are read as the exact rationals
 * they are (every finite double is m / 2^k), never approximated.
 *
 * Randomness comes from a {@link UniformSource}: a CSPRNG in production
 * ({@link cryptoUniformSource}, the default), a seeded generator in tests
 * ({@link uniformSourceFromRng} over `mulberry32`).
 */
import type { Rng } from '../lib/random';
import { cryptoBytes, type RandomSource } from './lib/cryptoRandom';

/** Uniform integers: `uniformInt(n)` returns each of 0, 1, …, n − 1 with probability exactly 1/n, for integer n in [1, 2^32]. */
export interface UniformSource {
  uniformInt(n: number): number;
}

/** The largest `scale` / `sigma` accepted: draws then stay far inside the safe-integer range (|x| > 2^53 has probability below e^(−2^21)). */
export const MAX_NOISE_SCALE = 2 ** 32;

const TWO_32 = 4294967296;
const TWO_32N = 4294967296n;

/**
 * A {@link UniformSource} from a generator of uniform 32-bit words. `uniformInt`
 * rejects the top `2^32 mod n` words, so every residue is equally likely.
 */
export function wordSource(nextWord: () => number): UniformSource {
  const word = (): number => {
    const w = nextWord();
    if (!Number.isInteger(w) || w < 0 || w >= TWO_32) throw new RangeError(`the word generator passed to 'wordSource' must return integers in [0, 2^32), got ${String(w)}`);
    return w;
  };
  return {
    uniformInt(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`'n' passed to 'uniformInt' must be an integer in [1, 2^32], got ${String(n)}`);
      const limit = TWO_32 - (TWO_32 % n);
      for (;;) {
        const w = word();
        if (w < limit) return w % n;
      }
    },
  };
}

/**
 * A {@link UniformSource} over a uniform [0, 1) generator, taking the top 32
 * bits of each draw. Exact when the generator's outputs are uniform on a grid
 * of 2^-32 or finer: `mulberry32` (k / 2^32) and `cryptoRng` (k / 2^53) are.
 * For reproducible tests; privacy noise needs {@link cryptoUniformSource}.
 */
export function uniformSourceFromRng(rng: Rng): UniformSource {
  return wordSource(() => {
    const u = rng();
    if (!(u >= 0 && u < 1)) throw new RangeError(`the rng passed to 'uniformSourceFromRng' must return numbers in [0, 1), got ${String(u)}`);
    return Math.floor(u * TWO_32);
  });
}

const CRYPTO_BUFFER_BYTES = 1024;

/**
 * A {@link UniformSource} from the platform CSPRNG (or the given Web Crypto
 * `source`), fetched 256 words at a time because one `getRandomValues` call
 * costs far more than one word.
 */
export function cryptoUniformSource(source?: RandomSource): UniformSource {
  let words: Uint32Array = new Uint32Array(0);
  let next = 0;
  return wordSource(() => {
    if (next >= words.length) {
      const bytes = cryptoBytes(CRYPTO_BUFFER_BYTES, source);
      words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
      next = 0;
    }
    return words[next++]!;
  });
}

// Created on first use so that importing this module never touches `crypto`.
let sharedCryptoSource: UniformSource | undefined;
const defaultSource = (): UniformSource => (sharedCryptoSource ??= cryptoUniformSource());

// ---------------------------------------------------------------------------
// Exact integer primitives.

function draw(source: UniformSource, n: number, fn: string): number {
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
function bernoulliExp(num: bigint, den: bigint, source: UniformSource, fn: string): boolean {
  if (den <= TWO_32N && num <= MAX_SMALL_NUM) return expSmall(Number(num), Number(den), source, fn);
  if (num <= den) return bernoulliExpUnit(num, den, source, fn);
  const whole = num / den;
  for (let i = 0n; i < whole; i++) if (!bernoulliExpUnit(1n, 1n, source, fn)) return false;
  return bernoulliExpUnit(num - whole * den, den, source, fn);
}

/** Discrete Laplace of scale t / s. */
interface LaplaceParams {
  s: bigint;
  t: bigint;
  /** s, t ≤ 2^32: the number path applies. */
  small: boolean;
}

const laplaceParams = (s: bigint, t: bigint): LaplaceParams => ({ s, t, small: s <= TWO_32N && t <= TWO_32N });

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

function laplaceDraw(p: LaplaceParams, source: UniformSource, fn: string): number {
  return p.small ? laplaceSmall(Number(p.s), Number(p.t), source, fn) : toSafeNumber(laplaceBig(p.s, p.t, source, fn), fn);
}

function isqrt(x: bigint): bigint {
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r--;
  while ((r + 1n) * (r + 1n) <= x) r++;
  return r;
}

/** Discrete Gaussian with σ² = n / d. */
interface GaussianParams {
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

function gaussianParams(n: bigint, d: bigint): GaussianParams {
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
function gaussianDraw(p: GaussianParams, source: UniformSource, fn: string): number {
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

// ---------------------------------------------------------------------------
// Argument checks.

function checkSource(source: UniformSource, fn: string): void {
  if (!source || typeof source.uniformInt !== 'function') throw new TypeError(`'source' passed to '${fn}' must have a uniformInt(n) method, got ${String(source)}`);
}

function positiveInteger(value: bigint | number, name: string, fn: string, allowZero = false): bigint {
  const ok = typeof value === 'bigint' ? value >= 0n : Number.isSafeInteger(value) && value >= 0;
  if (!ok || (!allowZero && BigInt(value) === 0n)) {
    throw new RangeError(`'${name}' passed to '${fn}' must be ${allowZero ? 'a non-negative' : 'a positive'} integer (bigint or safe-integer number), got ${String(value)}`);
  }
  return BigInt(value);
}

/** The exact value of a finite double x > 0 as num / den, den a power of two, in lowest terms. */
function exactRational(x: number): { num: bigint; den: bigint } {
  let v = x;
  let den = 1n;
  // A double that is not an integer is below 2^52, so doubling it is exact and never overflows.
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return { num: BigInt(v), den };
}

function checkScale(value: number, name: string, fn: string): void {
  if (typeof value !== 'number' || !(value > 0 && value <= MAX_NOISE_SCALE)) {
    throw new RangeError(`'${name}' passed to '${fn}' must be > 0 and ≤ ${MAX_NOISE_SCALE}, got ${String(value)}`);
  }
}

function checkPositiveFinite(value: number, name: string, fn: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`'${name}' passed to '${fn}' must be a finite number > 0, got ${String(value)}`);
}

// ---------------------------------------------------------------------------
// Samplers.

/** One draw of Bernoulli(exp(−γ)) for rational γ = gammaNum / gammaDen ≥ 0 (CKS Algorithm 1). */
export function sampleBernoulliExp(gammaNum: bigint | number, gammaDen: bigint | number, source: UniformSource = defaultSource()): boolean {
  const fn = 'sampleBernoulliExp';
  const num = positiveInteger(gammaNum, 'gammaNum', fn, true);
  const den = positiveInteger(gammaDen, 'gammaDen', fn);
  checkSource(source, fn);
  return bernoulliExp(num, den, source, fn);
}

/** One discrete Laplace draw, P(x) ∝ exp(−|x| / b), for rational scale b = scaleNum / scaleDen (CKS Algorithm 2). */
export function sampleDiscreteLaplace(scaleNum: bigint | number, scaleDen: bigint | number, source: UniformSource = defaultSource()): number {
  const fn = 'sampleDiscreteLaplace';
  const t = positiveInteger(scaleNum, 'scaleNum', fn);
  const s = positiveInteger(scaleDen, 'scaleDen', fn);
  checkSource(source, fn);
  return laplaceDraw(laplaceParams(s, t), source, fn);
}

/** One discrete Gaussian draw, P(x) ∝ exp(−x² / (2σ²)), for rational σ² = sigmaSqNum / sigmaSqDen (CKS Algorithm 3). */
export function sampleDiscreteGaussian(sigmaSqNum: bigint | number, sigmaSqDen: bigint | number, source: UniformSource = defaultSource()): number {
  const fn = 'sampleDiscreteGaussian';
  const n = positiveInteger(sigmaSqNum, 'sigmaSqNum', fn);
  const d = positiveInteger(sigmaSqDen, 'sigmaSqDen', fn);
  checkSource(source, fn);
  return gaussianDraw(gaussianParams(n, d), source, fn);
}

function laplaceSampler(scale: number, name: string, fn: string): (source: UniformSource) => number {
  checkScale(scale, name, fn);
  const { num, den } = exactRational(scale);
  const params = laplaceParams(den, num);
  return (source) => laplaceDraw(params, source, fn);
}

function gaussianSampler(sigma: number, name: string, fn: string): (source: UniformSource) => number {
  checkScale(sigma, name, fn);
  // σ² is the exact square of the double σ, not a rounded product.
  const { num, den } = exactRational(sigma);
  const params = gaussianParams(num * num, den * den);
  return (source) => gaussianDraw(params, source, fn);
}

// The last parameters of each, so that repeated draws skip the BigInt set-up.
let lastLaplace: { scale: number; sample: (source: UniformSource) => number } | undefined;
let lastGaussian: { sigma: number; sample: (source: UniformSource) => number } | undefined;

/** One discrete Laplace draw, P(x) ∝ exp(−|x| / scale); `scale` is used as the exact rational its double denotes. */
export function discreteLaplace(scale: number, source: UniformSource = defaultSource()): number {
  const fn = 'discreteLaplace';
  if (lastLaplace?.scale !== scale) lastLaplace = { scale, sample: laplaceSampler(scale, 'scale', fn) };
  const { sample } = lastLaplace;
  checkSource(source, fn);
  return sample(source);
}

/** One discrete Gaussian draw, P(x) ∝ exp(−x² / (2σ²)), with σ² the exact square of `sigma`. */
export function discreteGaussian(sigma: number, source: UniformSource = defaultSource()): number {
  const fn = 'discreteGaussian';
  if (lastGaussian?.sigma !== sigma) lastGaussian = { sigma, sample: gaussianSampler(sigma, 'sigma', fn) };
  const { sample } = lastGaussian;
  checkSource(source, fn);
  return sample(source);
}

// ---------------------------------------------------------------------------
// Calibration.

/** The next double above a finite x > 0. */
function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const bits = new BigUint64Array(f.buffer);
  bits[0] = bits[0]! + 1n;
  return f[0]!;
}

/**
 * Discrete Laplace scale for pure ε-DP (δ = 0) of an integer query with L1
 * sensitivity Δ1: b = Δ1 / ε, since P(x) / P(x + k) ≤ e^(|k| / b) for integer
 * shifts. The division is rounded up when inexact, so Δ1 / b ≤ ε holds exactly.
 */
export function discreteLaplaceScaleFor(epsilon: number, l1Sensitivity: number): number {
  const fn = 'discreteLaplaceScaleFor';
  checkPositiveFinite(epsilon, 'epsilon', fn);
  checkPositiveFinite(l1Sensitivity, 'l1Sensitivity', fn);
  let scale = l1Sensitivity / epsilon;
  if (!Number.isFinite(scale) || scale === 0) throw new RangeError(`'l1Sensitivity' / 'epsilon' passed to '${fn}' must be a finite number > 0, got ${l1Sensitivity} / ${epsilon}`);
  const e = exactRational(epsilon);
  const s1 = exactRational(l1Sensitivity);
  for (;;) {
    const b = exactRational(scale);
    // b · ε ≥ Δ1, cross-multiplied.
    if (b.num * e.num * s1.den >= s1.num * b.den * e.den) return scale;
    scale = nextUp(scale);
  }
}

function checkDelta(delta: number, fn: string): void {
  if (typeof delta !== 'number' || !(delta > 0 && delta < 1)) throw new RangeError(`'delta' passed to '${fn}' must be in (0, 1), got ${String(delta)}`);
}

/**
 * ε at which discrete Gaussian noise of `sigma` makes a query of L2 sensitivity
 * Δ2 (ε, δ)-DP, by the conversion {@link discreteGaussianSigmaFor} calibrates with.
 */
export function discreteGaussianEpsilon(sigma: number, delta: number, l2Sensitivity: number): number {
  const fn = 'discreteGaussianEpsilon';
  checkPositiveFinite(sigma, 'sigma', fn);
  checkDelta(delta, fn);
  checkPositiveFinite(l2Sensitivity, 'l2Sensitivity', fn);
  const ratio = l2Sensitivity / sigma;
  const rho = (ratio * ratio) / 2;
  return rho + 2 * Math.sqrt(rho * -Math.log(delta));
}

/**
 * Discrete Gaussian σ for (ε, δ)-DP of an integer query (or vector of counts)
 * with L2 sensitivity Δ2, via concentrated DP:
 *
 * - Canonne, Kamath & Steinke show the discrete Gaussian is ρ-zCDP with
 *   ρ = Δ2² / (2σ²), exactly as the continuous one, also for vectors of
 *   independent coordinates (so for {@link noiseCounts} over a histogram);
 * - ρ-zCDP implies (ρ + 2√(ρ ln(1/δ)), δ)-DP for every δ (Bun & Steinke 2016, Prop. 1.3).
 *
 * Solving ε = ρ + 2√(ρ L), L = ln(1/δ), gives √ρ = √(L + ε) − √L, written as
 * ε / (√(L + ε) + √L) to avoid cancellation when ε ≪ L.
 *
 * Why this one: it is a proven bound for the discrete Gaussian itself, in any
 * dimension, in closed form. The analytic-Gaussian calibration (Balle & Wang
 * 2018) is tighter (σ ≈ 5.50 instead of 6.51 at ε = 1, δ = 1e-9, Δ2 = 1) but
 * is exact for the continuous Gaussian; applying it to the discrete one needs
 * a further argument, which is cleanest in one dimension. zCDP also composes
 * by adding ρ, which is how several noised releases add up.
 * σ is then nudged up until {@link discreteGaussianEpsilon}(σ) ≤ ε holds in floating point too.
 */
export function discreteGaussianSigmaFor(epsilon: number, delta: number, l2Sensitivity: number): number {
  const fn = 'discreteGaussianSigmaFor';
  checkPositiveFinite(epsilon, 'epsilon', fn);
  checkDelta(delta, fn);
  checkPositiveFinite(l2Sensitivity, 'l2Sensitivity', fn);
  const l = -Math.log(delta);
  const rootRho = epsilon / (Math.sqrt(l + epsilon) + Math.sqrt(l));
  let sigma = l2Sensitivity / (Math.SQRT2 * rootRho);
  if (!Number.isFinite(sigma)) throw new RangeError(`'epsilon' passed to '${fn}' is too small for 'l2Sensitivity' ${l2Sensitivity}: σ overflows, got ${epsilon}`);
  while (discreteGaussianEpsilon(sigma, delta, l2Sensitivity) > epsilon) sigma = nextUp(sigma);
  return sigma;
}

// ---------------------------------------------------------------------------
// Noised counts.

/** The noise added to each count. */
export type NoiseMechanism = { kind: 'laplace'; scale: number } | { kind: 'gaussian'; sigma: number };

/**
 * Adds independent discrete noise to every count. The results are integers and
 * may be negative: clamping at 0 is post-processing (free for privacy) but
 * biases sums upwards, so it is left to the caller. Calibrate for the whole
 * vector: `scale` from the L1 and `sigma` from the L2 sensitivity of everything
 * one device contributes across all the counts.
 */
export function noiseCounts(counts: readonly number[], mechanism: NoiseMechanism, source: UniformSource = defaultSource()): number[] {
  const fn = 'noiseCounts';
  if (!Array.isArray(counts)) throw new RangeError(`'counts' passed to '${fn}' must be an array of non-negative integers, got ${String(counts)}`);
  counts.forEach((c, i) => {
    if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`'counts[${i}]' passed to '${fn}' must be a non-negative integer, got ${String(c)}`);
  });
  const kind = (mechanism as { kind?: unknown } | null)?.kind;
  let sample: (source: UniformSource) => number;
  if (kind === 'laplace') sample = laplaceSampler((mechanism as { scale: number }).scale, 'mechanism.scale', fn);
  else if (kind === 'gaussian') sample = gaussianSampler((mechanism as { sigma: number }).sigma, 'mechanism.sigma', fn);
  else throw new RangeError(`'mechanism.kind' passed to '${fn}' must be 'laplace' or 'gaussian', got ${String(kind)}`);
  checkSource(source, fn);
  return counts.map((c) => {
    const v = c + sample(source);
    if (!Number.isSafeInteger(v)) throw new RangeError(`'noiseCounts' produced ${v}, outside the safe-integer range`);
    return v;
  });
}
