/**
 * A backend that initialises is not yet a backend that computes correctly: GPU drivers with
 * half-float textures or broken shader compilers return plausible-looking garbage. Before an
 * engine is accepted it runs a deterministic batch and must agree with the plain-JS forward pass.
 * The same run compiles the shaders / warms the caches for the batch size predictions will use.
 */
import { mlpForward, type Mlp } from '../../../core/model/mlp';
import type { InferenceEngine } from '../engine';

/** Largest |engine - reference| accepted on the self-check batch. */
export const SELF_CHECK_TOLERANCE = 1e-4;

/** A reproducible input batch: values spread over [-2, 2], like standardised features. */
export function selfCheckInput(rows: number, inputSize: number): Float32Array {
  const input = new Float32Array(rows * inputSize);
  // Weyl sequence: deterministic, no seed plumbing, covers the range evenly.
  for (let i = 0; i < input.length; i++) input[i] = 4 * ((i * 0.6180339887498949) % 1) - 2;
  return input;
}

/** Runs `rows` check rows through `engine`; throws with the largest deviation if it disagrees. */
export async function selfCheck(engine: InferenceEngine, mlp: Mlp, rows: number): Promise<void> {
  const inputSize = mlp.layers[0]?.inputSize ?? 0;
  const input = selfCheckInput(rows, inputSize);
  const [got, want] = [await engine.run(input, rows), mlpForward(mlp, input, rows)];
  if (got.length !== want.length) {
    throw new Error(`the ${engine.backend} backend returned ${got.length} values for a check batch that has ${want.length}`);
  }
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const delta = Math.abs(got[i]! - want[i]!);
    // NaN never compares greater, so it is caught explicitly.
    if (!(delta <= worst)) worst = Number.isNaN(delta) ? Infinity : delta;
  }
  if (worst > SELF_CHECK_TOLERANCE) {
    throw new Error(`the ${engine.backend} backend disagrees with the reference forward pass by ${worst} (limit ${SELF_CHECK_TOLERANCE})`);
  }
}
