/**
 * Parity of the reference itself: TensorFlow.js's own layers runtime in Node (`tf.loadLayersModel`
 * on the very files the build step ships) against `parseLayersModel` + the plain-JS forward pass.
 * Together with cpuParity (runtime vs plain JS) this closes the loop to real tfjs. A separate file
 * because full @tensorflow/tfjs must not share a process with the runtime's custom tfjs-core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { layersModelWeightPaths, parseLayersModel } from '../../../src/core/model/layersModel';
import { mlpForward } from '../../../src/core/model/mlp';
import { selfCheckInput } from '../../../src/worker/model/lib/selfCheck';
import { tinySdk } from './lib/sdkDir';

describe('generated layers models', () => {
  it.each([
    ['relu/sigmoid', [16, 8]],
    ['deeper', [32, 16, 8]],
  ] as const)('%s: tf.loadLayersModel agrees with the plain-JS forward pass within 1e-5', async (_name, hidden) => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
    const sdk = await tinySdk([{ hidden, seed: hidden.length }]);
    const dir = join(sdk.sdkDir, 'models', sdk.index.models[0]!.version);
    const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const shards = layersModelWeightPaths(modelJson).map((p) => {
      const b = readFileSync(join(dir, p));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    });
    const mlp = parseLayersModel(modelJson, shards);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: shards,
      }),
    );
    const rows = 64;
    const inputs = mlp.layers[0]!.inputSize;
    const x = selfCheckInput(rows, inputs);
    const y = model.predict(tf.tensor2d(x, [rows, inputs])) as tf.Tensor;
    const got = (await y.data()) as Float32Array;
    const want = mlpForward(mlp, x, rows);
    expect(got.length).toBe(rows);
    const worst = Math.max(...Array.from(want, (w, i) => Math.abs(w - got[i]!)));
    expect(worst).toBeLessThan(1e-5);
    // Outputs spread over (0, 1): a saturated model would agree trivially.
    expect(Math.max(...want) - Math.min(...want)).toBeGreaterThan(0.1);
  });
});
