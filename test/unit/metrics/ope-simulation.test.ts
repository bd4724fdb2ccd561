import { describe, expect, it } from 'vitest';
import type { LoggedBandit, OffPolicyEstimate, TargetPolicy } from '../../../src/core/metrics/ope';
import { doublyRobustEstimate, ipsEstimate, policyDifferenceEstimate, snipsEstimate } from '../../../src/core/metrics/ope';
import { mulberry32 } from '../../../src/core/lib/random';

/*
 * A 3-context, 3-action world with a deliberately skewed logging policy.
 * True value of a policy π: V = Σ_x P(x) Σ_a π(a|x) m(x, a), with P(x) = 1/3.
 */
const MEAN = [
  [0.1, 0.5, 0.3],
  [0.6, 0.2, 0.4],
  [0.3, 0.3, 0.9],
];
const LOGGING = [
  [0.6, 0.3, 0.1],
  [0.2, 0.2, 0.6],
  [0.5, 0.4, 0.1],
];
const GREEDY: TargetPolicy<number> = { kind: 'deterministic', choose: (x) => [1, 0, 2][x] as number };
const SOFT: TargetPolicy<number> = {
  kind: 'stochastic',
  probabilities: (x) => [
    [0.2, 0.7, 0.1],
    [0.5, 0.25, 0.25],
    [0.1, 0.1, 0.8],
  ][x] as number[],
};
// By hand: greedy V = (.5 + .6 + .9)/3 = 2/3.
// Soft: x0 .02 + .35 + .03 = .40; x1 .30 + .05 + .10 = .45; x2 .03 + .03 + .72 = .78 → V = 1.63/3.
const TRUE_GREEDY = 2 / 3;
const TRUE_SOFT = 1.63 / 3;

function simulate(seed: number, n: number): LoggedBandit<number> {
  const random = mulberry32(seed);
  const contexts: number[] = [];
  const actions: number[] = [];
  const rewards: number[] = [];
  const propensities: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Math.floor(random() * 3);
    const mu = LOGGING[x] as number[];
    const u = random();
    const a = u < (mu[0] as number) ? 0 : u < (mu[0] as number) + (mu[1] as number) ? 1 : 2;
    contexts.push(x);
    actions.push(a);
    propensities.push(mu[a] as number);
    rewards.push(random() < ((MEAN[x] as number[])[a] as number) ? 1 : 0);
  }
  return { contexts, actions, rewards, propensities };
}

/** A misspecified reward model (every mean shifted by +0.15): DR must stay unbiased through the propensities. */
function biasedModel(data: LoggedBandit<number>): number[][] {
  return data.contexts.map((x) => (MEAN[x] as number[]).map((m) => m + 0.15));
}

function summarise(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

describe('off-policy estimators on simulated logs', () => {
  const SEEDS = 400;
  const N = 300;
  const logs = Array.from({ length: SEEDS }, (_, s) => simulate(1000 + s, N));

  const cases: [string, TargetPolicy<number>, number][] = [
    ['greedy (deterministic)', GREEDY, TRUE_GREEDY],
    ['soft (stochastic)', SOFT, TRUE_SOFT],
  ];
  const estimators: [string, (d: LoggedBandit<number>, p: TargetPolicy<number>) => OffPolicyEstimate, boolean][] = [
    ['IPS', ipsEstimate, true],
    ['SNIPS', snipsEstimate, false],
    ['DR (misspecified model)', (d, p) => doublyRobustEstimate(d, p, biasedModel(d)), true],
  ];

  for (const [policyName, policy, truth] of cases) {
    for (const [name, estimate, unbiased] of estimators) {
      it(`${name} on the ${policyName} policy is centred on the true value with calibrated standard errors`, () => {
        const results = logs.map((d) => estimate(d, policy));
        const values = summarise(results.map((r) => r.value));
        const meanSe = results.reduce((s, r) => s + r.standardError, 0) / results.length;
        // Unbiased estimators: the mean of 400 draws is within 4 Monte-Carlo SEs of the truth.
        // SNIPS has O(1/n) bias, so allow an extra 0.01 absolute.
        const tolerance = 4 * (values.sd / Math.sqrt(SEEDS)) + (unbiased ? 0 : 0.01);
        expect(Math.abs(values.mean - truth)).toBeLessThan(tolerance);
        // Reported SEs track the actual spread across seeds within 15%.
        expect(meanSe / values.sd).toBeGreaterThan(0.85);
        expect(meanSe / values.sd).toBeLessThan(1.15);
      });
    }
  }

  it('the paired difference (DR, misspecified model) is centred on the true difference', () => {
    const results = logs.map((d) => policyDifferenceEstimate(d, GREEDY, SOFT, biasedModel(d)));
    const values = summarise(results.map((r) => r.value));
    const meanSe = results.reduce((s, r) => s + r.standardError, 0) / results.length;
    expect(Math.abs(values.mean - (TRUE_GREEDY - TRUE_SOFT))).toBeLessThan(4 * (values.sd / Math.sqrt(SEEDS)));
    expect(meanSe / values.sd).toBeGreaterThan(0.85);
    expect(meanSe / values.sd).toBeLessThan(1.15);
  });

  it('the check has power: IPS with wrong (uniform) propensities is detectably biased', () => {
    const values = logs.map((d) => ipsEstimate({ ...d, propensities: new Array<number>(d.contexts.length).fill(1 / 3) }, GREEDY).value);
    const s = summarise(values);
    expect(Math.abs(s.mean - TRUE_GREEDY)).toBeGreaterThan(4 * (s.sd / Math.sqrt(SEEDS)));
  });
});
