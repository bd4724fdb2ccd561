/**
 * Picks the compute backend at run time. The smallest one that will do comes first: a network
 * small enough that the plain-JS forward pass runs it in well under a millisecond gets that pass
 * alone, because no tfjs backend can earn back its download (28–71 KB of chunks, plus 116–134 KB
 * of .wasm) and start-up (≈ 200–1300 ms) on it (BENCHMARKS.md, "Model inference"). A larger one
 * gets, in order: WebGL (only on a hardware GPU), wasm (SIMD, single-threaded), cpu, and finally
 * the plain-JS pass. Each tfjs backend is a lazily loaded chunk, gets its own timeout and must
 * pass a self-check against the plain-JS forward pass; on any failure the reason is recorded and
 * the next one is tried, so the caller always ends up with a working engine and knows why the
 * faster ones were passed over.
 */
import type { Mlp } from '../../core/model/mlp';
import { BACKEND_ORDER, type BackendName, type CreateEngine, type InferenceEngine } from './engine';
import { createJsEngine } from './lib/jsEngine';
import { probeGpu, type GpuProbe } from './lib/probeGpu';
import { probeWasm, type WasmProbe } from './lib/probeWasm';
import { selfCheck } from './lib/selfCheck';
import { withTimeout } from './lib/withTimeout';

/** Default time one backend may take to initialise, take the weights and pass its self-check. */
export const BACKEND_TIMEOUT_MS = 3000;
/** Default time the chunk of one backend may take to download (slow networks, not hangs). */
export const IMPORT_TIMEOUT_MS = 15_000;

/**
 * Multiply-adds per prediction call up to which the plain-JS pass is chosen outright. At ~0.1–1
 * GMAC/s in V8 that is 1–10 ms of worker time per call, about what wasm SIMD costs to start.
 */
export const JS_MAX_MACS = 1_000_000;

/** Multiply-adds of one forward pass over `rows` rows. */
export function multiplyAdds(mlp: Mlp, rows: number): number {
  return rows * mlp.layers.reduce((sum, layer) => sum + layer.inputSize * layer.units, 0);
}

/** The backends to try for `mlp`, and why: plain JS alone for a small network, BACKEND_ORDER otherwise. */
export function backendOrderFor(mlp: Mlp, rows: number, jsMaxMacs = JS_MAX_MACS): { order: readonly BackendName[]; why: string } {
  const macs = multiplyAdds(mlp, rows);
  if (macs <= jsMaxMacs) {
    return { order: ['js'], why: `${macs} multiply-adds per prediction (≤ ${jsMaxMacs}): the plain-JS pass is faster than loading any tfjs backend` };
  }
  return { order: BACKEND_ORDER, why: `${macs} multiply-adds per prediction (> ${jsMaxMacs}): the fastest tfjs backend that starts` };
}

/** Why a backend was passed over. */
export interface BackendRejection {
  readonly backend: BackendName;
  readonly reason: string;
  /** Time spent on it before giving up. */
  readonly ms: number;
}

/** Options of {@link chooseBackend}. */
export interface ChooseBackendOptions {
  /** Backends to try, in order; by default {@link backendOrderFor} the model. */
  readonly order?: readonly BackendName[];
  /** Threshold of the default order; JS_MAX_MACS by default. */
  readonly jsMaxMacs?: number;
  /** Per-backend limit on initialisation in ms; BACKEND_TIMEOUT_MS by default. */
  readonly timeoutMs?: number;
  /** Per-backend limit on downloading its chunk in ms; IMPORT_TIMEOUT_MS by default. */
  readonly importTimeoutMs?: number;
  /** Absolute URLs of tfjs's `.wasm` files on Tailor's origin, by tfjs file name. */
  readonly wasmUrls?: Readonly<Record<string, string>>;
  /** Accept a software WebGL renderer (tests and benchmarks of the webgl path only). */
  readonly allowSoftwareGpu?: boolean;
  /** Rows of the self-check batch: use the batch size of real predictions, so it also warms up. */
  readonly checkRows?: number;
  /** Probes, replaceable in tests. */
  readonly probes?: { gpu?: () => GpuProbe; wasm?: () => Promise<WasmProbe> };
}

/** The chosen engine and the story of how it was chosen. */
export interface BackendChoice {
  readonly engine: InferenceEngine;
  /** ms spent initialising the chosen backend (chunk load + init + weight upload). */
  readonly initMs: number;
  readonly rejected: readonly BackendRejection[];
  /** The order that was tried (what a restart without a failed backend starts from). */
  readonly order: readonly BackendName[];
  /** Why this order: the model's size, or 'given' when the caller chose it. */
  readonly why: string;
}

/** The chunk of a tfjs backend; loading it is timed apart from initialising it. */
function importBackend(name: Exclude<BackendName, 'js'>): Promise<{ createEngine: CreateEngine }> {
  switch (name) {
    case 'webgl':
      return import('./lib/tfWebgl');
    case 'wasm':
      return import('./lib/tfWasm');
    case 'cpu':
      return import('./lib/tfCpu');
  }
}

/** Probes, loads and starts one tfjs backend, self-checked, within its timeouts. */
async function startTf(name: Exclude<BackendName, 'js'>, mlp: Mlp, options: ChooseBackendOptions, signal: AbortSignal): Promise<InferenceEngine> {
  if (name === 'webgl') {
    const probe = (options.probes?.gpu ?? probeGpu)();
    if (!probe.ok && !(options.allowSoftwareGpu && probe.reason.startsWith('software'))) throw new Error(probe.reason);
  }
  const wasmUrls = options.wasmUrls;
  if (name === 'wasm') {
    if (!wasmUrls) throw new Error('no .wasm files are listed in models/index.json');
    const probe = await (options.probes?.wasm ?? probeWasm)();
    if (!probe.ok) throw new Error(probe.reason);
  }
  const chunk = await withTimeout(importBackend(name), options.importTimeoutMs ?? IMPORT_TIMEOUT_MS, `loading the ${name} chunk`);
  const ready = (async () => {
    const engine = await chunk.createEngine(mlp, { signal, wasmUrls });
    try {
      await selfCheck(engine, mlp, options.checkRows ?? 1);
      return engine;
    } catch (error) {
      engine.dispose();
      throw error;
    }
  })();
  try {
    return await withTimeout(ready, options.timeoutMs ?? BACKEND_TIMEOUT_MS, `initialising the ${name} backend`);
  } catch (error) {
    // Free the weights should the abandoned backend finish after all.
    ready.then((engine) => engine.dispose(), () => undefined);
    throw error;
  }
}

/** Tries each backend of `options.order` (or the model's default order) until one runs `mlp`; 'js' always does. */
export async function chooseBackend(mlp: Mlp, options: ChooseBackendOptions = {}): Promise<BackendChoice> {
  const { order, why } = options.order ? { order: options.order, why: 'given' } : backendOrderFor(mlp, options.checkRows ?? 1, options.jsMaxMacs);
  if (order.length === 0) throw new Error(`'order' passed to 'chooseBackend' must name at least one backend`);
  const rejected: BackendRejection[] = [];
  for (const name of order) {
    const started = performance.now();
    if (name === 'js') return { engine: createJsEngine(mlp), initMs: performance.now() - started, rejected, order, why };
    const abort = new AbortController();
    try {
      const engine = await startTf(name, mlp, options, abort.signal);
      return { engine, initMs: performance.now() - started, rejected, order, why };
    } catch (error) {
      abort.abort();
      rejected.push({ backend: name, reason: error instanceof Error ? error.message : String(error), ms: performance.now() - started });
    }
  }
  const reasons = rejected.map((r) => `${r.backend}: ${r.reason}`).join('; ');
  throw new Error(`no backend of [${order.join(', ')}] could run the model (${reasons})`);
}
