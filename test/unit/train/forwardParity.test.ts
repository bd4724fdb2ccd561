import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { mulberry32, randomNormal } from '../../../src/core/lib/random';
import { layersModelWeightPaths, parseLayersModel } from '../../../src/core/model/layersModel';
import { mlpForward } from '../../../src/core/model/mlp';
import { buildMlp } from '../../../src/train/mlp/trainMlp';
import { MODEL_FILE, WEIGHTS_FILE, saveLayersModel } from '../../../src/train/mlp/saveLayersModel';
import { loadTf } from '../../../src/train/mlp/tf';

let dir: string;
let tf: typeof tfjs;
let model: tfjs.Sequential;
let modelJson: { modelTopology: unknown; weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[] };
let shard: ArrayBuffer;

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

beforeAll(async () => {
  tf = await loadTf();
  dir = await mkdtemp(join(tmpdir(), 'tailor-parity-'));
  // A tiny random model with non-zero biases, so every weight matters.
  model = await buildMlp(6, { hidden: [5, 4], seed: 3 });
  const rng = mulberry32(17);
  model.setWeights(model.getWeights().map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => randomNormal(rng)), w.shape)));
  await saveLayersModel(model, dir);
  modelJson = JSON.parse(await readFile(join(dir, MODEL_FILE), 'utf8'));
  shard = toArrayBuffer(await readFile(join(dir, WEIGHTS_FILE)));
});
afterAll(async () => {
  model.dispose();
  await rm(dir, { recursive: true, force: true });
});

function randomRows(rows: number, cols: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: rows * cols }, () => randomNormal(rng) * 2);
}

describe('plain-JS forward pass', () => {
  it('equals tfjs predict within 1e-5 on a tiny random model', () => {
    const mlp = parseLayersModel(modelJson, [shard]);
    expect(mlp.layers.map((l) => [l.inputSize, l.units, l.activation])).toEqual([[6, 5, 'relu'], [5, 4, 'relu'], [4, 1, 'sigmoid']]);
    const x = randomRows(64, 6, 5);
    const expected = tf.tidy(() => (model.predict(tf.tensor2d(x, [64, 6])) as tfjs.Tensor).dataSync());
    const actual = mlpForward(mlp, x, 64);
    let maxDiff = 0;
    for (let i = 0; i < 64; i++) maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
    expect(maxDiff).toBeLessThan(1e-5);
    // Not a constant: the outputs actually vary across rows.
    expect(Math.max(...actual) - Math.min(...actual)).toBeGreaterThan(0.1);
  });

  it('writes files that tfjs itself loads back to the same predictions', async () => {
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: modelJson.modelTopology as tfjs.io.ModelJSON['modelTopology'],
      weightSpecs: modelJson.weightsManifest[0]!.weights as tfjs.io.WeightsManifestEntry[],
      weightData: shard,
    }));
    const x = tf.tensor2d(randomRows(8, 6, 6), [8, 6]);
    const a = (model.predict(x) as tfjs.Tensor).dataSync();
    const b = (loaded.predict(x) as tfjs.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
    loaded.dispose();
    x.dispose();
  });

  it('reads weights split across several shards', () => {
    const bytes = new Uint8Array(shard);
    const cut = 37; // deliberately not a multiple of 4
    const json = { ...modelJson, weightsManifest: [{ ...modelJson.weightsManifest[0]!, paths: ['a.bin', 'b.bin'] }] };
    expect(layersModelWeightPaths(json)).toEqual(['a.bin', 'b.bin']);
    const split = parseLayersModel(json, [bytes.slice(0, cut).buffer, bytes.slice(cut).buffer]);
    const whole = parseLayersModel(modelJson, [shard]);
    expect(Array.from(mlpForward(split, randomRows(3, 6, 7), 3))).toEqual(Array.from(mlpForward(whole, randomRows(3, 6, 7), 3)));
  });
});

describe('parseLayersModel errors', () => {
  const withLayers = (mutate: (layers: { class_name: string; config: Record<string, unknown> }[]) => void): unknown => {
    const copy = JSON.parse(JSON.stringify(modelJson));
    mutate(copy.modelTopology.config.layers);
    return copy;
  };

  it('rejects unsupported layers and activations by name', () => {
    expect(() => parseLayersModel(withLayers((l) => { l[1]!.class_name = 'Conv2D'; }), [shard])).toThrow(/has a 'Conv2D' layer; only Dense/);
    expect(() => parseLayersModel(withLayers((l) => { l[2]!.config.activation = 'softmax'; }), [shard])).toThrow(/uses activation 'softmax'/);
  });

  it('rejects quantized or non-float weights, missing shards and short shards', () => {
    const quantized = JSON.parse(JSON.stringify(modelJson));
    quantized.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 1, min: 0 };
    expect(() => parseLayersModel(quantized, [shard])).toThrow(/is quantized; only unquantized float32/);
    expect(() => parseLayersModel(modelJson, [])).toThrow(/'shards' passed to 'parseLayersModel' must hold the 1 files/);
    expect(() => parseLayersModel(modelJson, [shard.slice(0, 40)])).toThrow(/'shards' passed to 'parseLayersModel' are too short/);
  });

  it('rejects non-Sequential topologies and missing manifests', () => {
    const functional = JSON.parse(JSON.stringify(modelJson));
    functional.modelTopology.class_name = 'Functional';
    expect(() => parseLayersModel(functional, [shard])).toThrow(/must describe a Sequential model, got Functional/);
    expect(() => parseLayersModel({ modelTopology: {} }, [])).toThrow(/must have a weightsManifest array/);
  });

  it('checks input size in the forward pass', () => {
    const mlp = parseLayersModel(modelJson, [shard]);
    expect(() => mlpForward(mlp, new Float32Array(7), 1)).toThrow(/'input' passed to 'mlpForward' must hold rows x 6 = 6 values, got 7/);
  });
});
