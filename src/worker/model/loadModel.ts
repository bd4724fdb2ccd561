/**
 * index.json -> bundle.json -> model.json + weight shards -> a validated {@link LoadedModel}.
 *
 * Every step that could make a prediction wrong rather than missing is a hard stop: a bundle
 * trained for another feature spec, columns in another order, a network whose input width is not
 * the bundle's, a non-sigmoid-sized output. Those become `ModelUnavailable`, so the shopper sees
 * no offer instead of an offer computed from misaligned inputs.
 */
import type { FeatureSpec } from '../../core/features/definition';
import { FEATURE_SPEC } from '../../core/features/spec';
import { assertModelBundle, type ModelBundle } from '../../core/model/bundle';
import { layersModelWeightPaths, parseLayersModel } from '../../core/model/layersModel';
import type { Mlp } from '../../core/model/mlp';
import { ModelUnavailableError, type ModelStorage, type UnavailableStage } from './diagnostics';
import { cachedIndex, fetchFresh, openArtifactStore, type FetchLike } from './lib/artifactStore';
import { assertModelIndex, MODEL_INDEX_PATH, pickModel, type ModelIndex, type ModelKind } from './modelIndex';

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** The feature spec this build vectorises with; FEATURE_SPEC by default. */
  readonly spec?: FeatureSpec;
  /** Kinds to look for, best first; discount-response, then purchase, by default. */
  readonly prefer?: readonly ModelKind[];
  /** `fetch` to use; the global one by default. */
  readonly fetch?: FetchLike;
  /** Cache Storage to use; the global `caches` by default, null for none. */
  readonly caches?: CacheStorage | null;
}

/** A model ready for an engine. */
export interface LoadedModel {
  readonly bundle: ModelBundle;
  readonly mlp: Mlp;
  readonly version: string;
  /** Absolute URLs of tfjs's `.wasm` files, by tfjs file name. */
  readonly wasmUrls: Readonly<Record<string, string>>;
  readonly storage: ModelStorage;
  readonly loadMs: number;
}

/** Default preference: the model that prices discounts, else the plain purchase model. */
export const DEFAULT_KINDS: readonly ModelKind[] = ['discount-response', 'purchase'];

async function step<T>(stage: UnavailableStage, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ModelUnavailableError) throw error;
    throw new ModelUnavailableError(stage, error instanceof Error ? error.message : String(error));
  }
}

async function readIndex(fetchImpl: FetchLike, caches: CacheStorage | null, url: string): Promise<{ index: ModelIndex; response: Response }> {
  let response: Response;
  try {
    response = await fetchFresh(fetchImpl, url);
  } catch (error) {
    const cached = await cachedIndex(caches, url);
    if (!cached) throw error;
    response = cached;
  }
  const index: unknown = await response.clone().json();
  assertModelIndex(index);
  return { index, response };
}

function defaultCaches(): CacheStorage | null {
  try {
    return typeof caches === 'undefined' ? null : caches;
  } catch {
    // Some browsers throw on merely reading `caches` where storage is blocked.
    return null;
  }
}

/** Checks that the network's shape matches the bundle: inputs = inputColumns, one output. */
function assertShape(mlp: Mlp, bundle: ModelBundle): void {
  const inputs = mlp.layers[0]?.inputSize;
  const outputs = mlp.layers[mlp.layers.length - 1]?.units;
  if (inputs !== bundle.inputColumns.length) {
    throw new Error(`the network takes ${inputs} inputs but the bundle lists ${bundle.inputColumns.length} input columns`);
  }
  if (outputs !== 1) throw new Error(`the network has ${outputs} outputs; a probability model has exactly 1`);
}

/**
 * Loads the model of `sdkBase` (absolute URL of the directory tailor.js is served from, ending
 * in '/'). Throws {@link ModelUnavailableError} naming the failed stage.
 */
export async function loadModel(sdkBase: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const started = performance.now();
  const spec = options.spec ?? FEATURE_SPEC;
  // Tailor's own static files: no cookies, and no Referer (the page's URL is not Tailor's business).
  const fetchImpl = options.fetch ?? ((url, init) => fetch(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer' }));
  const caches = options.caches === undefined ? defaultCaches() : options.caches;
  const indexUrl = await step('index', async () => new URL(MODEL_INDEX_PATH, sdkBase).href);
  const { index, response: indexResponse } = await step('index', () => readIndex(fetchImpl, caches, indexUrl));
  const entry = await step('index', async () => pickModel(index, spec.version, options.prefer ?? DEFAULT_KINDS));
  const store = await openArtifactStore(entry.version, fetchImpl, caches);
  try {
    const bundleUrl = new URL(entry.bundle, indexUrl).href;
    const bundle = await step('bundle', async () => {
      const value: unknown = await (await store.get(bundleUrl)).json();
      assertModelBundle(value, spec);
      if (value.kind !== entry.kind) throw new Error(`bundle.json is a '${value.kind}' model but index.json lists it as '${entry.kind}'`);
      return value;
    });
    const mlp = await step('weights', async () => {
      const modelUrl = new URL(bundle.modelPath, bundleUrl).href;
      const modelJson: unknown = await (await store.get(modelUrl)).json();
      const shards = await Promise.all(layersModelWeightPaths(modelJson).map(async (p) => (await store.get(new URL(p, modelUrl).href)).arrayBuffer()));
      const parsed = parseLayersModel(modelJson, shards);
      assertShape(parsed, bundle);
      return parsed;
    });
    const wasmUrls = Object.fromEntries(Object.entries(index.wasm).map(([file, path]) => [file, new URL(path, indexUrl).href]));
    await store.commit(indexUrl, indexResponse);
    return { bundle, mlp, version: entry.version, wasmUrls, storage: store.storage(), loadMs: performance.now() - started };
  } catch (error) {
    await store.discard();
    throw error;
  }
}
