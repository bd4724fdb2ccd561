import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createVectorizer } from '../../../src/core/features/vectorize';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { assertModelBundle } from '../../../src/core/model/bundle';
import { applyCalibration } from '../../../src/core/model/calibration';
import { layersModelWeightPaths, parseLayersModel } from '../../../src/core/model/layersModel';
import { mlpForward } from '../../../src/core/model/mlp';
import { rocAuc } from '../../../src/core/metrics/classification';
import { cli } from './fixtures/runCliCaptured';
import type { MetricsFile } from '../../../src/train/report/metricsFile';
import { uciFixtureCsv } from './fixtures/uciFixture';

let dataDir: string;
let outDir: string;

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const asArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tailor-cli-data-'));
  outDir = await mkdtemp(join(tmpdir(), 'tailor-cli-out-'));
  await writeFile(join(dataDir, 'online_shoppers_intention.csv'), uciFixtureCsv(900, 21));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

describe('tailor train/evaluate --quick on a generated UCI-shaped file', () => {
  it('trains, writes a loadable model + bundle, and the pure-TS runtime path predicts well', async () => {
    const run = await cli(['train', '--quick', '--data', dataDir, '--out', outDir, '--seed', '3']);
    expect(run.stderr).not.toMatch(/Error|error:/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| Metric (held-out test, 180 rows)');
    expect(run.stderr).toMatch(/train mlp: done/);

    const bundle = await readJson<unknown>(join(outDir, 'bundle.json'));
    assertModelBundle(bundle, FEATURE_SPEC);
    expect(bundle.kind).toBe('purchase');
    expect(bundle.training.rows).toEqual({ train: 540, validation: 180, test: 180 });

    // The runtime path, without tfjs: vectorize -> forward pass -> calibrate.
    const modelJson = await readJson<unknown>(join(outDir, bundle.modelPath));
    const shards = await Promise.all(layersModelWeightPaths(modelJson).map(async (p) => asArrayBuffer(await readFile(join(outDir, p)))));
    const mlp = parseLayersModel(modelJson, shards);
    const vectorizer = createVectorizer(bundle.stats);
    const rows = uciFixtureCsv(400, 99).split('\r\n').slice(1).map((line) => line.split(','));
    const x = new Float32Array(rows.length * vectorizer.columns.length);
    rows.forEach((cells, i) => vectorizer.vectorize({ PageValues: cells[8], ExitRates: cells[7], ProductRelated: cells[4], Month: cells[10] }, x, i * vectorizer.columns.length));
    const probs = Array.from(mlpForward(mlp, x, rows.length), (p) => applyCalibration(bundle.calibration, p));
    const labels = rows.map((cells) => (cells[17] === 'TRUE' ? 1 : 0));
    expect(rocAuc(labels, probs)).toBeGreaterThan(0.85);
  });

  it('evaluates with cross-validation and completes metrics.json, plots and the model card', async () => {
    const run = await cli(['evaluate', '--quick', '--data', dataDir, '--out', outDir, '--seed', '3']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\| ROC AUC\s+\| 0\.\d{3} ± 0\.\d{3}/);

    const metrics = await readJson<MetricsFile>(join(outDir, 'metrics.json'));
    expect(metrics.quick).toBe(true);
    expect(metrics.holdout?.parityMaxAbsDiff).toBeLessThan(1e-5);
    expect(metrics.crossValidation?.folds).toBe(2);
    expect(metrics.crossValidation?.mlp.rocAuc.values).toHaveLength(2);
    expect(metrics.crossValidation?.gbdt.prAuc.mean).toBeGreaterThan(0.5);

    for (const plot of ['roc.svg', 'pr.svg', 'calibration.svg']) {
      const svg = await readFile(join(outDir, 'plots', plot), 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toContain('<polyline');
      expect(svg).toContain('GBDT');
    }
    const card = await readFile(join(outDir, 'README.md'), 'utf8');
    expect(card).toContain('**Quick run**');
    expect(card).toContain('2-fold CV, mean ± sd');
    expect(card).toContain('held-out test, 180 rows');
    expect(card).toContain('![plots/roc.svg](plots/roc.svg)');
  });

  it('is deterministic: the same seed writes byte-identical weights and bundle', async () => {
    const again = await mkdtemp(join(tmpdir(), 'tailor-cli-again-'));
    try {
      expect((await cli(['train', '--quick', '--data', dataDir, '--out', again, '--seed', '3'])).code).toBe(0);
      for (const file of ['group1-shard1of1.bin', 'bundle.json']) {
        expect((await readFile(join(again, file))).equals(await readFile(join(outDir, file))), file).toBe(true);
      }
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('fails with one clear line for bad options, missing data and unknown commands', async () => {
    const badSeed = await cli(['train', '--seed', 'x', '--data', dataDir, '--out', outDir]);
    expect(badSeed.code).toBe(1);
    expect(badSeed.stderr).toBe("tailor train: '--seed' must be a non-negative integer, got 'x'\n");
    const unknown = await cli(['train', '--epochs', '3']);
    expect(unknown.stderr).toMatch(/^tailor train: Unknown option '--epochs'.*See 'tailor train --help'\.\n$/);
    const missing = await cli(['evaluate', '--data', join(dataDir, 'nowhere'), '--out', outDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\/online_shoppers_intention\.csv does not exist \(pass --data <folder>\)/);
    const nope = await cli(['fly']);
    expect(nope.code).toBe(1);
    expect(nope.stderr).toContain("tailor: unknown command 'fly'");
    const help = await cli(['train', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tailor train');
    expect(help.stdout).toContain('--quick');
  });

  it('runs through the bin wrapper', async () => {
    const bin = resolve(import.meta.dirname, '../../../bin/tailor.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help']);
    expect(stdout).toContain('Usage: tailor <command>');
    expect(stdout).toMatch(/train\s+train the purchase model/);
  });
});
