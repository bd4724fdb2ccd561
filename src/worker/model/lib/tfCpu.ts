/**
 * Lazily loaded chunk: the tfjs cpu backend with only the kernels `createTfEngine` uses.
 * Plain JavaScript kernels: always available, no WebAssembly, no GPU, fine under any CSP.
 */
// First: tfEngine pulls in tfjs-core's side effects, which the backend's flags need.
import { backendEngine } from './tfEngine';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/_FusedMatMul';
import { tanhConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tanh';

/** Registers the cpu kernels once and uploads a model to the cpu backend; `signal` abandons it. */
export const createEngine = backendEngine('cpu', [_fusedMatMulConfig, tanhConfig]);
