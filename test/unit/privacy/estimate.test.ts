import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32 } from '../../../src/core/lib/random';
import { Z95, difference, frequencyEstimates, grrChannel, linearEstimate, randomizeCategory, toInterval } from '../../../src/core/privacy';

/** Solves A x = b by Gaussian elimination with partial pivoting (independent of the code under test). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

describe('debiasing (hand-computed)', () => {
  it('binary at ε = ln 3: 40 of 100 say yes → 0.3, variance 0.0096', () => {
    // p = 3/4, q = 1/4: (0.40 − 0.25) / 0.5 = 0.3; Var = 0.4·0.6 / (100·0.5²) = 0.0096.
    const e = linearEstimate([{ epsilon: Math.log(3), counts: [60, 40] }], [0, 1]);
    expect(e.value).toBeCloseTo(0.3, 12);
    expect(e.variance).toBeCloseTo(0.0096, 12);
    const i = toInterval(e, [0, 1]);
    expect(i.se).toBeCloseTo(0.09798, 5);
    expect(i.ci[0]).toBeCloseTo(0.3 - Z95 * 0.0979796, 5);
    expect(i.ci[1]).toBeCloseTo(0.3 + Z95 * 0.0979796, 5);
  });

  it('three values at ε = ln 2: [50, 30, 20] → [1.0, 0.2, −0.2], summing to 1', () => {
    // e^ε = 2, p = 2/4, q = 1/4: (0.5 − 0.25)/0.25 = 1, (0.3 − 0.25)/0.25 = 0.2, (0.2 − 0.25)/0.25 = −0.2.
    const { n, frequencies } = frequencyEstimates([{ epsilon: Math.log(2), counts: [50, 30, 20] }]);
    expect(n).toBe(100);
    expect(frequencies.map((f) => f.value)).toEqual([1, 0.2, -0.2].map((x) => expect.closeTo(x, 12)));
    // Var f̂_0 = 0.5·0.5 / (100·0.25²) = 0.04.
    expect(frequencies[0]!.variance).toBeCloseTo(0.04, 12);
    // A negative frequency is projected to 0 for display, never hidden from differences.
    expect(toInterval(frequencies[2]!, [0, 1]).estimate).toBe(0);
  });

  it('equals inverting the channel matrix', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 2, maxLength: 7 }), fc.double({ min: 0.1, max: 4, noNaN: true }), (counts, eps) => {
        fc.pre(counts.some((c) => c > 0));
        const k = counts.length;
        const { p, q } = grrChannel(k, eps);
        const n = counts.reduce((a, c) => a + c, 0);
        const channel = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? p : q)));
        const expected = solve(channel, counts.map((c) => c / n));
        const got = frequencyEstimates([{ epsilon: eps, counts }]).frequencies.map((f) => f.value);
        got.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 8));
      }),
    );
  });

  it('adds debiased totals across channels of different ε', () => {
    const a = { epsilon: Math.log(3), counts: [60, 40] };
    const b = { epsilon: Math.log(2), counts: [140, 60] };
    const fa = linearEstimate([a], [0, 1]);
    const fb = linearEstimate([b], [0, 1]);
    const both = linearEstimate([a, b], [0, 1]);
    expect(both.value).toBeCloseTo((100 * fa.value + 200 * fb.value) / 300, 12);
    expect(both.variance).toBeCloseTo((100 ** 2 * fa.variance + 200 ** 2 * fb.variance) / 300 ** 2, 12);
  });

  it('differences add variances', () => {
    expect(difference({ value: 0.3, variance: 0.01 }, { value: 0.1, variance: 0.02 })).toEqual({ value: expect.closeTo(0.2, 12), variance: expect.closeTo(0.03, 12) });
  });

  it('rejects mismatched inputs, naming them', () => {
    expect(() => linearEstimate([], [0, 1])).toThrow(/'tallies' passed to 'linearEstimate'/);
    expect(() => linearEstimate([{ epsilon: 1, counts: [1, 2] }, { epsilon: 1, counts: [1, 2, 3] }], [0, 1])).toThrow(/'tallies\[1\]\.counts'/);
    expect(() => linearEstimate([{ epsilon: 1, counts: [1, 2] }], [0, 1, 2])).toThrow(/'h' passed to 'linearEstimate'/);
  });
});

describe('debiasing (simulation)', () => {
  it('is unbiased and its 95 % intervals cover the truth about 95 % of the time (200 seeds, k = 4, ε = 0.5)', () => {
    const truth = [0.55, 0.25, 0.15, 0.05];
    const h = [0, 10, 20, 50];
    const trueMean = truth.reduce((a, f, i) => a + f * h[i]!, 0);
    const n = 5000;
    let covered = 0;
    let coveredMean = 0;
    let sum = 0;
    const seeds = 200;
    for (let seed = 1; seed <= seeds; seed++) {
      const rng = mulberry32(seed);
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < n; i++) {
        let u = rng();
        let v = 0;
        while (v < 3 && (u -= truth[v]!) >= 0) v++;
        counts[randomizeCategory(v, 4, 0.5, rng)]! += 1;
      }
      const f1 = toInterval(linearEstimate([{ epsilon: 0.5, counts }], [0, 1, 0, 0]));
      if (f1.ci[0] <= truth[1]! && truth[1]! <= f1.ci[1]) covered++;
      const mean = linearEstimate([{ epsilon: 0.5, counts }], h);
      sum += mean.value;
      const mi = toInterval(mean);
      if (mi.ci[0] <= trueMean && trueMean <= mi.ci[1]) coveredMean++;
    }
    expect(covered / seeds).toBeGreaterThanOrEqual(0.9);
    expect(covered / seeds).toBeLessThanOrEqual(0.99);
    expect(coveredMean / seeds).toBeGreaterThanOrEqual(0.9);
    expect(coveredMean / seeds).toBeLessThanOrEqual(0.99);
    // Mean of 200 unbiased estimates: within 4 standard errors of the truth.
    const se = toInterval(linearEstimate([{ epsilon: 0.5, counts: [2750, 1250, 750, 250] }], h)).se;
    expect(Math.abs(sum / seeds - trueMean)).toBeLessThan((4 * se) / Math.sqrt(seeds));
  });
});
