import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { assertModelBundle } from '../../../src/core/model/bundle';
import type { DiscountMetricsFile } from '../../../src/train/discount/discountMetrics';
import { loadDiscountModel, scoreTiers } from '../../../src/train/discount/discountModel';
import { readLoggedCsv } from '../../../src/train/discount/readLogged';
import { readTruth, segmentOf, truthPathFor } from '../../../src/train/discount/truth';
import { cli, trainedStrongModel } from './lib/fixtures';

let trained: Awaited<ReturnType<typeof trainedStrongModel>>;
beforeAll(async () => {
  trained = await trainedStrongModel(5);
}, 120_000);

describe('tailor train-logged --quick on a simulated log', () => {
  it('writes a discount-response bundle the runtime validator accepts, trained on the training fold only', async () => {
    const bundle: unknown = JSON.parse(await readFile(join(trained.modelDir, 'bundle.json'), 'utf8'));
    assertModelBundle(bundle, FEATURE_SPEC);
    expect(bundle.kind).toBe('discount-response');
    expect(bundle.treatment).toEqual({ name: 'discount_tier', levels: [0, 5, 10, 15, 20], encoding: 'onehot' });
    expect(bundle.inputColumns.slice(-5)).toEqual(['discount_tier=0', 'discount_tier=5', 'discount_tier=10', 'discount_tier=15', 'discount_tier=20']);
    const { train, validation, test } = bundle.training.rows;
    expect(train + validation + test).toBe(6000);
    expect(test / 6000).toBeCloseTo(0.2, 2);
    const data = await readLoggedCsv(trained.logged);
    expect(bundle.training.dataSha256).toBe(data.sha256);
  });

  it('learns that the responsive segment gains from discounts and the indifferent one does not', async () => {
    const model = await loadDiscountModel(trained.modelDir);
    const truth = await readTruth(truthPathFor(trained.logged));
    const data = await readLoggedCsv(trained.logged);
    const k = model.levels.length;
    const scores = scoreTiers(model, data.rows.map((r) => r.record));
    const uplift = [0, 0];
    const count = [0, 0];
    data.rows.forEach((row, r) => {
      const s = segmentOf(truth.config.segments, row.record);
      uplift[s]! += scores[r * k + k - 1]! - scores[r * k]!;
      count[s]!++;
    });
    const [responsive, indifferent] = [uplift[0]! / count[0]!, uplift[1]! / count[1]!];
    expect(count[0]).toBeGreaterThan(500);
    expect(count[1]).toBeGreaterThan(500);
    // True uplift at 20 %: 0.5 * (1 - e^(-20/6)) = 0.48 vs 0.
    expect(responsive).toBeGreaterThan(0.2);
    expect(responsive - indifferent).toBeGreaterThan(0.15);
  });

  it('records held-out metrics, per-tier calibration and the uplift check in metrics.json and the card', async () => {
    const metrics = JSON.parse(await readFile(join(trained.modelDir, 'metrics.json'), 'utf8')) as DiscountMetricsFile;
    expect(metrics.training.config.quick).toBe(true);
    expect(metrics.training.parityMaxAbsDiff).toBeLessThan(1e-4);
    expect(metrics.test.rocAuc).toBeGreaterThan(0.6);
    expect(metrics.test.perTier.map((t) => t.tier)).toEqual([0, 5, 10, 15, 20]);
    expect(metrics.test.perTier.reduce((n, t) => n + t.rows, 0)).toBe(metrics.split.test);
    expect(metrics.test.uplift?.segments.map((s) => s.segment)).toEqual(['responsive', 'indifferent']);
    expect(metrics.policyEvaluation).toBeNull();
    const card = await readFile(join(trained.modelDir, 'README.md'), 'utf8');
    expect(card).toContain('# Tailor discount-response model');
    expect(card).toContain('| Segment');
    expect(trained.stdout).toContain('parity (plain-JS forward vs tfjs');
  });

  it('is reproducible: the same log and seed give byte-identical weights and bundle', async () => {
    const again = join(trained.work, 'again');
    const run = await cli(['train-logged', '--logged', trained.logged, '--out', again, '--quick', '--seed', '5']);
    expect(run.code, run.stderr).toBe(0);
    // model.json is left out: tfjs numbers layer names per process (dense_Dense1, dense_Dense4, …).
    for (const file of ['group1-shard1of1.bin', 'bundle.json']) {
      expect((await readFile(join(again, file))).equals(await readFile(join(trained.modelDir, file))), file).toBe(true);
    }
  });

  it('fails with a clear message on a missing or malformed log', async () => {
    const missing = await cli(['train-logged', '--logged', join(trained.work, 'nope.csv'), '--out', join(trained.work, 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot be read: ${join(trained.work, 'nope.csv')} (ENOENT)`);
    const noOut = await cli(['train-logged', '--logged', trained.logged]);
    expect(noOut.stderr).toContain("'--out' is required");
    const badEncoding = await cli(['train-logged', '--logged', trained.logged, '--out', trained.work, '--encoding', 'ordinal']);
    expect(badEncoding.stderr).toContain("'--encoding' must be onehot or numeric");
  });
});
