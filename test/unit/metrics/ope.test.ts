import { describe, expect, it } from 'vitest';
import type { LoggedBandit, TargetPolicy } from '../../../src/core/metrics/ope';
import { doublyRobustEstimate, ipsEstimate, policyDifferenceEstimate, snipsEstimate } from '../../../src/core/metrics/ope';

/*
 * Hand-worked log: 4 rows, 2 actions, uniform logging (propensity 0.5), context = row number.
 *
 *   row  action  reward  q̂(x,0)  q̂(x,1)
 *    0     0       1      0.6     0.2
 *    1     1       0      0.5     0.1
 *    2     1       1      0.4     0.8
 *    3     0       0      0.3     0.7
 */
const uniform: LoggedBandit<number> = {
  contexts: [0, 1, 2, 3],
  actions: [0, 1, 1, 0],
  rewards: [1, 0, 1, 0],
  propensities: [0.5, 0.5, 0.5, 0.5],
};
const q = [
  [0.6, 0.2],
  [0.5, 0.1],
  [0.4, 0.8],
  [0.3, 0.7],
];
/** Deterministic: action = context mod 2 → 0, 1, 0, 1; matches the log at rows 0 and 1. */
const parity: TargetPolicy<number> = { kind: 'deterministic', choose: (x) => x % 2 };
/** Stochastic: P(0) = 0.25, P(1) = 0.75 everywhere. */
const tilted: TargetPolicy<number> = { kind: 'stochastic', probabilities: () => [0.25, 0.75] };

describe('ipsEstimate', () => {
  it('deterministic policy', () => {
    // w = [2, 2, 0, 0]; w·r = [2, 0, 0, 0] → V = 2/4 = 0.5.
    // Terms' deviations 1.5, −.5, −.5, −.5 → Σ² = 3, sample var 3/3 = 1 → SE = 1/√4 = 0.5.
    // ESS = (Σw)²/Σw² = 16/8 = 2.
    const e = ipsEstimate(uniform, parity);
    expect(e.value).toBeCloseTo(0.5, 12);
    expect(e.standardError).toBeCloseTo(0.5, 12);
    expect(e.effectiveSampleSize).toBeCloseTo(2, 12);
    expect(e.n).toBe(4);
  });

  it('stochastic policy', () => {
    // w = π(a)/0.5 = [.5, 1.5, 1.5, .5]; w·r = [.5, 0, 1.5, 0] → V = 0.5.
    // Deviations 0, −.5, 1, −.5 → Σ² = 1.5, var .5 → SE = √.5 / 2.
    const e = ipsEstimate(uniform, tilted);
    expect(e.value).toBeCloseTo(0.5, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(0.5) / 2, 12);
  });

  it('non-uniform propensities', () => {
    // Propensities [.8, .5, .5, .2] with the parity policy: w = [1.25, 2, 0, 0], w·r = [1.25, 0, 0, 0] → V = 1.25/4.
    const e = ipsEstimate({ ...uniform, propensities: [0.8, 0.5, 0.5, 0.2] }, parity);
    expect(e.value).toBeCloseTo(0.3125, 12);
  });
});

describe('snipsEstimate', () => {
  it('deterministic policy, uniform logging', () => {
    // Σw·r = 2, Σw = 4 → V = 0.5. SE = √(Σ w²(r − V)²)/Σw = √(4·.25 + 4·.25)/4 = √2/4.
    const e = snipsEstimate(uniform, parity);
    expect(e.value).toBeCloseTo(0.5, 12);
    expect(e.standardError).toBeCloseTo(Math.SQRT2 / 4, 12);
  });

  it('non-uniform propensities', () => {
    // w = [1.25, 2, 0, 0]: V = 1.25/3.25 = 5/13.
    // Σ w²(r − V)² = 1.5625·(8/13)² + 4·(5/13)² = (100 + 100)/169 → SE = (√200/13)/3.25.
    const e = snipsEstimate({ ...uniform, propensities: [0.8, 0.5, 0.5, 0.2] }, parity);
    expect(e.value).toBeCloseTo(5 / 13, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(200) / 13 / 3.25, 12);
  });

  it('is undefined when the policy never agrees with the log', () => {
    const never: TargetPolicy<number> = { kind: 'deterministic', choose: () => 5 };
    expect(() => snipsEstimate(uniform, never)).toThrow(/probability 0 to every logged action/);
  });
});

describe('doublyRobustEstimate', () => {
  it('deterministic policy', () => {
    // ψ = q̂(x, π(x)) + w·(r − q̂(x, a)):
    //   row 0: .6 + 2·(1 − .6) = 1.4;  row 1: .1 + 2·(0 − .1) = −.1;  row 2: .4;  row 3: .7
    // V = 2.4/4 = 0.6; deviations .8, −.7, −.2, .1 → Σ² = 1.18 → SE = √(1.18/3)/2.
    const e = doublyRobustEstimate(uniform, parity, q);
    expect(e.value).toBeCloseTo(0.6, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(1.18 / 3) / 2, 12);
  });

  it('stochastic policy', () => {
    // Direct part Σ_a π(a)q̂: .3, .2, .7, .6; corrections .5·(1−.6) = .2, 1.5·(0−.1) = −.15, 1.5·(1−.8) = .3, .5·(0−.3) = −.15
    // ψ = .5, .05, 1, .45 → V = 0.5; deviations 0, −.45, .5, −.05 → Σ² = .455 → SE = √(.455/3)/2.
    const e = doublyRobustEstimate(uniform, tilted, q);
    expect(e.value).toBeCloseTo(0.5, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(0.455 / 3) / 2, 12);
  });

  it('names bad inputs', () => {
    expect(() => doublyRobustEstimate(uniform, parity, q.slice(1))).toThrow(/'rewardPredictions' passed to 'doublyRobustEstimate'/);
    const bad: TargetPolicy<number> = { kind: 'stochastic', probabilities: () => [0.5, 0.6] };
    expect(() => doublyRobustEstimate(uniform, bad, q)).toThrow(/must sum to 1/);
    const out: TargetPolicy<number> = { kind: 'deterministic', choose: () => 2 };
    expect(() => doublyRobustEstimate(uniform, out, q)).toThrow(/'policy.choose'.*\[0, 2\)/);
  });
});

describe('policyDifferenceEstimate', () => {
  const always1: TargetPolicy<number> = { kind: 'deterministic', choose: () => 1 };

  it('pairs IPS terms row by row', () => {
    // parity terms [2, 0, 0, 0]; always-1: w = [0, 2, 2, 0] → terms [0, 0, 2, 0].
    // Differences [2, 0, −2, 0]: mean 0, Σ² = 8 → SE = √(8/3)/2.
    const e = policyDifferenceEstimate(uniform, parity, always1);
    expect(e.value).toBeCloseTo(0, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(8 / 3) / 2, 12);
  });

  it('pairs DR terms when reward predictions are given', () => {
    // parity ψ = [1.4, −.1, .4, .7]; always-1 ψ: .2; .1 + 2·(0 − .1) = −.1; .8 + 2·(1 − .8) = 1.2; .7.
    // Differences [1.2, 0, −.8, 0]: mean .1; deviations 1.1, −.1, −.9, −.1 → Σ² = 2.04 → SE = √(2.04/3)/2.
    const e = policyDifferenceEstimate(uniform, parity, always1, q);
    expect(e.value).toBeCloseTo(0.1, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(2.04 / 3) / 2, 12);
  });

  it('is exactly 0 with 0 standard error for identical policies', () => {
    const e = policyDifferenceEstimate(uniform, tilted, tilted, q);
    expect(e.value).toBe(0);
    expect(e.standardError).toBe(0);
  });
});

describe('input validation', () => {
  it('names the field and row', () => {
    expect(() => ipsEstimate({ ...uniform, propensities: [0.5, 0, 0.5, 0.5] }, parity)).toThrow(
      /'data.propensities' passed to 'ipsEstimate' must be in \(0, 1\]; got 0 at row 1/,
    );
    expect(() => ipsEstimate({ ...uniform, actions: [0, 1.5, 1, 0] }, parity)).toThrow(/'data.actions'.*row 1/);
    expect(() => snipsEstimate({ ...uniform, rewards: [1, 0] }, parity)).toThrow(/equal-length/);
    expect(() => ipsEstimate({ contexts: [], actions: [], rewards: [], propensities: [] }, parity)).toThrow(/non-empty/);
  });
});
