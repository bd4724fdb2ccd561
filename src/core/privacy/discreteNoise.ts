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
import { bernoulliExp, gaussianDraw, gaussianParams, laplaceDraw, laplaceParams } from './lib/cks';
import { defaultSource, type UniformSource } from './lib/uniformSource';

export { cryptoUniformSource, uniformSourceFromRng, wordSource, type UniformSource } from './lib/uniformSource';

/** The largest `scale` / `sigma` accepted: draws then stay far inside the safe-integer range (|x| > 2^53 has probability below e^(−2^21)). */
export const MAX_NOISE_SCALE = 2 ** 32;

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
