/**
 * One run of the purchase-model procedure on the UCI data, as `tailor train` and `tailor evaluate`
 * both make it: the same options, configuration and data at the start, and the same metrics file
 * and model card at the end, each command adding its own section.
 */
import { join } from 'node:path';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { LabelledData } from '../datasets/uciShoppers';
import { loadUciShoppers } from '../datasets/uciShoppers';
import type { CommonOptions } from '../lib/commonOptions';
import { parseCommonOptions } from '../lib/commonOptions';
import type { MetricsFile } from '../report/metricsFile';
import { mergeMetricsFile } from '../report/metricsFile';
import { writeModelCard } from '../report/writeModelCard';
import type { TrainingConfig } from './trainingConfig';
import { trainingConfig } from './trainingConfig';

/** What a started run knows: its options, configuration and data, and when it started. */
export interface UciRun {
  readonly options: CommonOptions;
  readonly config: TrainingConfig;
  readonly data: LabelledData;
  /** `Date.now()` before the data was read: the run's seconds count from here. */
  readonly started: number;
}

/** The section a command contributes to metrics.json. */
export type UciRunSection = Pick<MetricsFile, 'holdout'> | Pick<MetricsFile, 'crossValidation'>;

/**
 * Parses the common options of `command` and reads the UCI data. Resolves undefined after printing
 * `help` when --help is given.
 */
export async function startUciRun(argv: readonly string[], command: string, help: string): Promise<UciRun | undefined> {
  const options = parseCommonOptions(argv, command, help);
  if (!options) return undefined;
  const started = Date.now();
  const config = trainingConfig(options.seed, options.quick);
  const data = await loadUciShoppers(options.dataDir);
  return { options, config, data, started };
}

/**
 * Merges `section` into `<out>/metrics.json` (with the data set's provenance) and rewrites the model
 * card from the merged file, so the card shows the latest section of each command.
 */
export async function writeUciRunReport(run: UciRun, section: UciRunSection): Promise<{ metricsPath: string; cardPath: string }> {
  const positives = run.data.labels.reduce((sum, y) => sum + y, 0);
  const metricsPath = join(run.options.outDir, 'metrics.json');
  const metrics = await mergeMetricsFile(metricsPath, {
    format: 'tailor-metrics',
    formatVersion: 1,
    quick: run.options.quick,
    featureSpecVersion: FEATURE_SPEC.version,
    dataset: { file: 'online_shoppers_intention.csv', sha256: run.data.sha256, rows: run.data.labels.length, positives },
    ...section,
  });
  const cardPath = await writeModelCard(run.options.outDir, metrics, run.config);
  return { metricsPath, cardPath };
}
