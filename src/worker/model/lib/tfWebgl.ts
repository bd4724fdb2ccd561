/**
 * Lazily loaded chunk: the tfjs WebGL backend (WebGL 2 on an OffscreenCanvas inside the worker)
 * with only the kernels `createTfEngine` uses. Chosen only when a hardware GPU is present;
 * see `probeGpu`.
 */
// First: tfEngine pulls in tfjs-core's side effects, which the backend's flags need.
import { backendEngine } from './tfEngine';
import '@tensorflow/tfjs-backend-webgl/dist/base';
import { _fusedMatMulConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/_FusedMatMul';
import { tanhConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tanh';

/** Registers the WebGL kernels once and uploads a model to the WebGL backend; `signal` abandons it. */
export const createEngine = backendEngine('webgl', [_fusedMatMulConfig, tanhConfig]);
