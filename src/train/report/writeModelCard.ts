/** Writes `README.md` (the model card) into the output folder from what is there. */
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { ModelBundle } from '../../core/model/bundle';
import { assertModelBundle } from '../../core/model/bundle';
import type { TrainingConfig } from '../pipeline/trainingConfig';
import type { MetricsFile } from './metricsFile';
import { renderModelCard } from './modelCard';

/** Plot files the card embeds when present. */
export const PLOT_FILES = ['plots/roc.svg', 'plots/pr.svg', 'plots/calibration.svg'] as const;

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

async function readBundle(outDir: string): Promise<ModelBundle | undefined> {
  try {
    const bundle: unknown = JSON.parse(await readFile(join(outDir, 'bundle.json'), 'utf8'));
    assertModelBundle(bundle, FEATURE_SPEC);
    return bundle;
  } catch {
    // No bundle yet (evaluate before train) or a stale one: the card then omits bundle details.
    return undefined;
  }
}

/** Renders and writes the model card; returns its path. */
export async function writeModelCard(outDir: string, metrics: MetricsFile, config: TrainingConfig): Promise<string> {
  const plots: string[] = [];
  for (const file of PLOT_FILES) if (await exists(join(outDir, file))) plots.push(file);
  const bundle = await readBundle(outDir);
  const path = join(outDir, 'README.md');
  await writeFile(path, renderModelCard({ metrics, config, plots, ...(bundle ? { bundle } : {}) }));
  return path;
}
