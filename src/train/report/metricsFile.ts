/**
 * `metrics.json`: every figure the CLI measured. `train` writes the held-out section, `evaluate`
 * the cross-validation section; each keeps the other's section when the data and mode match, so
 * the model card always shows both.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { PlattCalibration } from '../../core/model/calibration';
import type { Summary } from '../lib/summarize';
import type { ClassifierScores } from '../pipeline/scoreClassifier';
import type { RuntimeView } from '../pipeline/runtimeViews';

/** Test figures per runtime view (src/train/pipeline/runtimeViews.ts), with the calibration and threshold fitted. */
export type RuntimeViewScores<T> = Readonly<Record<RuntimeView, { readonly mlp: T; readonly gbdt: T }>>;

/** Figures of one model on one held-out test split. */
export interface HoldoutModel {
  readonly scores: ClassifierScores;
  readonly threshold: number;
  readonly calibration: PlattCalibration;
  readonly detail: string;
}

/** Section written by `train`: the shipped model on its own test split. */
export interface HoldoutSection {
  readonly seed: number;
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number };
  readonly positiveWeight: number;
  readonly mlp: HoldoutModel;
  readonly gbdt: HoldoutModel;
  /** Largest |plain-JS forward pass - tfjs predict| over the test rows. */
  readonly parityMaxAbsDiff: number;
  /** The same test rows as devices score them: with the page-value table, without it, with local history. */
  readonly runtimeViews: RuntimeViewScores<ClassifierScores>;
  readonly seconds: number;
}

/** Mean ± sd of every figure (plus the chosen threshold) across folds. */
export type SummaryScores = Readonly<Record<keyof ClassifierScores | 'threshold', Summary>>;

/** Section written by `evaluate`. */
export interface CrossValidationSection {
  readonly seed: number;
  readonly folds: number;
  readonly validationFraction: number;
  readonly mlp: SummaryScores;
  readonly gbdt: SummaryScores;
  /** Per runtime view, mean ± sd across folds (threshold row omitted: one threshold serves every view). */
  readonly runtimeViews: RuntimeViewScores<Readonly<Record<keyof ClassifierScores, Summary>>>;
  readonly seconds: number;
}

/** The whole file. */
export interface MetricsFile {
  readonly format: 'tailor-metrics';
  readonly formatVersion: 1;
  readonly quick: boolean;
  readonly featureSpecVersion: string;
  readonly dataset: { readonly file: string; readonly sha256: string; readonly rows: number; readonly positives: number };
  readonly holdout?: HoldoutSection;
  readonly crossValidation?: CrossValidationSection;
}

/** Published figures on the same data (all 17 features, different splits), for context. */
export const PUBLISHED_REFERENCES = [
  { model: 'XGBoost', metric: 'ROC AUC', value: 0.937 },
  { model: 'XGBoost', metric: 'PR AUC', value: 0.754 },
  { model: 'LightGBM', metric: 'F1', value: 0.655 },
] as const;

/**
 * Merges `update` into the metrics file at `path`. A file for other data, another mode or
 * another feature spec is replaced rather than merged, so sections never mix runs.
 */
export async function mergeMetricsFile(path: string, update: MetricsFile): Promise<MetricsFile> {
  let previous: MetricsFile | undefined;
  try {
    previous = JSON.parse(await readFile(path, 'utf8')) as MetricsFile;
  } catch {
    previous = undefined;
  }
  const compatible = previous?.format === update.format && previous.formatVersion === update.formatVersion
    && previous.quick === update.quick && previous.featureSpecVersion === update.featureSpecVersion
    && previous.dataset?.sha256 === update.dataset.sha256;
  // `update` carries only the section being written, so spreading keeps the other one.
  const merged: MetricsFile = compatible ? { ...previous, ...update } : update;
  await writeFile(path, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
