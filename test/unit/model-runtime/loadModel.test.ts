import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { loadModel } from '../../../src/worker/model/loadModel';
import { ModelUnavailableError } from '../../../src/worker/model/diagnostics';
import { cacheName } from '../../../src/worker/model/lib/artifactStore';
import { fileFetch, MemoryCacheStorage } from './lib/fileFetch';
import { SDK_BASE, tinySdk } from './lib/sdkDir';

async function stageOf(work: Promise<unknown>): Promise<{ stage: string; message: string }> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ModelUnavailableError);
  const e = error as ModelUnavailableError;
  return { stage: e.stage, message: e.message };
}

describe('loadModel', () => {
  it('loads the discount-response model with the weights it was written with', async () => {
    const sdk = await tinySdk([{ kind: 'purchase', seed: 3 }, { kind: 'discount-response', seed: 4 }]);
    const loaded = await loadModel(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null });
    const written = sdk.models[1]!;
    expect(loaded.bundle.kind).toBe('discount-response');
    expect(loaded.version).toBe(sdk.index.models.find((m) => m.kind === 'discount-response')!.version);
    expect(loaded.mlp.layers.map((l) => [l.inputSize, l.units, l.activation])).toEqual(written.mlp.layers.map((l) => [l.inputSize, l.units, l.activation]));
    loaded.mlp.layers.forEach((l, i) => {
      expect(l.kernel).toEqual(written.mlp.layers[i]!.kernel);
      expect(l.bias).toEqual(written.mlp.layers[i]!.bias);
    });
    expect(loaded.storage).toEqual({ kind: 'network', hit: false, reason: 'Cache Storage is not available in this context' });
    expect(Object.keys(loaded.wasmUrls).sort()).toEqual(['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm']);
    for (const url of Object.values(loaded.wasmUrls)) expect(url).toMatch(/^https:\/\/tailor\.test\/sdk\/wasm\/tfjs-backend-wasm(-simd)?\.[0-9a-f]{10}\.wasm$/);
  });

  it('honours the kind preference and falls back to the purchase model', async () => {
    const sdk = await tinySdk([{ kind: 'purchase' }]);
    const f = fileFetch(sdk.sdkDir, SDK_BASE);
    expect((await loadModel(SDK_BASE, { fetch: f, caches: null })).bundle.kind).toBe('purchase');
    const missing = await stageOf(loadModel(SDK_BASE, { fetch: f, caches: null, prefer: ['discount-response'] }));
    expect(missing.stage).toBe('index');
    expect(missing.message).toContain('no discount-response model for feature spec');
  });

  it('keeps artifacts in a versioned cache: the second start downloads only index.json', async () => {
    const sdk = await tinySdk();
    const f = fileFetch(sdk.sdkDir, SDK_BASE);
    const caches = new MemoryCacheStorage();
    const first = await loadModel(SDK_BASE, { fetch: f, caches: caches.asCacheStorage });
    expect(first.storage).toEqual({ kind: 'cache-storage', cacheName: cacheName(first.version), hit: false });
    expect(f.requests.length).toBe(5); // index, bundle, model.json, two shards
    f.requests.length = 0;
    const second = await loadModel(SDK_BASE, { fetch: f, caches: caches.asCacheStorage });
    expect(second.storage.hit).toBe(true);
    expect(f.requests).toEqual([`${SDK_BASE}models/index.json`]);
    expect(second.mlp.layers[0]!.kernel).toEqual(first.mlp.layers[0]!.kernel);
  });

  it('deletes older model caches once a new version has loaded, and nobody else\'s caches', async () => {
    const caches = new MemoryCacheStorage();
    const old = await tinySdk([{ seed: 1 }]);
    const oldModel = await loadModel(SDK_BASE, { fetch: fileFetch(old.sdkDir, SDK_BASE), caches: caches.asCacheStorage });
    await caches.open('shop-images-v3');
    const next = await tinySdk([{ seed: 2 }]);
    const nextModel = await loadModel(SDK_BASE, { fetch: fileFetch(next.sdkDir, SDK_BASE), caches: caches.asCacheStorage });
    expect(nextModel.version).not.toBe(oldModel.version);
    expect((await caches.keys()).sort()).toEqual([cacheName(nextModel.version), 'shop-images-v3'].sort());
  });

  it('starts offline from the cache when index.json cannot be fetched', async () => {
    const sdk = await tinySdk();
    const f = fileFetch(sdk.sdkDir, SDK_BASE);
    const caches = new MemoryCacheStorage();
    const online = await loadModel(SDK_BASE, { fetch: f, caches: caches.asCacheStorage });
    f.offline = true;
    const offline = await loadModel(SDK_BASE, { fetch: f, caches: caches.asCacheStorage });
    expect(offline.version).toBe(online.version);
    expect(offline.storage.hit).toBe(true);
    const none = await stageOf(loadModel(SDK_BASE, { fetch: f, caches: null }));
    expect(none).toEqual({ stage: 'index', message: 'Failed to fetch' });
  });

  it('refuses a bundle trained for another feature spec, and drops its cache', async () => {
    const sdk = await tinySdk();
    const entry = sdk.index.models[0]!;
    const bundlePath = join(sdk.sdkDir, 'models', entry.bundle);
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
    writeFileSync(bundlePath, JSON.stringify({ ...bundle, featureSpecVersion: '0.9.0' }));
    const caches = new MemoryCacheStorage();
    const failure = await stageOf(loadModel(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: caches.asCacheStorage }));
    expect(failure.stage).toBe('bundle');
    expect(failure.message).toContain(`was trained with feature spec 0.9.0, but this build uses ${FEATURE_SPEC.version}`);
    expect(await caches.keys()).toEqual([]);
  });

  it('refuses an index whose models were all built for another feature spec', async () => {
    const sdk = await tinySdk();
    const indexPath = join(sdk.sdkDir, 'models', 'index.json');
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    index.models[0].featureSpecVersion = '1.0.0'; // the spec before category_affinity
    writeFileSync(indexPath, JSON.stringify(index));
    const failure = await stageOf(loadModel(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null }));
    expect(failure.stage).toBe('index');
    expect(failure.message).toContain(`no discount-response or purchase model for feature spec ${FEATURE_SPEC.version} (it lists: discount-response@1.0.0)`);
  });

  it('refuses a network whose input width is not the bundle\'s column count', async () => {
    const sdk = await tinySdk();
    const dir = join(sdk.sdkDir, 'models', sdk.index.models[0]!.version);
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
    // Same columns minus the treatment: still a valid purchase bundle, but the network is wider.
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify({ ...bundle, kind: 'purchase', treatment: null, inputColumns: bundle.featureColumns }));
    const index = JSON.parse(readFileSync(join(sdk.sdkDir, 'models', 'index.json'), 'utf8'));
    index.models[0].kind = 'purchase';
    writeFileSync(join(sdk.sdkDir, 'models', 'index.json'), JSON.stringify(index));
    const failure = await stageOf(loadModel(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null }));
    expect(failure).toEqual({ stage: 'weights', message: `the network takes ${bundle.inputColumns.length} inputs but the bundle lists ${bundle.featureColumns.length} input columns` });
  });

  it('names the missing shard when a weight file is gone', async () => {
    const sdk = await tinySdk();
    const version = sdk.index.models[0]!.version;
    const f = fileFetch(sdk.sdkDir, SDK_BASE);
    const base = `${SDK_BASE}models/${version}/`;
    const gone = (async (url: string, init?: RequestInit) => (url === `${base}group1-shard2of2.bin` ? new Response('', { status: 404 }) : f(url, init))) as typeof f;
    const failure = await stageOf(loadModel(SDK_BASE, { fetch: gone, caches: null }));
    expect(failure).toEqual({ stage: 'weights', message: `GET ${base}group1-shard2of2.bin answered HTTP 404` });
  });

  it('rejects a malformed index.json with the field at fault', async () => {
    const sdk = await tinySdk();
    writeFileSync(join(sdk.sdkDir, 'models', 'index.json'), JSON.stringify({ format: 'tailor-model-index', formatVersion: 2, models: [], wasm: {} }));
    const failure = await stageOf(loadModel(SDK_BASE, { fetch: fileFetch(sdk.sdkDir, SDK_BASE), caches: null }));
    expect(failure).toEqual({ stage: 'index', message: "'index' passed to 'assertModelIndex' has formatVersion 2; this build reads 1" });
  });
});
