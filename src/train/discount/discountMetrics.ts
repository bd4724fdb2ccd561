/**
 * `metrics.json` of a discount-response model: written by `tailor train --logged`, completed by
 * `tailor evaluate-policy`, and the single source of the generated model card.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Calibration } from '../../core/model/calibration';
import type { TreatmentInput } from '../../core/model/treatment';
import type { DiscountTrainingConfig } from './fitDiscountModel';
import type { HoldoutMetrics } from './holdoutMetrics';
import type { PolicyEvaluation } from './evaluatePolicy';

/** Identifies the file. */
export const DISCOUNT_METRICS_FORMAT = 'tailor-discount-metrics';

/** Contents of `metrics.json`. */
export interface DiscountMetricsFile {
  readonly format: typeof DISCOUNT_METRICS_FORMAT;
  readonly formatVersion: 1;
  readonly featureSpecVersion: string;
  readonly data: {
    readonly file: string;
    readonly sha256: string;
    readonly rows: number;
    readonly tiers: readonly number[];
    readonly truthFile: string | null;
  };
  readonly training: {
    readonly config: DiscountTrainingConfig;
    readonly treatment: TreatmentInput;
    readonly inputs: number;
    readonly epochs: number;
    readonly bestEpoch: number;
    readonly bestValidationLoss: number;
    readonly calibration: Calibration;
    /** Largest |p| difference between the saved model run by the plain-JS forward pass and tfjs. */
    readonly parityMaxAbsDiff: number;
    readonly seconds: number;
  };
  readonly split: { readonly train: number; readonly validation: number; readonly test: number };
  readonly test: HoldoutMetrics;
  readonly policyEvaluation: PolicyEvaluation | null;
}

/** Path of the metrics file in a model folder. */
export const metricsPath = (dir: string): string => join(dir, 'metrics.json');

/** Writes `metrics` (NaN becomes null in JSON, which readers treat as "not measured"). */
export async function writeDiscountMetrics(dir: string, metrics: DiscountMetricsFile): Promise<string> {
  const path = metricsPath(dir);
  await writeFile(path, `${JSON.stringify(metrics, null, 2)}\n`);
  return path;
}

/** Reads the metrics file of `dir`; throws unless `tailor train --logged` wrote it. */
export async function readDiscountMetrics(dir: string): Promise<DiscountMetricsFile> {
  const path = metricsPath(dir);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`'dir' passed to 'readDiscountMetrics' has no readable ${path} (${(error as Error).message}); train the model with 'tailor train --logged' first`, { cause: error });
  }
  if ((value as { format?: unknown } | null)?.format !== DISCOUNT_METRICS_FORMAT) {
    throw new Error(`'dir' passed to 'readDiscountMetrics': ${path} is not a '${DISCOUNT_METRICS_FORMAT}' file`);
  }
  return value as DiscountMetricsFile;
}
