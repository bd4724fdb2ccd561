/**
 * Builds a throwaway SDK folder holding only what the model runtime fetches: the artifacts the
 * build step writes (models/index.json, versioned models, wasm binaries) for generated models.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeModelArtifacts } from '../../../../scripts/vite/copyModels';
import type { ModelIndex } from '../../../../src/worker/model/modelIndex';
import { writeTinyModel, type TinyModel, type TinyModelOptions } from './tinyModel';

/** URL the tests pretend the SDK is served from. */
export const SDK_BASE = 'https://tailor.test/sdk/';

/** A generated SDK folder. */
export interface TinySdk {
  readonly sdkDir: string;
  readonly index: ModelIndex;
  readonly models: readonly TinyModel[];
}

/** Writes each model into its own input folder, then runs the build step into a fresh SDK folder. */
export async function tinySdk(models: readonly TinyModelOptions[] = [{}]): Promise<TinySdk> {
  const root = mkdtempSync(join(tmpdir(), 'tailor-model-'));
  const written = models.map((options, i) => writeTinyModel(join(root, 'models', `m${i}`), options));
  const sdkDir = join(root, 'sdk');
  const index = await writeModelArtifacts({ inputDir: join(root, 'models'), outDir: sdkDir });
  return { sdkDir, index, models: written };
}
