/**
 * Parity in Node: the runtime on the tfjs cpu backend (the same kernels the browser chunk
 * registers) against the plain-JS forward pass of the same weights, through the whole path —
 * build step, loader, vectoriser, tier batch, engine, calibration.
 */
import { describe, expect, it } from 'vitest';
import { startModel } from '../../../src/worker/model/startModel';
import { fileFetch } from './lib/fileFetch';
import { referenceProbabilities, worstDelta } from './lib/reference';
import { SDK_BASE, tinySdk } from './lib/sdkDir';
import { randomRecords } from './lib/tinyModel';

describe.each(['discount-response', 'purchase'] as const)('cpu backend parity, %s model', (kind) => {
  it('agrees with the plain-JS forward pass within 1e-5 on 300 generated shoppers', async () => {
    const sdk = await tinySdk([{ kind, seed: 11, hidden: [24, 12] }]);
    const started = await startModel(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null, backends: ['cpu'] });
    expect(started.choice.engine.backend).toBe('cpu');
    const { bundle, mlp } = sdk.models[0]!;
    const records = randomRecords(99, 300);
    const got: number[][] = [];
    for (const raw of records) {
      const result = await started.predictor.predictTiers(raw);
      if (!result.ok) throw new Error(result.reason);
      got.push([...result.probabilities]);
    }
    expect(worstDelta(got, records.map((raw) => referenceProbabilities(bundle, mlp, raw)))).toBeLessThan(1e-5);
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
