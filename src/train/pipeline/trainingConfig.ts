/**
 * Hyper-parameters of a training run. `--quick` trades accuracy for a CI-sized run (< 60 s);
 * the figures it prints are a smoke test, not the published numbers.
 */
import type { GbdtParams } from '../gbdt/gbdt';
import { DEFAULT_GBDT_PARAMS } from '../gbdt/gbdt';
import type { MlpParams } from '../mlp/trainMlp';
import { DEFAULT_MLP_PARAMS } from '../mlp/trainMlp';

/** Everything that controls one training/evaluation run. */
export interface TrainingConfig {
  readonly seed: number;
  readonly quick: boolean;
  /** Folds of `evaluate`. */
  readonly folds: number;
  /** Validation share inside each CV training part, and of the whole data in `train`. */
  readonly validationFraction: number;
  /** Test share of the whole data in `train`. */
  readonly testFraction: number;
  readonly mlp: Omit<MlpParams, 'seed' | 'positiveWeight'>;
  readonly gbdt: Omit<GbdtParams, 'seed' | 'positiveWeight'>;
}

/** Builds the configuration for a seed and mode. */
export function trainingConfig(seed: number, quick: boolean): TrainingConfig {
  return {
    seed,
    quick,
    folds: quick ? 2 : 5,
    validationFraction: 0.2,
    testFraction: 0.2,
    mlp: quick ? { ...DEFAULT_MLP_PARAMS, maxEpochs: 8, patience: 3, batchSize: 256 } : DEFAULT_MLP_PARAMS,
    gbdt: quick ? { ...DEFAULT_GBDT_PARAMS, maxTrees: 60, earlyStoppingRounds: 15 } : DEFAULT_GBDT_PARAMS,
  };
}
