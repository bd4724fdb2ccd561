/**
 * Drives the built model runtime in real Chromium, for the end-to-end parity test and the
 * benchmark. The SDK build is copied to a temporary folder, generated model artifacts are
 * written into it with the build step's own `writeModelArtifacts`, and a page starts a module
 * worker that imports the built `startModel` chunk from Tailor's origin (found through the Vite
 * manifest) — the same code, chunks, .wasm files and model URLs the production worker uses, with
 * the backend forced per call so each one can be checked.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeModelArtifacts } from '../../../../scripts/vite/copyModels';
import { FEATURE_SPEC } from '../../../../src/core/features/spec';
import { assertModelBundle, type ModelBundle } from '../../../../src/core/model/bundle';
import { layersModelWeightPaths, parseLayersModel } from '../../../../src/core/model/layersModel';
import type { Mlp } from '../../../../src/core/model/mlp';
import { DEFAULT_KINDS } from '../../../../src/worker/model/loadModel';
import { pickModel, type ModelIndex, type ModelKind } from '../../../../src/worker/model/modelIndex';
import type { RawFeatureRecord } from '../../../../src/core/features/definition';
import type { BackendName } from '../../../../src/worker/model/engine';
import type { PredictionResult } from '../../../../src/worker/model/predictor';
import type { ModelStorage } from '../../../../src/worker/model/diagnostics';
import type { BackendRejection } from '../../../../src/worker/model/backend';
import { writeTinyModel, type TinyModel, type TinyModelOptions } from './tinyModel';

/** Manifest key of the lazily loaded model runtime chunk. */
export const START_MODEL_ENTRY = 'src/worker/model/startModel.ts';

/** A copy of the built SDK with generated models. */
export interface ModelSdk {
  readonly sdkDir: string;
  readonly models: readonly TinyModel[];
  /** Path of the startModel chunk relative to the SDK folder. */
  readonly chunk: string;
}

/** The built startModel chunk of `sdkDir`, or an error saying what to build or wire. */
export function modelChunk(sdkDir: string): string {
  const manifestPath = join(sdkDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run 'npm run build' first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, { file: string }>;
  const entry = manifest[START_MODEL_ENTRY];
  if (!entry) throw new Error(`the build has no ${START_MODEL_ENTRY} chunk: the worker must import src/worker/model (see the model runtime report)`);
  return entry.file;
}

/** Copies `distDir` to a temporary folder and ships generated models in it instead of the real ones. */
export async function prepareModelSdk(models: readonly TinyModelOptions[], distDir = 'dist/sdk'): Promise<ModelSdk> {
  const chunk = modelChunk(distDir);
  const root = mkdtempSync(join(tmpdir(), 'tailor-e2e-model-'));
  const sdkDir = join(root, 'sdk');
  cpSync(distDir, sdkDir, { recursive: true });
  const written = models.map((options, i) => writeTinyModel(join(root, 'models', `m${i}`), options));
  await writeModelArtifacts({ inputDir: join(root, 'models'), outDir: sdkDir });
  return { sdkDir, models: written, chunk };
}

/** A model as a built SDK ships it, read back in Node for the parity reference. */
export interface ShippedModel {
  readonly version: string;
  readonly bundle: ModelBundle;
  readonly mlp: Mlp;
}

/** The model the runtime would pick from `sdkDir` (or the given kinds), or null if the build has none. */
export function shippedModel(sdkDir: string, prefer: readonly ModelKind[] = DEFAULT_KINDS): ShippedModel | null {
  const indexPath = join(sdkDir, 'models', 'index.json');
  if (!existsSync(indexPath)) return null;
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as ModelIndex;
  let entry;
  try {
    entry = pickModel(index, FEATURE_SPEC.version, prefer);
  } catch {
    return null;
  }
  const dir = join(sdkDir, 'models', entry.version);
  const bundle: unknown = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
  assertModelBundle(bundle, FEATURE_SPEC);
  const modelJson: unknown = JSON.parse(readFileSync(join(dir, bundle.modelPath), 'utf8'));
  const shards = layersModelWeightPaths(modelJson).map((p) => new Uint8Array(readFileSync(join(dir, p))).buffer);
  return { version: entry.version, bundle, mlp: parseLayersModel(modelJson, shards) };
}

/** What starting one backend reported. */
export interface HarnessStart {
  readonly backend: BackendName;
  readonly rejected: readonly BackendRejection[];
  readonly initMs: number;
  readonly loadMs: number;
  readonly storage: ModelStorage;
  /** Wall time of the whole start (load + backend + self-check), measured in the worker. */
  readonly startMs: number;
}

/** Worker source: imports the chunk and answers {id, op, ...} messages. */
const workerSource = (chunkUrl: string, sdkBase: string): string => `
import { startModel } from ${JSON.stringify(chunkUrl)};
const started = new Map();
const ops = {
  async start({ key, options }) {
    const t0 = performance.now();
    const s = await startModel(${JSON.stringify(sdkBase)}, options);
    const startMs = performance.now() - t0;
    started.set(key, s);
    return { backend: s.choice.engine.backend, rejected: s.choice.rejected, initMs: s.choice.initMs, loadMs: s.model.loadMs, storage: s.model.storage, startMs };
  },
  async predict({ key, records }) {
    const s = started.get(key);
    const out = [];
    for (const r of records) out.push(await s.predictor.predictTiers(r));
    return out;
  },
  async first({ key, record }) {
    const s = started.get(key);
    const t0 = performance.now();
    const r = await s.predictor.predictTiers(record);
    if (!r.ok) throw new Error(r.reason);
    return performance.now() - t0;
  },
  // Timers are coarsened (100 µs without cross-origin isolation), so calls are timed in batches
  // long enough to measure (>= minBatchMs) and each batch yields its mean per call.
  async time({ key, record, batches, minBatchMs, minCalls }) {
    const s = started.get(key);
    const run = async (n) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const r = await s.predictor.predictTiers(record);
        if (!r.ok) throw new Error(r.reason);
      }
      return performance.now() - t0;
    };
    // Size batches from a 200 ms warm-up run, which also settles the JIT.
    let calls = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 200) {
      await run(1);
      calls++;
    }
    const size = Math.max(1, Math.ceil(minBatchMs / ((performance.now() - t0) / calls)));
    const perCall = [];
    const count = Math.max(batches, Math.ceil(minCalls / size));
    for (let b = 0; b < count; b++) perCall.push((await run(size)) / size);
    return { perCall, batchSize: size };
  },
};
onmessage = async ({ data }) => {
  try {
    postMessage({ id: data.id, ok: true, value: await ops[data.op](data) });
  } catch (e) {
    postMessage({ id: data.id, ok: false, error: String((e && e.message) || e) });
  }
};
postMessage({ id: 0, ok: true, value: 'up' });
`;

/** Starts the harness worker in `page`; resolves once its module (and the chunk) loaded. */
export async function startHarness(page: Page, tailorUrl: string, chunk: string): Promise<void> {
  const source = workerSource(`${tailorUrl}/sdk/${chunk}`, `${tailorUrl}/sdk/`);
  await page.evaluate(async (src) => {
    const w = window as unknown as { __model: (msg: Record<string, unknown>) => Promise<unknown> };
    const worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), { type: 'module' });
    const pending = new Map<number, (m: { ok: boolean; value?: unknown; error?: string }) => void>();
    let next = 1;
    await new Promise<void>((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(`harness worker failed: ${e.message}`));
      pending.set(0, () => resolve());
      worker.onmessage = ({ data }) => pending.get(data.id)?.(data);
    });
    w.__model = (msg) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, (m) => (pending.delete(id), m.ok ? resolve(m.value) : reject(new Error(m.error))));
        worker.postMessage({ ...msg, id });
      });
  }, source);
}

const call = <T>(page: Page, msg: Record<string, unknown>): Promise<T> =>
  page.evaluate((m) => (window as unknown as { __model: (msg: unknown) => Promise<unknown> }).__model(m), msg) as Promise<T>;

/** Options passed to `startModel` in the worker (backends, allowSoftwareGpu, prefer, ...). */
export type HarnessOptions = Record<string, unknown> & { backends?: BackendName[] };

/**
 * Starts a model in the harness worker and keeps it under `key`; with `options.backends` unset the
 * runtime picks the backend itself, exactly as in production.
 */
export function harnessStart(page: Page, key: string, options: HarnessOptions = {}): Promise<HarnessStart> {
  return call(page, { op: 'start', key, options });
}

/** Predicts every record with the model started under `key`, in order. */
export function harnessPredict(page: Page, key: string, records: readonly RawFeatureRecord[]): Promise<PredictionResult[]> {
  return call(page, { op: 'predict', key, records });
}

/** ms of one prediction, timed in the worker (the first after start is the cold one). */
export function harnessFirst(page: Page, key: string, record: RawFeatureRecord): Promise<number> {
  return call(page, { op: 'first', key, record });
}

/**
 * Steady-state ms per prediction: at least `batches` batch means (and at least `minCalls` calls in
 * all), each batch of consecutive calls at least `minBatchMs` long.
 */
export function harnessTime(page: Page, key: string, record: RawFeatureRecord, batches: number, minCalls = 200, minBatchMs = 20): Promise<{ perCall: number[]; batchSize: number }> {
  return call(page, { op: 'time', key, record, batches, minBatchMs, minCalls });
}
