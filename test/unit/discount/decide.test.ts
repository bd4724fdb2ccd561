import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createVectorizer } from '../../../src/core/features/vectorize';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { mulberry32 } from '../../../src/core/lib/random';
import { assertModelBundle } from '../../../src/core/model/bundle';
import { applyCalibration } from '../../../src/core/model/calibration';
import { layersModelWeightPaths, parseLayersModel } from '../../../src/core/model/layersModel';
import { mlpForward } from '../../../src/core/model/mlp';
import { DEFAULT_POLICY, decide, parsePolicyConfig } from '../../../src/core/policy';
import { decideRows } from '../../../src/train/discount/decideRows';
import { readDecisionCsv } from '../../../src/train/discount/readLogged';
import { cli, trainedStrongModel } from './lib/fixtures';

let trained: Awaited<ReturnType<typeof trainedStrongModel>>;
let inputPath: string;
beforeAll(async () => {
  trained = await trainedStrongModel(6);
  // Decision points: the logged file with its outcome columns dropped and 300 rows kept.
  const lines = (await readFile(trained.logged, 'utf8')).trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const keep = header.map((_, i) => i).filter((i) => !['tier', 'propensity', 'converted', 'order_value'].includes(header[i]!));
  inputPath = join(trained.work, 'input.csv');
  await writeFile(inputPath, lines.slice(0, 301).map((line) => keep.map((i) => line.split(',')[i]).join(',')).join('\n'));
}, 120_000);

function parseOutput(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trimEnd().split('\n');
  const names = header!.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [names[i]!, cell])));
}

describe('tailor decide', () => {
  it('writes one decision per input row, in order, with tiers from the default policy', async () => {
    const out = join(trained.work, 'decisions.csv');
    const run = await cli(['decide', '--model', trained.modelDir, '--input', inputPath, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/throughput: \d+ rows\/s/);
    const decisions = parseOutput(await readFile(out, 'utf8'));
    const inputs = await readDecisionCsv(inputPath);
    expect(decisions).toHaveLength(300);
    expect(decisions.map((d) => Number(d.order_value))).toEqual(inputs.map((row) => row.cartValue));
    expect(decisions.every((d) => [0, ...DEFAULT_POLICY.tiers].includes(Number(d.tier)))).toBe(true);
    // A world with a strongly responsive segment: the policy must use discounts, and not for everyone.
    expect(new Set(decisions.map((d) => d.tier)).size).toBeGreaterThan(1);
  });

  it('matches core/policy decide fed by an independent vectorize → forward → calibrate path', async () => {
    const bundle: unknown = JSON.parse(await readFile(join(trained.modelDir, 'bundle.json'), 'utf8'));
    assertModelBundle(bundle, FEATURE_SPEC);
    const modelJson: unknown = JSON.parse(await readFile(join(trained.modelDir, bundle.modelPath), 'utf8'));
    const shards = await Promise.all(layersModelWeightPaths(modelJson).map(async (p) => {
      const b = await readFile(join(trained.modelDir, p));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    }));
    const mlp = parseLayersModel(modelJson, shards);
    const vectorizer = createVectorizer(bundle.stats);
    const levels = bundle.treatment!.levels;
    const inputs = (await readDecisionCsv(inputPath)).slice(0, 25);
    const config = parsePolicyConfig({ tiers: [5, 15], grossMargin: 0.35 });
    const ours = await decideRows(trained.modelDir, inputs, config);
    inputs.forEach((row, r) => {
      const features = vectorizer.vectorize(row.record);
      const scores = levels.map((tier) => {
        const x = new Float32Array(features.length + levels.length);
        x.set(features);
        x[features.length + levels.indexOf(tier)] = 1;
        return { tier, p: applyCalibration(bundle.calibration, mlpForward(mlp, x)[0]!) };
      });
      const state = { holdout: false, bot: false, offersLastDay: 0, offersLastWeek: 0, lastDismissAt: null, committedCostToday: 0 };
      const expected = decide(scores, { pageType: 'product', orderValue: row.cartValue, now: 0 }, state, { ...config, explorationRate: 0 }, mulberry32(1));
      expect(ours[r]!.decision.tier).toBe(expected.tier);
      expect([0, 5, 15]).toContain(ours[r]!.decision.tier);
      expect(ours[r]!.decision.kind).not.toBe('explore');
      ours[r]!.scores.forEach((s, t) => expect(s.p).toBeCloseTo(scores[t]!.p, 12));
    });
  });

  it('applies --config and rejects a bad one naming the field', async () => {
    const configPath = join(trained.work, 'policy.json');
    await writeFile(configPath, JSON.stringify({ tiers: [10] }));
    const out = join(trained.work, 'decisions10.csv');
    expect((await cli(['decide', '--model', trained.modelDir, '--input', inputPath, '--out', out, '--config', configPath])).code).toBe(0);
    const decisions = parseOutput(await readFile(out, 'utf8'));
    expect(new Set(decisions.map((d) => d.tier))).toEqual(new Set(['0', '10']));
    expect(decisions.every((d) => d.margin_5 === '' && d.margin_10 !== '')).toBe(true);

    await writeFile(configPath, JSON.stringify({ grossMargin: 2 }));
    const bad = await cli(['decide', '--model', trained.modelDir, '--input', inputPath, '--out', out, '--config', configPath]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'grossMargin' passed to 'parsePolicyConfig' must be a number in [0, 1]");
    const noModel = await cli(['decide', '--model', join(trained.work, 'none'), '--input', inputPath, '--out', out]);
    expect(noModel.stderr).toContain('bundle.json (ENOENT)');
  });
});
