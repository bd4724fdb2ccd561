import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAbandonedCart } from '../../../src/train/discount/baselinePolicies';
import type { DiscountMetricsFile } from '../../../src/train/discount/discountMetrics';
import { cli, trainedStrongModel } from './lib/fixtures';

let trained: Awaited<ReturnType<typeof trainedStrongModel>>;
let heldOut: string;
let run: Awaited<ReturnType<typeof cli>>;
beforeAll(async () => {
  trained = await trainedStrongModel(7);
  const world = join(trained.work, 'world.json');
  heldOut = join(trained.work, 'holdout.csv');
  const sim = await cli(['simulate-data', '--data', trained.dataDir, '--out', heldOut, '--rows', '20000', '--seed', '70', '--sessions', 'holdout', '--config', world]);
  if (sim.code !== 0) throw new Error(sim.stderr);
  run = await cli(['evaluate-policy', '--model', trained.modelDir, '--logged', heldOut]);
}, 120_000);

describe('tailor evaluate-policy on a simulated held-out log with known truth', () => {
  it('estimates every fixed policy within 3 standard errors of its exact value (IPS and DR)', async () => {
    expect(run.code, run.stderr).toBe(0);
    const { policyEvaluation: pe } = JSON.parse(await readFile(join(trained.modelDir, 'metrics.json'), 'utf8')) as DiscountMetricsFile;
    expect(pe).not.toBeNull();
    expect(pe!.truthFile).toBe('holdout.truth.json');
    expect(pe!.policies.map((p) => p.policy)).toEqual(['learned (tailor decide)', 'learned, no page-value table', 'no discount', 'blanket 10 %', 'abandoned cart → 10 %', 'uniform random', 'oracle (truth)']);
    for (const p of pe!.policies) {
      expect(p.exact).not.toBeNull();
      for (const estimate of [p.dr, p.ips]) {
        expect(estimate.n).toBe(20_000);
        expect(Math.abs(estimate.value - p.exact!), `${p.policy}: ${estimate.value} vs exact ${p.exact}`).toBeLessThan(3 * estimate.standardError);
      }
    }
  });

  it('ranks the oracle first and reports the learned policy\'s share of its incremental profit', async () => {
    const { policyEvaluation: pe } = JSON.parse(await readFile(join(trained.modelDir, 'metrics.json'), 'utf8')) as DiscountMetricsFile;
    const exact = Object.fromEntries(pe!.policies.map((p) => [p.policy, p.exact!]));
    for (const p of pe!.policies) expect(pe!.oracle!).toBeGreaterThanOrEqual(p.exact! - 1e-12);
    const share = (100 * (exact['learned (tailor decide)']! - exact['no discount']!)) / (pe!.oracle! - exact['no discount']!);
    expect(pe!.learnedPercentOfOracleGain).toBeCloseTo(share, 9);
    // The same share for the device that scores PageValues as unknown (no page-value table served).
    const runtimeShare = (100 * (exact['learned, no page-value table']! - exact['no discount']!)) / (pe!.oracle! - exact['no discount']!);
    expect(pe!.runtimePercentOfOracleGain).toBeCloseTo(runtimeShare, 9);
    // In a world with one strongly responsive segment the learned policy must capture most of the gain.
    expect(share).toBeGreaterThan(50);
    expect(pe!.policies.find((p) => p.policy === 'uniform random')!.tierMix).toEqual({ 0: 0.2, 5: 0.2, 10: 0.2, 15: 0.2, 20: 0.2 });
    expect(run.stdout).toMatch(/learned policy: \d+\.\d % of the oracle's incremental profit/);
    const card = await readFile(join(trained.modelDir, 'README.md'), 'utf8');
    expect(card).toContain('## Policy evaluation');
    expect(card).toMatch(/\| abandoned cart → 10 %\s+\|/);
  });

  it('defines the abandoned cart from session features', () => {
    expect(isAbandonedCart({ ProductRelated: 10, PageValues: 0 })).toBe(true);
    expect(isAbandonedCart({ ProductRelated: 9, PageValues: 0 })).toBe(false);
    expect(isAbandonedCart({ ProductRelated: 40, PageValues: 3.2 })).toBe(false);
  });

  it('refuses the training log, and works without truth (estimates only)', async () => {
    const same = await cli(['evaluate-policy', '--model', trained.modelDir, '--logged', trained.logged]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('is the file the model was trained on');
    const copy = join(trained.work, 'no-truth.csv');
    await writeFile(copy, await readFile(heldOut, 'utf8'));
    const blind = await cli(['evaluate-policy', '--model', trained.modelDir, '--logged', copy, '--no-write']);
    expect(blind.code, blind.stderr).toBe(0);
    expect(blind.stdout).not.toContain('oracle');
    expect(blind.stdout).not.toContain('Exact');
  });
});
