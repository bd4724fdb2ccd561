import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { engine as tfEngine } from '@tensorflow/tfjs-core/dist/base';
import { describe, expect, it } from 'vitest';
import { modelRuntime } from '../../../src/worker/model';
import { fileFetch } from './lib/fileFetch';
import { SDK_BASE, tinySdk } from './lib/sdkDir';
import { randomRecords } from './lib/tinyModel';

describe('modelRuntime', () => {
  it('loads nothing until asked, then reports the backend chosen and why the others were not', async () => {
    const sdk = await tinySdk();
    const f = fileFetch(sdk.sdkDir, SDK_BASE);
    const runtime = modelRuntime(SDK_BASE, { fetch: f, caches: null, backends: ['webgl', 'cpu'] });
    expect(runtime.diagnostics()).toEqual({ state: 'idle', rejected: [], predictions: 0 });
    expect(f.requests).toEqual([]);
    const diagnostics = await runtime.warmUp();
    expect(diagnostics).toMatchObject({
      state: 'ready',
      model: { kind: 'discount-response', version: sdk.index.models[0]!.version, tiers: [0, 5, 10, 15], inputs: sdk.models[0]!.bundle.inputColumns.length, storage: { kind: 'network' } },
      backend: { name: 'cpu' },
      rejected: [{ backend: 'webgl', reason: 'no OffscreenCanvas in this worker' }],
      predictions: 0,
    });
    const result = await runtime.predictTiers(randomRecords(1, 1)[0]!);
    expect(result).toMatchObject({ ok: true, backend: 'cpu', tiers: [0, 5, 10, 15] });
    expect(runtime.diagnostics()).toMatchObject({ predictions: 1, lastPredictionMs: expect.any(Number) });
    // warmUp is idempotent: no second download.
    const requests = f.requests.length;
    await runtime.warmUp();
    expect(f.requests.length).toBe(requests);
    runtime.dispose();
  });

  it('answers ModelUnavailable without a model, and tries again only after the back-off', async () => {
    const sdk = await tinySdk();
    rmSync(join(sdk.sdkDir, 'models', 'index.json'));
    const f = fileFetch(sdk.sdkDir, SDK_BASE);
    const runtime = modelRuntime(SDK_BASE, { fetch: f, caches: null, retryAfterMs: 60_000 });
    const first = await runtime.predictTiers({});
    expect(first).toEqual({ ok: false, code: 'ModelUnavailable', stage: 'index', reason: `GET ${SDK_BASE}models/index.json answered HTTP 404` });
    expect(await runtime.predictTiers({})).toEqual(first);
    expect(f.requests.length).toBe(1);
    expect(runtime.diagnostics()).toEqual({ state: 'unavailable', rejected: [], unavailable: first, predictions: 0 });

    const eager = modelRuntime(SDK_BASE, { fetch: f, caches: null, retryAfterMs: 1 });
    await eager.predictTiers({});
    await new Promise((r) => setTimeout(r, 5));
    await eager.predictTiers({});
    expect(f.requests.length).toBe(3);
  });

  it('refuses a non-object record as a bad argument, without touching the model', async () => {
    const sdk = await tinySdk();
    const f = fileFetch(sdk.sdkDir, SDK_BASE);
    const runtime = modelRuntime(SDK_BASE, { fetch: f, caches: null, backends: ['js'] });
    expect(await runtime.predictTiers(null as never)).toEqual({
      ok: false, code: 'ModelUnavailable', stage: 'predict', reason: "'raw' passed to 'predictTiers' must be a feature record object, got null",
    });
    expect(f.requests).toEqual([]);
  });

  it('moves to the next backend when the chosen one breaks mid-session, and retries the prediction', async () => {
    const sdk = await tinySdk();
    const runtime = modelRuntime(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null, backends: ['cpu', 'js'] });
    const before = await runtime.predictTiers({});
    expect(before).toMatchObject({ ok: true, backend: 'cpu' });
    // What a lost backend looks like to the runtime: tfjs no longer has it.
    tfEngine().removeBackend('cpu');
    const after = await runtime.predictTiers({});
    expect(after).toMatchObject({ ok: true, backend: 'js' });
    if (!before.ok || !after.ok) throw new Error('unreachable');
    after.probabilities.forEach((p, i) => expect(Math.abs(p - before.probabilities[i]!)).toBeLessThan(1e-6));
    expect(runtime.diagnostics()).toMatchObject({
      state: 'ready',
      backend: { name: 'js' },
      rejected: [{ backend: 'cpu', reason: expect.stringMatching(/^failed while predicting: .*'cpu' not found in registry/) }],
      predictions: 2,
    });
  });
});

describe('modelRuntime.score (the decision layer\'s OfferDeps.score)', () => {
  it('gives P(buy | tier) for exactly the requested tiers, equal to predictTiers', async () => {
    const sdk = await tinySdk();
    const runtime = modelRuntime(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null, backends: ['js'] });
    const raw = randomRecords(4, 1)[0]!;
    const all = await runtime.predictTiers(raw);
    if (!all.ok) throw new Error(all.reason);
    expect(await runtime.score(raw, [0, 10, 15])).toEqual([
      { tier: 0, p: all.probabilities[0] },
      { tier: 10, p: all.probabilities[2] },
      { tier: 15, p: all.probabilities[3] },
    ]);
  });

  it('interpolates a merchant tier between two levels, leaves out one beyond them; null for a purchase model or none', async () => {
    const sdk = await tinySdk([{ kind: 'discount-response' }]);
    const runtime = modelRuntime(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null, backends: ['js'] });
    const all = await runtime.predictTiers({});
    if (!all.ok) throw new Error(all.reason);
    expect(all.tiers).toEqual([0, 5, 10, 15]);
    const [p0, p5, p10] = Array.from(all.probabilities);
    const scores = (await runtime.score({}, [0, 7, 20]))!;
    // 7 % is 2/5 of the way from 5 to 10 %; 20 % is beyond the highest level, so it is not scored (never offered).
    expect(scores.map((s) => s.tier)).toEqual([0, 7]);
    expect(scores[0]!.p).toBe(p0);
    expect(scores[1]!.p).toBeCloseTo(0.6 * p5! + 0.4 * p10!, 12);
    const purchase = await tinySdk([{ kind: 'purchase' }]);
    expect(await modelRuntime(SDK_BASE, { fetch: fileFetch(purchase.sdkDir, SDK_BASE), caches: null, backends: ['js'] }).score({}, [0])).toBeNull();
    rmSync(join(sdk.sdkDir, 'models', 'index.json'));
    expect(await modelRuntime(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null }).score({}, [0])).toBeNull();
  });
});
