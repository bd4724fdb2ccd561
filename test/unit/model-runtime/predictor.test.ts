import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVectorizer } from '../../../src/core/features/vectorize';
import { applyCalibration } from '../../../src/core/model/calibration';
import { mlpForward } from '../../../src/core/model/mlp';
import { createPredictor, tierBatch } from '../../../src/worker/model/predictor';
import type { InferenceEngine } from '../../../src/worker/model/engine';
import { createJsEngine } from '../../../src/worker/model/lib/jsEngine';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomRecords, writeTinyModel } from './lib/tinyModel';

const dir = () => mkdtempSync(join(tmpdir(), 'tailor-predictor-'));
const discount = writeTinyModel(dir(), { kind: 'discount-response', seed: 21 });
const purchase = writeTinyModel(dir(), { kind: 'purchase', seed: 22, calibration: { method: 'none' } });

/** Counts engine calls, so "one batched call per decision" is checked, not assumed. */
function counting(engine: InferenceEngine): InferenceEngine & { calls: number[] } {
  const calls: number[] = [];
  return { ...engine, calls, run: (x, rows) => (calls.push(rows), engine.run(x, rows)) };
}

describe('tierBatch', () => {
  it('repeats the features on every row and one-hot encodes each row\'s tier', () => {
    const features = Float32Array.from({ length: discount.bundle.featureColumns.length }, (_, i) => i / 10);
    const { input, rows } = tierBatch(discount.bundle, features);
    const width = discount.bundle.inputColumns.length;
    expect(rows).toBe(4);
    for (let r = 0; r < rows; r++) {
      const row = input.subarray(r * width, (r + 1) * width);
      expect(Array.from(row.subarray(0, features.length))).toEqual(Array.from(features));
      expect(Array.from(row.subarray(features.length))).toEqual([0, 1, 2, 3].map((k) => (k === r ? 1 : 0)));
    }
  });
});

describe('createPredictor', () => {
  it('answers every tier with one engine call, equal to calibrating the forward pass of each row', async () => {
    const engine = counting(createJsEngine(discount.mlp));
    const predictor = createPredictor(discount.bundle, engine);
    const vectorizer = createVectorizer(discount.bundle.stats);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), async (seed) => {
        const raw = randomRecords(seed, 1)[0]!;
        engine.calls.length = 0;
        const got = await predictor.predictTiers(raw);
        if (!got.ok) throw new Error(got.reason);
        expect(engine.calls).toEqual([4]);
        const features = vectorizer.vectorize(raw);
        const want = [0, 5, 10, 15].map((tier, k) => {
          const row = new Float32Array(discount.bundle.inputColumns.length);
          row.set(features);
          row[features.length + k] = 1;
          return applyCalibration(discount.bundle.calibration, mlpForward(discount.mlp, row)[0]!);
        });
        expect(got.tiers).toEqual([0, 5, 10, 15]);
        got.probabilities.forEach((p, i) => expect(p).toBeCloseTo(want[i]!, 12));
      }),
      { numRuns: 50 },
    );
  });

  it('answers a purchase model with the single probability and no tiers', async () => {
    const predictor = createPredictor(purchase.bundle, createJsEngine(purchase.mlp));
    const raw = randomRecords(3, 1)[0]!;
    const got = await predictor.predictTiers(raw);
    const features = createVectorizer(purchase.bundle.stats).vectorize(raw);
    expect(got).toEqual({ ok: true, kind: 'purchase', tiers: [], probabilities: [mlpForward(purchase.mlp, features)[0]], backend: 'js', ms: expect.any(Number) });
  });

  it('turns an engine failure or a non-finite output into ModelUnavailable, never a throw', async () => {
    const broken: InferenceEngine = { backend: 'webgl', run: async () => Promise.reject(new Error('CONTEXT_LOST_WEBGL')), dispose() {} };
    expect(await createPredictor(discount.bundle, broken).predictTiers({})).toEqual({ ok: false, code: 'ModelUnavailable', stage: 'predict', reason: 'CONTEXT_LOST_WEBGL' });
    const nan: InferenceEngine = { backend: 'wasm', run: async (_x, rows) => new Float32Array(rows).fill(Number.NaN), dispose() {} };
    const result = await createPredictor(discount.bundle, nan).predictTiers({});
    expect(result).toMatchObject({ ok: false, stage: 'predict', reason: "'raw' passed to 'applyCalibration' must be a finite probability, got NaN" });
    const short: InferenceEngine = { backend: 'cpu', run: async () => new Float32Array(1), dispose() {} };
    expect(await createPredictor(discount.bundle, short).predictTiers({})).toMatchObject({ ok: false, reason: 'the cpu engine returned 1 values for 4 rows' });
  });
});
