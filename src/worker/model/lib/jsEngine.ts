/**
 * The tfjs-free engine: the plain-JS forward pass of src/core/model/mlp.ts. It is the last
 * resort when no tfjs backend initialises (a chunk that fails to load, a timeout), and since
 * the network is tiny it is also the speed floor every tfjs backend is measured against.
 */
import { mlpForward, type Mlp } from '../../../core/model/mlp';
import type { InferenceEngine } from '../engine';

/** Wraps `mlp` as an engine; never fails to initialise. */
export function createJsEngine(mlp: Mlp): InferenceEngine {
  return {
    backend: 'js',
    run: async (input, rows) => mlpForward(mlp, input, rows),
    dispose() {},
  };
}
