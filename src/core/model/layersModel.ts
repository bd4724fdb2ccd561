/**
 * Reads a TensorFlow.js layers-format model (`model.json` + weight shards) into the plain `Mlp`
 * structure without tfjs-layers: parse the topology, walk the weights manifest, decode float32.
 * Pure: the caller fetches or reads the files and passes their contents.
 */
import type { Activation, DenseLayer, Mlp } from './mlp';
import { assertMlp } from './mlp';
import { concatBuffers } from './lib/concatBuffers';

interface WeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: unknown;
}

interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly WeightEntry[];
}

const FN = 'parseLayersModel';
const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'tanh', 'sigmoid'];
/** Layers that are the identity at inference time. */
const PASS_THROUGH = new Set(['InputLayer', 'Dropout', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']);

function fail(message: string): never {
  throw new Error(`'modelJson' passed to '${FN}' ${message}`);
}

function manifestOf(modelJson: unknown): ManifestGroup[] {
  const manifest = (modelJson as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) fail('must have a weightsManifest array');
  for (const group of manifest as ManifestGroup[]) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group?.weights)) fail('has a weightsManifest group without paths and weights');
  }
  return manifest as ManifestGroup[];
}

/** The shard paths, in the order `parseLayersModel` expects their contents. */
export function layersModelWeightPaths(modelJson: unknown): string[] {
  return manifestOf(modelJson).flatMap((group) => [...group.paths]);
}

function decodeWeights(groups: readonly ManifestGroup[], shards: readonly ArrayBuffer[]): Map<string, { shape: readonly number[]; values: Float32Array }> {
  const expected = groups.reduce((n, g) => n + g.paths.length, 0);
  if (shards.length !== expected) {
    throw new Error(`'shards' passed to '${FN}' must hold the ${expected} files listed in weightsManifest, got ${shards.length}`);
  }
  const out = new Map<string, { shape: readonly number[]; values: Float32Array }>();
  let shardIndex = 0;
  for (const group of groups) {
    const buffer = concatBuffers(shards.slice(shardIndex, shardIndex + group.paths.length));
    shardIndex += group.paths.length;
    let offset = 0;
    for (const w of group.weights) {
      if (w.dtype !== 'float32' || w.quantization !== undefined) {
        fail(`weight '${w.name}' is ${w.quantization !== undefined ? 'quantized' : w.dtype}; only unquantized float32 is supported`);
      }
      const size = w.shape.reduce((a, b) => a * b, 1);
      if (offset + size * 4 > buffer.byteLength) {
        throw new Error(`'shards' passed to '${FN}' are too short: weight '${w.name}' needs bytes ${offset}..${offset + size * 4}, group has ${buffer.byteLength}`);
      }
      // Copy: the slice may be unaligned for a Float32Array view.
      out.set(w.name, { shape: w.shape, values: new Float32Array(buffer.slice(offset, offset + size * 4)) });
      offset += size * 4;
    }
  }
  return out;
}

interface LayerJson {
  readonly class_name?: string;
  readonly config?: { name?: string; units?: number; activation?: string | null; use_bias?: boolean };
}

function topologyLayers(modelJson: unknown): LayerJson[] {
  const topology = (modelJson as { modelTopology?: Record<string, unknown> } | null)?.modelTopology;
  if (typeof topology !== 'object' || topology === null) fail('must have a modelTopology object');
  // Keras-converted files nest the model under model_config; tfjs-saved files do not.
  const model = (topology.model_config ?? topology) as { class_name?: string; config?: unknown };
  const config = model.config as { layers?: unknown } | unknown[] | undefined;
  const layers = Array.isArray(config) ? config : (config as { layers?: unknown } | undefined)?.layers;
  if (model.class_name !== 'Sequential' || !Array.isArray(layers)) fail(`must describe a Sequential model, got ${String(model.class_name)}`);
  return layers as LayerJson[];
}

/**
 * Builds an `Mlp` from a layers-format `model.json` (parsed JSON) and its weight shards, given in
 * `layersModelWeightPaths` order. Supports Sequential stacks of Dense layers (plus InputLayer and
 * dropout-type layers, which are the identity at inference); anything else is a clear error.
 */
export function parseLayersModel(modelJson: unknown, shards: readonly ArrayBuffer[]): Mlp {
  const weights = decodeWeights(manifestOf(modelJson), shards);
  const layers: DenseLayer[] = [];
  for (const layer of topologyLayers(modelJson)) {
    const className = layer.class_name ?? '';
    if (PASS_THROUGH.has(className)) continue;
    if (className !== 'Dense') fail(`has a '${className}' layer; only Dense layers are supported`);
    const name = layer.config?.name;
    const activation = (layer.config?.activation ?? 'linear') as Activation;
    if (!ACTIVATIONS.includes(activation)) fail(`layer '${String(name)}' uses activation '${activation}'; supported: ${ACTIVATIONS.join(', ')}`);
    const kernel = weights.get(`${name}/kernel`);
    if (!kernel || kernel.shape.length !== 2) fail(`has no 2-D weight '${String(name)}/kernel' in weightsManifest`);
    const [inputSize, units] = kernel.shape as [number, number];
    const useBias = layer.config?.use_bias !== false;
    const bias = useBias ? weights.get(`${name}/bias`) : { shape: [units], values: new Float32Array(units) };
    if (!bias || bias.values.length !== units) fail(`has no bias '${String(name)}/bias' of ${units} values`);
    layers.push({ inputSize, units, kernel: kernel.values, bias: bias.values, activation });
  }
  const mlp: Mlp = { layers };
  assertMlp(mlp, FN);
  return mlp;
}
