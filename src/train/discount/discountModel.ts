/**
 * A trained discount-response model on disk, loaded the way the worker loads it — bundle.json
 * validated by `assertModelBundle`, model.json + shards decoded by `parseLayersModel` — and
 * scored the way the worker scores it: vectorise with the bundle's stats, one input row per
 * tier (features then the tier's encoding), the plain-JS forward pass, then calibration.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RawFeatureRecord } from '../../core/features/definition';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { Vectorizer } from '../../core/features/vectorize';
import { createVectorizer } from '../../core/features/vectorize';
import type { ModelBundle } from '../../core/model/bundle';
import { assertModelBundle } from '../../core/model/bundle';
import { applyCalibration } from '../../core/model/calibration';
import { layersModelWeightPaths, parseLayersModel } from '../../core/model/layersModel';
import type { Mlp } from '../../core/model/mlp';
import { mlpForward } from '../../core/model/mlp';
import { encodeTreatment } from '../../core/model/treatment';

/** A loaded discount-response model. */
export interface DiscountModel {
  readonly dir: string;
  readonly bundle: ModelBundle;
  readonly mlp: Mlp;
  readonly vectorizer: Vectorizer;
  /** The treatment levels (tiers, percent), in score order. */
  readonly levels: readonly number[];
}

/** Rows per forward-pass call: bounds memory on big files without slowing small ones. */
const CHUNK_ROWS = 512;

async function readJson(path: string, caller: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`'dir' passed to '${caller}' lacks ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  return JSON.parse(text) as unknown;
}

/** Loads `dir/bundle.json` and its model; throws unless it is a valid discount-response bundle. */
export async function loadDiscountModel(dir: string): Promise<DiscountModel> {
  const fn = 'loadDiscountModel';
  const bundlePath = join(dir, 'bundle.json');
  const bundle = await readJson(bundlePath, fn);
  assertModelBundle(bundle, FEATURE_SPEC);
  if (bundle.kind !== 'discount-response' || !bundle.treatment) {
    throw new Error(`'dir' passed to '${fn}' holds a '${bundle.kind}' bundle (${bundlePath}); decisions need a 'discount-response' model from 'tailor train --logged'`);
  }
  const modelPath = join(dir, bundle.modelPath);
  const modelJson = await readJson(modelPath, fn);
  const shards = await Promise.all(layersModelWeightPaths(modelJson).map(async (path) => {
    const bytes = await readFile(join(dirname(modelPath), path));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }));
  const mlp = parseLayersModel(modelJson, shards);
  if (mlp.layers[0]!.inputSize !== bundle.inputColumns.length || mlp.layers.at(-1)!.units !== 1) {
    throw new Error(`'dir' passed to '${fn}': ${modelPath} takes ${mlp.layers[0]!.inputSize} inputs and gives ${mlp.layers.at(-1)!.units} outputs; the bundle has ${bundle.inputColumns.length} input columns and needs 1 output`);
  }
  return { dir, bundle, mlp, vectorizer: createVectorizer(bundle.stats), levels: [...bundle.treatment.levels] };
}

/**
 * Calibrated P(buy | tier, x) for every record and every treatment level: row-major
 * records x levels, in `model.levels` order.
 */
export function scoreTiers(model: DiscountModel, records: readonly RawFeatureRecord[]): Float64Array {
  const { bundle, vectorizer, levels } = model;
  const treatment = bundle.treatment!;
  const cols = vectorizer.columns.length;
  const width = bundle.inputColumns.length;
  const k = levels.length;
  const out = new Float64Array(records.length * k);
  const features = new Float32Array(cols);
  for (let start = 0; start < records.length; start += CHUNK_ROWS) {
    const end = Math.min(records.length, start + CHUNK_ROWS);
    const input = new Float32Array((end - start) * k * width);
    for (let r = start; r < end; r++) {
      vectorizer.vectorize(records[r]!, features, 0);
      for (let t = 0; t < k; t++) {
        const offset = ((r - start) * k + t) * width;
        input.set(features, offset);
        encodeTreatment(treatment, levels[t]!, input, offset + cols);
      }
    }
    const raw = mlpForward(model.mlp, input, (end - start) * k);
    for (let i = 0; i < raw.length; i++) out[start * k + i] = applyCalibration(bundle.calibration, raw[i]!);
  }
  return out;
}
