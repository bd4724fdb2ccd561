/**
 * Writes a tfjs model in the layers format (`model.json` + one float32 weight shard) without
 * tfjs-node's file:// handler: capture the artifacts with a save handler, then write the files.
 * The output loads with `tf.loadLayersModel(url)` in the browser and with `parseLayersModel`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { loadTf } from './tf';

/** Shard file name, following tfjs's own convention. */
export const WEIGHTS_FILE = 'group1-shard1of1.bin';

/** Model file name. */
export const MODEL_FILE = 'model.json';

/** Saves `model` to `dir`; returns the written paths. */
export async function saveLayersModel(model: tfjs.LayersModel, dir: string): Promise<string[]> {
  const tf = await loadTf();
  let captured: tfjs.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    captured = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!captured?.weightData || !captured.weightSpecs || !captured.modelTopology) {
    throw new Error(`'model' passed to 'saveLayersModel' produced no topology or weights`);
  }
  const weightData = captured.weightData;
  const bytes = Array.isArray(weightData)
    ? Buffer.concat(weightData.map((b) => Buffer.from(b)))
    : Buffer.from(weightData as ArrayBuffer);
  const modelJson = {
    modelTopology: captured.modelTopology,
    format: captured.format ?? 'layers-model',
    generatedBy: captured.generatedBy,
    convertedBy: captured.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: captured.weightSpecs }],
  };
  await mkdir(dir, { recursive: true });
  const modelPath = join(dir, MODEL_FILE);
  const weightsPath = join(dir, WEIGHTS_FILE);
  await writeFile(modelPath, `${JSON.stringify(modelJson)}\n`);
  await writeFile(weightsPath, bytes);
  return [modelPath, weightsPath];
}
