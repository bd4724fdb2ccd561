/**
 * Lazily loaded chunk: the tfjs cpu backend with only the kernels {@link createTfEngine} uses.
 * Plain JavaScript kernels: always available, no WebAssembly, no GPU, fine under any CSP.
 */
// First: tfEngine pulls in tfjs-core's side effects, which the backend's flags need.
import { createTfEngine } from './tfEngine';
import { registerKernel } from '@tensorflow/tfjs-core/dist/base';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';
import { tanhConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tanh';
import type { Mlp } from '../../../core/model/mlp';
import type { CreateEngine, EngineStartOptions, InferenceEngine } from '../engine';

let registered = false;

/** Registers the cpu kernels once and uploads `mlp` to the cpu backend; `signal` abandons it. */
export const createEngine: CreateEngine = (mlp: Mlp, options: EngineStartOptions = {}): Promise<InferenceEngine> => {
  if (!registered) {
    registerKernel(_fusedMatMulConfig);
    registerKernel(tanhConfig);
    registered = true;
  }
  return createTfEngine('cpu', mlp, options.signal);
};
