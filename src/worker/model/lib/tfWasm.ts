/**
 * Lazily loaded chunk: the tfjs wasm backend (SIMD when the browser has it) with only the kernels
 * `createTfEngine` uses. Threads stay off: the threaded build spawns its own workers from a
 * blob, hangs in a minified bundle, and buys nothing for a network this small.
 */
// First: tfEngine pulls in tfjs-core's side effects, which the backend's flags need.
import { backendEngine } from './tfEngine';
import { env } from '@tensorflow/tfjs-core/dist/base';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/_FusedMatMul';
import { tanhConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Tanh';
import type { Mlp } from '../../../core/model/mlp';
import type { CreateEngine, EngineStartOptions, InferenceEngine } from '../engine';

/** The `.wasm` files tfjs may ask for with threads off, by the name tfjs uses. */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

const engine = backendEngine('wasm', [_fusedMatMulConfig, tanhConfig], (options) => {
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const wasmUrls = options.wasmUrls!;
  // The threaded binary is never fetched (threads are off); the map just has to be complete.
  setWasmPaths({ ...wasmUrls, 'tfjs-backend-wasm-threaded-simd.wasm': wasmUrls['tfjs-backend-wasm-simd.wasm']! });
});

/**
 * Registers the wasm kernels once, points tfjs at the `.wasm` files (absolute URLs on Tailor's
 * origin, by tfjs file name) and uploads `mlp` to the wasm backend; `signal` abandons it.
 */
export const createEngine: CreateEngine = (mlp: Mlp, options: EngineStartOptions = {}): Promise<InferenceEngine> => {
  const wasmUrls = options.wasmUrls ?? {};
  for (const file of WASM_FILES) {
    const url = wasmUrls[file];
    if (!url || !/^https?:\/\//.test(url)) {
      throw new Error(`'options.wasmUrls' passed to 'createEngine' needs an absolute URL for ${file}, got ${String(url)}`);
    }
  }
  return engine(mlp, options);
};
