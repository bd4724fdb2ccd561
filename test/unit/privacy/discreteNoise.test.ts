import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32 } from '../../../src/core/lib/random';
import { chiSquare, chiSquareQuantile999, gaussianPmf, laplacePmf, moments, type Pmf } from '../lib/stats';
import {
  cryptoUniformSource,
  discreteGaussian,
  discreteGaussianEpsilon,
  discreteGaussianSigmaFor,
  discreteLaplace,
  discreteLaplaceScaleFor,
  noiseCounts,
  sampleBernoulliExp,
  sampleDiscreteGaussian,
  sampleDiscreteLaplace,
  uniformSourceFromRng,
  wordSource,
  type RandomSource,
  type UniformSource,
} from '../../../src/core/privacy';

const seeded = (seed: number): UniformSource => uniformSourceFromRng(mulberry32(seed));

function draws(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

const N = 100_000;

/** Mean within 5 SD of 0 and sample variance within 5 SD (from the fourth moment) of the exact variance. */
function expectMoments(samples: readonly number[], pmf: Pmf, reach: number): { variance: number; observed: number } {
  const { variance, fourth } = moments(pmf, reach);
  const n = samples.length;
  const mean = samples.reduce((a, x) => a + x, 0) / n;
  const observed = samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / n));
  expect(Math.abs(observed - variance)).toBeLessThan(5 * Math.sqrt((fourth - variance * variance) / n));
  return { variance, observed };
}

describe('Bernoulli(exp(−γ))', () => {
  it.each([
    [1, 10],
    [1, 1],
    [5, 2],
    [0, 1],
  ])('hits with frequency exp(−%i/%i)', (num, den) => {
    const source = seeded(11 + num);
    const n = 50_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (sampleBernoulliExp(num, den, source)) hits++;
    const p = Math.exp(-num / den);
    if (p === 1) expect(hits).toBe(n);
    else expect(Math.abs(hits / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it('takes bigint γ with denominators beyond 2^32', () => {
    const source = seeded(5);
    const n = 20_000;
    // γ = 3/7 scaled by 2^60, so every comparison goes through multi-word draws.
    const big = 2n ** 60n;
    let hits = 0;
    for (let i = 0; i < n; i++) if (sampleBernoulliExp(3n * big, 7n * big, source)) hits++;
    const p = Math.exp(-3 / 7);
    expect(Math.abs(hits / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });
});

describe('discrete Laplace', () => {
  // 2 and 5/2 take the number path; 1/0.3 is the double 3.33… = m / 2^51, which takes the BigInt path.
  it.each([
    [2, N],
    [2.5, N],
    [1 / 0.3, 30_000],
  ])('matches the exact pmf at scale %f: mean, variance 2p/(1 − p)², χ²', (b, n) => {
    const source = seeded(21);
    const samples = draws(n, () => discreteLaplace(b, source));
    expect(samples.every(Number.isInteger)).toBe(true);
    const p = Math.exp(-1 / b);
    const { variance } = expectMoments(samples, laplacePmf(b), Math.ceil(60 * b));
    expect(variance).toBeCloseTo((2 * p) / (1 - p) ** 2, 9);
    const { stat, dof } = chiSquare(samples, laplacePmf(b));
    expect(dof).toBeGreaterThan(10);
    expect(stat).toBeLessThan(chiSquareQuantile999(dof));
  });

  it('takes the scale as an exact rational t / s', () => {
    const source = seeded(22);
    const samples = draws(30_000, () => sampleDiscreteLaplace(10, 3, source));
    const { stat, dof } = chiSquare(samples, laplacePmf(10 / 3));
    expect(stat).toBeLessThan(chiSquareQuantile999(dof));
  });

  it('is rejected by the same χ² test against the wrong scale', () => {
    const source = seeded(23);
    const samples = draws(N, () => discreteLaplace(2, source));
    const { stat, dof } = chiSquare(samples, laplacePmf(3));
    expect(stat).toBeGreaterThan(chiSquareQuantile999(dof));
  });
});

describe('discrete Gaussian', () => {
  // σ = 3.7 is m / 2^k with a 52-bit m, so σ² needs the BigInt path.
  it.each([
    [1.5, N],
    [4, N],
    [3.7, 30_000],
  ])('matches the exact pmf at σ = %f: mean, variance, χ²', (sigma, n) => {
    const source = seeded(31);
    const samples = draws(n, () => discreteGaussian(sigma, source));
    expect(samples.every(Number.isInteger)).toBe(true);
    const { variance } = expectMoments(samples, gaussianPmf(sigma), Math.ceil(40 * sigma));
    // Below σ², but only by an amount exponentially small in σ² (CKS): equal in doubles here.
    expect(variance).toBeLessThanOrEqual(sigma * sigma * (1 + 1e-12));
    expect(variance).toBeGreaterThan(sigma * sigma * 0.99);
    const { stat, dof } = chiSquare(samples, gaussianPmf(sigma));
    expect(stat).toBeLessThan(chiSquareQuantile999(dof));
  });

  it('takes σ² as an exact rational and is rejected against the wrong σ', () => {
    const source = seeded(32);
    // σ² = 10/3.
    const samples = draws(50_000, () => sampleDiscreteGaussian(10, 3, source));
    const right = chiSquare(samples, gaussianPmf(Math.sqrt(10 / 3)));
    expect(right.stat).toBeLessThan(chiSquareQuantile999(right.dof));
    const wrong = chiSquare(samples, gaussianPmf(2));
    expect(wrong.stat).toBeGreaterThan(chiSquareQuantile999(wrong.dof));
  });
});

describe('random sources', () => {
  it('gives the same draws for the same seed', () => {
    const run = (seed: number) => {
      const source = seeded(seed);
      return [...draws(50, () => discreteLaplace(3, source)), ...draws(50, () => discreteGaussian(2.5, source)), ...noiseCounts([0, 5, 9], { kind: 'gaussian', sigma: 4 }, source)];
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('rejects the top words instead of wrapping them round', () => {
    // 2^32 mod 3 = 1: the single word 2^32 − 1 would make residue 0 likelier.
    const words = [4294967295, 5];
    const source = wordSource(() => words.shift()!);
    expect(source.uniformInt(3)).toBe(2);
    expect(words).toEqual([]);
  });

  it('is uniform over [0, n) from a seeded rng', () => {
    const source = seeded(41);
    const n = 70_000;
    const seen = new Array<number>(7).fill(0);
    for (let i = 0; i < n; i++) seen[source.uniformInt(7)]! += 1;
    const stat = seen.reduce((a, c) => a + (c - n / 7) ** 2 / (n / 7), 0);
    expect(stat).toBeLessThan(chiSquareQuantile999(6));
  });

  it('buffers a Web Crypto source, and defaults to the platform CSPRNG', () => {
    let calls = 0;
    const fake: RandomSource = {
      getRandomValues<T extends ArrayBufferView | null>(array: T): T {
        calls++;
        return (globalThis.crypto as RandomSource).getRandomValues(array);
      },
    };
    const source = cryptoUniformSource(fake);
    for (let i = 0; i < 256; i++) source.uniformInt(2 ** 32);
    expect(calls).toBe(1);
    expect(Number.isInteger(discreteLaplace(2))).toBe(true);
    expect(Number.isInteger(discreteGaussian(2))).toBe(true);
  });
});

describe('noiseCounts', () => {
  it('adds independent zero-mean integer noise to every count', () => {
    const source = seeded(51);
    const counts = Array.from({ length: 20_000 }, (_, i) => i % 50);
    for (const mechanism of [{ kind: 'laplace', scale: 2 }, { kind: 'gaussian', sigma: 3 }] as const) {
      const noised = noiseCounts(counts, mechanism, source);
      expect(noised).toHaveLength(counts.length);
      expect(noised.every(Number.isInteger)).toBe(true);
      const diffs = noised.map((v, i) => v - counts[i]!);
      const variance = mechanism.kind === 'laplace' ? (2 * Math.exp(-1 / 2)) / (1 - Math.exp(-1 / 2)) ** 2 : 9;
      const mean = diffs.reduce((a, d) => a + d, 0) / diffs.length;
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / diffs.length));
    }
    expect(noiseCounts([], { kind: 'laplace', scale: 1 }, source)).toEqual([]);
  });
});

/** The exact rational value of a finite double > 0. */
function exact(x: number): [bigint, bigint] {
  let v = x;
  let d = 1n;
  while (!Number.isInteger(v)) {
    v *= 2;
    d *= 2n;
  }
  return [BigInt(v), d];
}

describe('calibration', () => {
  it('sets the discrete Laplace scale to Δ1 / ε, never below it', () => {
    expect(discreteLaplaceScaleFor(1, 2)).toBe(2);
    expect(discreteLaplaceScaleFor(0.5, 1)).toBe(2);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 1, max: 100 }), (eps, l1) => {
        const b = discreteLaplaceScaleFor(eps, l1);
        const [bn, bd] = exact(b);
        const [en, ed] = exact(eps);
        // b · ε ≥ Δ1 in exact arithmetic, and b is the rounded quotient or the double after it.
        expect(bn * en >= BigInt(l1) * bd * ed).toBe(true);
        expect(b / (l1 / eps)).toBeLessThan(1 + 1e-15);
      }),
    );
  });

  it('calibrates the discrete Gaussian by zCDP: ρ + 2√(ρ ln(1/δ)) ≤ ε, tightly', () => {
    const sigma = discreteGaussianSigmaFor(1, 1e-9, 1);
    expect(sigma).toBeCloseTo(6.5146, 3);
    const rho = 1 / (2 * sigma * sigma);
    const eps = rho + 2 * Math.sqrt(rho * Math.log(1e9));
    expect(eps).toBeLessThanOrEqual(1);
    expect(eps).toBeGreaterThan(1 - 1e-12);
    expect(discreteGaussianEpsilon(sigma, 1e-9, 1)).toBeLessThanOrEqual(1);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 1e-15, max: 0.1, noNaN: true }), fc.integer({ min: 1, max: 10 }), (e, d, l2) => {
        expect(discreteGaussianEpsilon(discreteGaussianSigmaFor(e, d, l2), d, l2)).toBeLessThanOrEqual(e);
      }),
    );
  });

  it('needs more noise for smaller ε, smaller δ and larger sensitivity', () => {
    const at = (eps: number, delta: number, l2 = 1) => discreteGaussianSigmaFor(eps, delta, l2);
    expect(at(0.5, 1e-9)).toBeGreaterThan(at(1, 1e-9));
    expect(at(1, 1e-9)).toBeGreaterThan(at(2, 1e-9));
    expect(at(1, 1e-12)).toBeGreaterThan(at(1, 1e-9));
    expect(at(1, 1e-9)).toBeGreaterThan(at(1, 1e-6));
    expect(at(1, 1e-9, 3)).toBeCloseTo(3 * at(1, 1e-9), 9);
  });
});

describe('argument checks', () => {
  it('names the argument and the function', () => {
    const source = seeded(1);
    expect(() => discreteLaplace(-1, source)).toThrow("'scale' passed to 'discreteLaplace' must be > 0");
    expect(() => discreteLaplace(Number.NaN, source)).toThrow(/'scale' passed to 'discreteLaplace'/);
    expect(() => discreteLaplace(Number.POSITIVE_INFINITY, source)).toThrow(/'scale' passed to 'discreteLaplace'/);
    expect(() => discreteGaussian(0, source)).toThrow(/'sigma' passed to 'discreteGaussian' must be > 0/);
    expect(() => sampleBernoulliExp(-1, 1, source)).toThrow(/'gammaNum' passed to 'sampleBernoulliExp'/);
    expect(() => sampleBernoulliExp(1.5, 2, source)).toThrow(/'gammaNum' passed to 'sampleBernoulliExp'/);
    expect(() => sampleBernoulliExp(1, 0n, source)).toThrow(/'gammaDen' passed to 'sampleBernoulliExp'/);
    expect(() => sampleDiscreteLaplace(0, 1, source)).toThrow(/'scaleNum' passed to 'sampleDiscreteLaplace'/);
    expect(() => sampleDiscreteGaussian(1, -2n, source)).toThrow(/'sigmaSqDen' passed to 'sampleDiscreteGaussian'/);
    expect(() => noiseCounts([1, -1], { kind: 'laplace', scale: 1 }, source)).toThrow(/'counts\[1\]' passed to 'noiseCounts'/);
    expect(() => noiseCounts([0.5], { kind: 'laplace', scale: 1 }, source)).toThrow(RangeError);
    expect(() => noiseCounts([1], { kind: 'laplace', scale: 0 }, source)).toThrow(/'mechanism.scale' passed to 'noiseCounts'/);
    expect(() => noiseCounts([1], { kind: 'gaussian', sigma: -3 }, source)).toThrow(/'mechanism.sigma' passed to 'noiseCounts'/);
    expect(() => noiseCounts([1], { kind: 'cauchy' } as never, source)).toThrow(/'mechanism.kind' passed to 'noiseCounts'/);
    expect(() => discreteLaplaceScaleFor(0, 1)).toThrow(/'epsilon' passed to 'discreteLaplaceScaleFor'/);
    expect(() => discreteLaplaceScaleFor(1, -2)).toThrow(/'l1Sensitivity' passed to 'discreteLaplaceScaleFor'/);
    expect(() => discreteGaussianSigmaFor(1, 0, 1)).toThrow(/'delta' passed to 'discreteGaussianSigmaFor'/);
    expect(() => discreteGaussianSigmaFor(1, 1, 1)).toThrow(/'delta' passed to 'discreteGaussianSigmaFor'/);
    expect(() => discreteGaussianSigmaFor(1, 1e-9, 0)).toThrow(/'l2Sensitivity' passed to 'discreteGaussianSigmaFor'/);
    expect(() => discreteGaussianSigmaFor(Number.NaN, 1e-9, 1)).toThrow(/'epsilon' passed to 'discreteGaussianSigmaFor'/);
  });

  it('refuses sources that are not uniform-integer sources or stray out of range', () => {
    expect(() => discreteLaplace(2, {} as UniformSource)).toThrow(/'source' passed to 'discreteLaplace'/);
    expect(() => discreteGaussian(2, { uniformInt: (n) => n })).toThrow(/source passed to 'discreteGaussian' returned/);
    expect(() => seeded(1).uniformInt(0)).toThrow(/'n' passed to 'uniformInt'/);
    expect(() => uniformSourceFromRng(() => 1).uniformInt(2)).toThrow(/'uniformSourceFromRng'/);
  });
});
