/**
 * Parity in Node: the runtime on the tfjs cpu backend (the same kernels the browser chunk
 * registers) against the plain-JS forward pass of the same weights, through the whole path —
 * build step, loader, vectoriser, tier batch, engine, calibration.
 */
import { describe, expect, it } from 'vitest';
import { createVectorizer } from '../../../src/core/features/vectorize';
import { applyCalibration } from '../../../src/core/model/calibration';
import { mlpForward, type Mlp } from '../../../src/core/model/mlp';
import type { ModelBundle } from '../../../src/core/model/bundle';
import { encodeTreatment } from '../../../src/core/model/treatment';
import type { RawFeatureRecord } from '../../../src/core/features/definition';
import { startModel } from '../../../src/worker/model/runtime';
import { fileFetch } from './lib/fileFetch';
import { SDK_BASE, tinySdk } from './lib/sdkDir';
import { randomRecords } from './lib/tinyModel';

/** The reference: vectorise, one row per tier written by hand, plain-JS forward, calibrate. */
function reference(bundle: ModelBundle, mlp: Mlp, raw: RawFeatureRecord): number[] {
  const features = createVectorizer(bundle.stats).vectorize(raw);
  const tiers = bundle.treatment?.levels ?? [null];
  const rows = tiers.map((tier) => {
    const row = new Float32Array(bundle.inputColumns.length);
    row.set(features);
    if (bundle.treatment && tier !== null) encodeTreatment(bundle.treatment, tier, row, features.length);
    return row;
  });
  return rows.map((row) => applyCalibration(bundle.calibration, mlpForward(mlp, row)[0]!));
}

describe.each(['discount-response', 'purchase'] as const)('cpu backend parity, %s model', (kind) => {
  it('agrees with the plain-JS forward pass within 1e-5 on 300 generated shoppers', async () => {
    const sdk = await tinySdk([{ kind, seed: 11, hidden: [24, 12] }]);
    const started = await startModel(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null, backends: ['cpu'] });
    expect(started.choice.engine.backend).toBe('cpu');
    const { bundle, mlp } = sdk.models[0]!;
    let worst = 0;
    for (const raw of randomRecords(99, 300)) {
      const got = await started.predictor.predictTiers(raw);
      if (!got.ok) throw new Error(got.reason);
      const want = reference(bundle, mlp, raw);
      expect(got.probabilities.length).toBe(want.length);
      got.probabilities.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - want[i]!))));
    }
    expect(worst).toBeLessThan(1e-5);
    // The tiers must actually matter, or the comparison above says little about the treatment columns.
    const spread = await started.predictor.predictTiers({});
    if (!spread.ok) throw new Error(spread.reason);
    if (kind === 'discount-response') {
      expect(spread.tiers).toEqual([0, 5, 10, 15]);
      expect(new Set(spread.probabilities).size).toBe(4);
    } else {
      expect(spread.tiers).toEqual([]);
      expect(spread.probabilities.length).toBe(1);
    }
    started.dispose();
  });
});
