/**
 * Generated model fixtures: a random dense network written in the tfjs layers format
 * (model.json + weight shards, split across two shards to exercise concatenation), plus a
 * bundle.json for FEATURE_SPEC whose feature statistics are fitted on generated records.
 * Nothing here reads real data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawFeatureRecord } from '../../../../src/core/features/definition';
import { isCategorical } from '../../../../src/core/features/definition';
import { featureColumns } from '../../../../src/core/features/columns';
import { fitFeatureStats } from '../../../../src/core/features/fitStats';
import { FEATURE_SPEC } from '../../../../src/core/features/spec';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ModelBundle } from '../../../../src/core/model/bundle';
import type { Calibration } from '../../../../src/core/model/calibration';
import type { Activation, DenseLayer, Mlp } from '../../../../src/core/model/mlp';
import { treatmentColumns, type TreatmentInput } from '../../../../src/core/model/treatment';
import { mulberry32, randomNormal, type Rng } from '../../../../src/core/lib/random';

/** The treatment of generated discount-response bundles. */
export const TINY_TREATMENT: TreatmentInput = { name: 'discount_tier', levels: [0, 5, 10, 15], encoding: 'onehot' };

/** A random network; Glorot-scaled normal weights keep outputs away from 0/1 saturation. */
export function randomMlp(seed: number, sizes: readonly number[], activations: readonly Activation[]): Mlp {
  const rng = mulberry32(seed);
  const layers: DenseLayer[] = activations.map((activation, i) => {
    const [inputSize, units] = [sizes[i]!, sizes[i + 1]!];
    const scale = Math.sqrt(2 / (inputSize + units));
    return {
      inputSize,
      units,
      activation,
      kernel: Float32Array.from({ length: inputSize * units }, () => randomNormal(rng) * scale),
      bias: Float32Array.from({ length: units }, () => randomNormal(rng) * 0.1),
    };
  });
  return { layers };
}

/** model.json (Keras-style Sequential topology, loadable by tf.loadLayersModel) for `mlp`. */
export function layersModelJson(mlp: Mlp, shardNames: readonly string[]): Record<string, unknown> {
  const layers = mlp.layers.map((l, i) => ({
    class_name: 'Dense',
    config: {
      name: `dense_${i + 1}`,
      units: l.units,
      activation: l.activation,
      use_bias: true,
      trainable: true,
      dtype: 'float32',
      kernel_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      ...(i === 0 ? { batch_input_shape: [null, l.inputSize] } : {}),
    },
  }));
  const weights = mlp.layers.flatMap((l, i) => [
    { name: `dense_${i + 1}/kernel`, shape: [l.inputSize, l.units], dtype: 'float32' },
    { name: `dense_${i + 1}/bias`, shape: [l.units], dtype: 'float32' },
  ]);
  return {
    modelTopology: { class_name: 'Sequential', config: { name: 'tiny', layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
    format: 'layers-model',
    generatedBy: 'tailor test fixture',
    convertedBy: null,
    weightsManifest: [{ paths: shardNames, weights }],
  };
}

/** All weights in manifest order as one float32 buffer. */
export function weightBytes(mlp: Mlp): Uint8Array {
  const parts = mlp.layers.flatMap((l) => [l.kernel, l.bias]);
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return new Uint8Array(out.buffer);
}

/** Random raw records covering every feature of FEATURE_SPEC (some missing, some out of range). */
export function randomRecords(seed: number, n: number): RawFeatureRecord[] {
  const rng: Rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const record: Record<string, number | string | null> = {};
    for (const def of FEATURE_SPEC.features) {
      const u = rng();
      if (u < 0.05) record[def.name] = null;
      else if (isCategorical(def)) record[def.name] = def.levels[Math.floor(rng() * def.levels.length)]!;
      else if (def.kind === 'binary') record[def.name] = rng() < 0.5 ? 0 : 1;
      else record[def.name] = def.min + (Math.min(def.max, 1000) - def.min) * rng() ** 3;
    }
    return record;
  });
}

/** Options of {@link writeTinyModel}. */
export interface TinyModelOptions {
  readonly kind?: ModelBundle['kind'];
  readonly seed?: number;
  readonly hidden?: readonly number[];
  readonly calibration?: Calibration;
}

/** What {@link writeTinyModel} wrote. */
export interface TinyModel {
  readonly dir: string;
  readonly bundle: ModelBundle;
  readonly mlp: Mlp;
}

/** Writes bundle.json, model.json and two weight shards into `dir`. */
export function writeTinyModel(dir: string, options: TinyModelOptions = {}): TinyModel {
  const kind = options.kind ?? 'discount-response';
  const seed = options.seed ?? 7;
  const treatment = kind === 'discount-response' ? TINY_TREATMENT : null;
  const columns = featureColumns(FEATURE_SPEC);
  const inputColumns = [...columns, ...(treatment ? treatmentColumns(treatment) : [])];
  const hidden = options.hidden ?? [16, 8];
  const sizes = [inputColumns.length, ...hidden, 1];
  const mlp = randomMlp(seed, sizes, [...hidden.map((): Activation => 'relu'), 'sigmoid']);
  const bytes = weightBytes(mlp);
  // Split at an odd byte offset: tfjs shards are cut without regard to float boundaries.
  const cut = Math.floor(bytes.length / 2) + 1;
  const shards = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
  const bundle: ModelBundle = {
    format: BUNDLE_FORMAT,
    bundleVersion: BUNDLE_VERSION,
    kind,
    featureSpecVersion: FEATURE_SPEC.version,
    featureColumns: columns,
    treatment,
    inputColumns,
    stats: fitFeatureStats(randomRecords(seed + 1, 200)),
    modelPath: 'model.json',
    calibration: options.calibration ?? { method: 'platt', a: 0.9, b: -0.3 },
    threshold: 0.5,
    training: { dataset: 'generated', dataSha256: '0'.repeat(64), rows: { train: 0, validation: 0, test: 0 }, seed, tailorVersion: 'test' },
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), JSON.stringify(layersModelJson(mlp, shards)));
  writeFileSync(join(dir, shards[0]!), bytes.subarray(0, cut));
  writeFileSync(join(dir, shards[1]!), bytes.subarray(cut));
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
  return { dir, bundle, mlp };
}
