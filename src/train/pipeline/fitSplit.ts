/**
 * Fits both purchase classifiers on one train/validation/test split, with no test leakage (training and validation
 * rows in both PageValues regimes, test rows scored in every runtime view: runtimeViews.ts):
 * feature statistics and the MLP's class weight come from the training rows only; early stopping,
 * Platt calibration and the best-F1 threshold come from the validation rows only; test rows are
 * only ever predicted.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { RawFeatureRecord } from '../../core/features/definition';
import type { FeatureStats } from '../../core/features/stats';
import { fitFeatureStats } from '../../core/features/fitStats';
import { vectorizeMany } from '../../core/features/vectorize';
import { featureColumns } from '../../core/features/columns';
import { FEATURE_SPEC } from '../../core/features/spec';
import { deriveSeed } from '../../core/lib/random';
import { bestF1Threshold } from '../../core/metrics/classification';
import type { PlattCalibration } from '../../core/model/calibration';
import { applyCalibration } from '../../core/model/calibration';
import type { LabelledMatrix } from '../gbdt/gbdt';
import { predictGbdt, trainGbdt } from '../gbdt/gbdt';
import { fitPlatt } from '../lib/fitPlatt';
import { createProgress } from '../lib/progress';
import type { Split } from '../lib/split';
import { predictMlp, trainMlp } from '../mlp/trainMlp';
import type { ClassifierScores } from './scoreClassifier';
import { scoreClassifier } from './scoreClassifier';
import type { TrainingConfig } from './trainingConfig';
import type { RuntimeView } from './runtimeViews';
import { RUNTIME_VIEWS, runtimeView, withBothRegimes } from './runtimeViews';

/** A calibrated, thresholded classifier and its test-set results. */
export interface FittedClassifier {
  readonly calibration: PlattCalibration;
  readonly threshold: number;
  /** Calibrated test probabilities, in `split.test` order. */
  readonly testProbs: Float32Array;
  readonly scores: ClassifierScores;
}

/** Test scores of both classifiers under one runtime view (calibration and threshold as fitted). */
export interface ViewScores {
  readonly mlp: ClassifierScores;
  readonly gbdt: ClassifierScores;
}

/** Result of `fitSplit`. */
export interface SplitResult {
  /** Test scores per runtime view (runtimeViews.ts); `site` equals `mlp.scores` and `gbdt.scores`. */
  readonly views: Readonly<Record<RuntimeView, ViewScores>>;
  readonly stats: FeatureStats;
  readonly columns: readonly string[];
  readonly positiveWeight: number;
  /** The vectorised test rows, for parity checks of the exported model. */
  readonly test: LabelledMatrix;
  readonly mlp: FittedClassifier & {
    readonly model: tfjs.Sequential;
    /** Uncalibrated tfjs outputs on the test rows. */
    readonly rawTestProbs: Float32Array;
    readonly epochs: number;
    readonly bestEpoch: number;
  };
  readonly gbdt: FittedClassifier & { readonly trees: number };
}

function matrixOf(records: readonly RawFeatureRecord[], labels: Uint8Array, stats: FeatureStats): LabelledMatrix {
  const { matrix, cols } = vectorizeMany(records, stats);
  return { x: matrix, y: labels, rows: records.length, cols };
}

const pick = (records: readonly RawFeatureRecord[], rows: Int32Array) => Array.from(rows, (i) => records[i]!);
const labelsOf = (labels: Uint8Array, rows: Int32Array) => Uint8Array.from(rows, (i) => labels[i]!);
/** Labels of `withBothRegimes` rows: the same labels twice. */
const twice = (y: Uint8Array) => {
  const out = new Uint8Array(y.length * 2);
  out.set(y);
  out.set(y, y.length);
  return out;
};

function calibrateAndScore(val: LabelledMatrix, test: LabelledMatrix, rawVal: Float32Array, rawTest: Float32Array): FittedClassifier {
  const calibration = fitPlatt(val.y, rawVal);
  const calVal = rawVal.map((p) => applyCalibration(calibration, p));
  const { threshold } = bestF1Threshold(val.y, calVal);
  const testProbs = rawTest.map((p) => applyCalibration(calibration, p));
  return { calibration, threshold, testProbs, scores: scoreClassifier(test.y, testProbs, threshold) };
}

/** Fits the MLP and the GBDT baseline on `split`; `label` prefixes progress lines. */
export async function fitSplit(
  records: readonly RawFeatureRecord[],
  labels: Uint8Array,
  split: Split,
  config: TrainingConfig,
  seed: number,
  label: string,
): Promise<SplitResult> {
  const trainRecords = withBothRegimes(pick(records, split.train));
  const stats = fitFeatureStats(trainRecords);
  const train = matrixOf(trainRecords, twice(labelsOf(labels, split.train)), stats);
  const val = matrixOf(withBothRegimes(pick(records, split.validation)), twice(labelsOf(labels, split.validation)), stats);
  const testY = labelsOf(labels, split.test);
  const viewMatrices = Object.fromEntries(RUNTIME_VIEWS.map((v) => [
    v, matrixOf(runtimeView(pick(records, split.test), v, deriveSeed(seed, `view-${v}`)), testY, stats),
  ])) as Record<RuntimeView, LabelledMatrix>;
  const test = viewMatrices.site;
  let positives = 0;
  for (const y of train.y) positives += y;
  if (positives === 0 || positives === train.rows) throw new Error(`'split' passed to 'fitSplit' has a single-class training part`);
  // "Balanced" weighting: both classes carry equal total weight in the loss.
  const positiveWeight = (train.rows - positives) / positives;

  const mlpBar = createProgress(`${label} mlp`, config.mlp.maxEpochs);
  const trained = await trainMlp(train, val, { ...config.mlp, positiveWeight, seed: deriveSeed(seed, 'mlp') }, (_, loss) => {
    mlpBar.tick(1, `val loss ${loss.toFixed(4)}`);
  });
  mlpBar.finish(`best epoch ${trained.bestEpoch + 1} of ${trained.epochs}, val loss ${trained.bestValidationLoss.toFixed(4)}`);
  const mlpRawVal = await predictMlp(trained.model, val.x, val.rows, val.cols);
  const mlpRawTest = await predictMlp(trained.model, test.x, test.rows, test.cols);

  const gbdtBar = createProgress(`${label} gbdt`, config.gbdt.maxTrees);
  // Unweighted on purpose: weighting did not help boosting in cross-validation, and Platt follows anyway.
  const gbdt = trainGbdt(train, val, { ...config.gbdt, positiveWeight: 1, seed: deriveSeed(seed, 'gbdt') }, () => gbdtBar.tick());
  gbdtBar.finish(`${gbdt.trees.length} trees kept, val loss ${gbdt.bestValidationLoss.toFixed(4)}`);

  const mlp = calibrateAndScore(val, test, mlpRawVal, mlpRawTest);
  const gbdtFit = calibrateAndScore(val, test, predictGbdt(gbdt, val.x, val.rows), predictGbdt(gbdt, test.x, test.rows));
  const views = {} as Record<RuntimeView, ViewScores>;
  for (const v of RUNTIME_VIEWS) {
    const m = viewMatrices[v];
    const mlpProbs = (await predictMlp(trained.model, m.x, m.rows, m.cols)).map((p) => applyCalibration(mlp.calibration, p));
    const gbdtProbs = predictGbdt(gbdt, m.x, m.rows).map((p) => applyCalibration(gbdtFit.calibration, p));
    views[v] = { mlp: scoreClassifier(testY, mlpProbs, mlp.threshold), gbdt: scoreClassifier(testY, gbdtProbs, gbdtFit.threshold) };
  }

  return {
    views,
    stats,
    columns: featureColumns(FEATURE_SPEC),
    positiveWeight,
    test,
    mlp: {
      ...mlp,
      model: trained.model,
      rawTestProbs: mlpRawTest,
      epochs: trained.epochs,
      bestEpoch: trained.bestEpoch,
    },
    gbdt: {
      ...gbdtFit,
      trees: gbdt.trees.length,
    },
  };
}
