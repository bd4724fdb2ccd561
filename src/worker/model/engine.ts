/**
 * The seam between the predictor and whatever computes the network: a TensorFlow.js backend
 * (webgl, wasm, cpu) or the plain-JS forward pass. The predictor only ever sees this interface,
 * so a backend that fails to initialise is swapped for the next one without touching it.
 */
import type { Mlp } from '../../core/model/mlp';

/** Backends in the order they are tried by default; 'js' is the tfjs-free last resort. */
export const BACKEND_ORDER = ['webgl', 'wasm', 'cpu', 'js'] as const;

/** A compute backend. */
export type BackendName = (typeof BACKEND_ORDER)[number];

/** A network with its weights already resident on one backend. */
export interface InferenceEngine {
  readonly backend: BackendName;
  /** Runs `rows` row-major input rows in one call; resolves with rows x outputs values. */
  run(input: Float32Array, rows: number): Promise<Float32Array>;
  /** Frees the weights (GPU textures, wasm heap). */
  dispose(): void;
}

/** Whether `value` names a backend. */
export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_ORDER as readonly string[]).includes(value);
}

/** What a tfjs backend chunk needs to start. */
export interface EngineStartOptions {
  /** Aborts a slow initialisation (see createTfEngine). */
  readonly signal?: AbortSignal;
  /** Absolute URLs of tfjs's `.wasm` files by tfjs file name (wasm only). */
  readonly wasmUrls?: Readonly<Record<string, string>>;
}

/** The one export every tfjs backend chunk has. */
export type CreateEngine = (mlp: Mlp, options?: EngineStartOptions) => Promise<InferenceEngine>;
