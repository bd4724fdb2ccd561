/**
 * Fits the discount-response MLP on logged randomized offers: inputs are the spec's feature
 * columns followed by the tier's encoding, output P(buy | features, tier); interactions between
 * tier and shopper are left to the hidden layers. No test leakage: feature statistics come from
 * the training fold only; early stopping, Platt calibration and the (unused by the policy)
 * threshold from the validation fold; the test fold is only predicted.
 *
 * Unlike the purchase model, the loss is unweighted: the policy multiplies probabilities by money,
 * so they must be calibrated, not balanced.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { fitFeatureStats } from '../../core/features/fitStats';
import { withBothRegimes, withKnownPageValues } from '../pipeline/runtimeViews';
import type { FeatureStats } from '../../core/features/stats';
import { vectorizeMany } from '../../core/features/vectorize';
import { deriveSeed, mulberry32 } from '../../core/lib/random';
import { bestF1Threshold } from '../../core/metrics/classification';
import type { PlattCalibration } from '../../core/model/calibration';
import { applyCalibration } from '../../core/model/calibration';
import type { TreatmentInput } from '../../core/model/treatment';
import type { LabelledMatrix } from '../gbdt/gbdt';
import { fitPlatt } from '../lib/fitPlatt';
import { createProgress } from '../lib/progress';
import type { Split } from '../lib/split';
import type { MlpParams } from '../mlp/trainMlp';
import { predictMlp, trainMlp } from '../mlp/trainMlp';
import { tierStratifiedSplit } from './lib/tierSplit';
import { withTreatment } from './lib/treatmentMatrix';
import type { LoggedData } from './loggedFormat';

/** Name of the treatment input in the bundle. */
export const TREATMENT_NAME = 'discount_tier';

/** Everything that controls one discount-model fit. */
export interface DiscountTrainingConfig {
  readonly seed: number;
  readonly quick: boolean;
  readonly encoding: TreatmentInput['encoding'];
  readonly validationFraction: number;
  readonly testFraction: number;
  readonly mlp: Omit<MlpParams, 'seed' | 'positiveWeight'>;
}

/**
 * Full and `--quick` settings. The full ones had the lowest validation log loss on the default
 * simulated log (seed 1) among {32-16, 64-32} hidden units x L2 {1e-5, 1e-4, 1e-3} x learning
 * rate {1e-3, 2e-3} (4 combinations tried; all within 0.002 of each other).
 */
export function discountTrainingConfig(seed: number, quick: boolean, encoding: TreatmentInput['encoding'] = 'onehot'): DiscountTrainingConfig {
  const mlp = { hidden: [32, 16], learningRate: 2e-3, batchSize: 256, maxEpochs: 60, patience: 10, l2: 1e-3 };
  return {
    seed,
    quick,
    encoding,
    validationFraction: 0.2,
    testFraction: 0.2,
    mlp: quick ? { ...mlp, learningRate: 5e-3, maxEpochs: 8, patience: 2 } : mlp,
  };
}

/** A fitted (not yet saved) discount-response model. */
export interface FittedDiscountModel {
  readonly model: tfjs.Sequential;
  readonly stats: FeatureStats;
  readonly treatment: TreatmentInput;
  readonly calibration: PlattCalibration;
  readonly threshold: number;
  readonly split: Split;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly bestValidationLoss: number;
  /** Test-fold inputs at the logged tier and tfjs's raw outputs on them, for the parity check. */
  readonly test: { readonly x: Float32Array; readonly rows: number; readonly rawProbs: Float32Array };
}

/**
 * The rows of `rows` as model inputs at their logged tier. `bothRegimes`: every row twice, as logged and with
 * PageValues unknown (src/train/pipeline/runtimeViews.ts), so the model ranks tiers on a device without a table too.
 */
function matrix(data: LoggedData, rows: Int32Array, stats: FeatureStats, treatment: TreatmentInput, bothRegimes = false): LabelledMatrix {
  const once = Array.from(rows, (i) => data.rows[i]!);
  const picked = bothRegimes ? [...once, ...once] : once;
  const records = bothRegimes ? withBothRegimes(once.map((row) => row.record)) : once.map((row) => withKnownPageValues(row.record));
  const features = vectorizeMany(records, stats);
  const x = withTreatment(features.matrix, features.rows, features.cols, treatment, picked.map((row) => row.tier));
  return { x, y: Uint8Array.from(picked, (row) => row.converted), rows: picked.length, cols: x.length / Math.max(1, picked.length) };
}

/** Fits on one tier × outcome stratified split of `data`. */
export async function fitDiscountModel(data: LoggedData, config: DiscountTrainingConfig): Promise<FittedDiscountModel> {
  if (!data.tiers.includes(0)) throw new Error(`${data.path}: no row has tier 0; the model needs the no-discount arm to learn uplift`);
  if (data.tiers.length < 2) throw new Error(`${data.path}: every row has tier ${data.tiers[0]}; a discount-response model needs at least two tiers`);
  const treatment: TreatmentInput = { name: TREATMENT_NAME, levels: [...data.tiers], encoding: config.encoding };
  const split = tierStratifiedSplit(
    data.rows.map((row) => row.tier),
    data.rows.map((row) => row.converted),
    { validation: config.validationFraction, test: config.testFraction },
    mulberry32(deriveSeed(config.seed, 'discount-split')),
  );
  const stats = fitFeatureStats(withBothRegimes(Array.from(split.train, (i) => data.rows[i]!.record)));
  const train = matrix(data, split.train, stats, treatment, true);
  const validation = matrix(data, split.validation, stats, treatment, true);
  const test = matrix(data, split.test, stats, treatment);
  if (!train.y.includes(1) || !train.y.includes(0) || !validation.y.includes(1)) {
    throw new Error(`${data.path}: the training and validation folds need both converted and unconverted rows`);
  }

  const bar = createProgress('train-logged mlp', config.mlp.maxEpochs);
  const trained = await trainMlp(train, validation, { ...config.mlp, positiveWeight: 1, seed: deriveSeed(config.seed, 'discount-mlp') }, (_, loss) => {
    bar.tick(1, `val loss ${loss.toFixed(4)}`);
  });
  bar.finish(`best epoch ${trained.bestEpoch + 1} of ${trained.epochs}, val loss ${trained.bestValidationLoss.toFixed(4)}`);

  const rawValidation = await predictMlp(trained.model, validation.x, validation.rows, validation.cols);
  const calibration = fitPlatt(validation.y, rawValidation);
  const { threshold } = bestF1Threshold(validation.y, rawValidation.map((p) => applyCalibration(calibration, p)));
  const rawTest = await predictMlp(trained.model, test.x, test.rows, test.cols);
  return {
    model: trained.model,
    stats,
    treatment,
    calibration,
    threshold,
    split,
    epochs: trained.epochs,
    bestEpoch: trained.bestEpoch,
    bestValidationLoss: trained.bestValidationLoss,
    test: { x: test.x, rows: test.rows, rawProbs: rawTest },
  };
}
