/**
 * Lazily loaded chunk: the tfjs WebGL backend (WebGL 2 on an OffscreenCanvas inside the worker)
 * with only the kernels {@link createTfEngine} uses. Chosen only when a hardware GPU is present;
 * see `probeGpu`.
 */
// First: tfEngine pulls in tfjs-core's side effects, which the backend's flags need.
import { createTfEngine } from './tfEngine';
import { registerKernel } from '@tensorflow/tfjs-core/dist/base';
import '@tensorflow/tfjs-backend-webgl/dist/base';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/_FusedMatMul';
import { tanhConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tanh';
import type { Mlp } from '../../../core/model/mlp';
import type { CreateEngine, EngineStartOptions, InferenceEngine } from '../engine';

let registered = false;

/** Registers the WebGL kernels once and uploads `mlp` to the WebGL backend; `signal` abandons it. */
export const createEngine: CreateEngine = (mlp: Mlp, options: EngineStartOptions = {}): Promise<InferenceEngine> => {
  if (!registered) {
    registerKernel(_fusedMatMulConfig);
    registerKernel(tanhConfig);
    registered = true;
  }
  return createTfEngine('webgl', mlp, options.signal);
};
