/**
 * Types describing one model input feature. The list itself lives in `spec.ts`;
 * these types are shared by the vectorizer, the statistics fitter and the training CLI.
 */

/** What a feature measures; decides how it is parsed and documented. */
export type FeatureKind = 'count' | 'duration' | 'rate' | 'money' | 'categorical' | 'binary';

/** Monotone transform applied after clipping and before standardisation. */
export type FeatureTransform = 'none' | 'log1p' | 'onehot';

/**
 * Where a feature comes from. `session` features are computed from the current visit and exist
 * in the UCI data; `history` features come from the shopper's past visits kept on the device and
 * are absent from UCI, so training imputes them and their columns standardise to 0. `runtime`
 * features say what the device could not know (e.g. no page-value table): no training file has
 * them, the trainer derives them while it simulates what devices miss, and devices compute them.
 */
export type FeatureSource = 'session' | 'history' | 'runtime';

/** A numeric (count, duration, rate, money or 0/1 binary) feature. */
export interface NumericFeatureDefinition {
  readonly name: string;
  readonly kind: Exclude<FeatureKind, 'categorical'>;
  readonly source: FeatureSource;
  /** Value imputed when training data never saw the feature (otherwise the training median is used). */
  readonly default: number;
  /** Inclusive validity range: values outside it are treated as missing, not clipped (they are errors, not outliers). */
  readonly min: number;
  readonly max: number;
  readonly transform: 'none' | 'log1p';
  /** Unit and meaning, for humans and the model card. */
  readonly doc: string;
}

/** A categorical feature, one-hot encoded over a fixed, ordered list of levels. */
export interface CategoricalFeatureDefinition {
  readonly name: string;
  readonly kind: 'categorical';
  readonly source: FeatureSource;
  /** Level imputed when training data never saw the feature (otherwise the training mode is used). */
  readonly default: string;
  /** Every valid level, in column order. Unknown levels are treated as missing. */
  readonly levels: readonly string[];
  readonly transform: 'onehot';
  readonly doc: string;
}

/** Any feature definition. */
export type FeatureDefinition = NumericFeatureDefinition | CategoricalFeatureDefinition;

/** A versioned, ordered list of features: the contract between training and the browser. */
export interface FeatureSpec {
  /** Semantic version; bump the major on any change to names, order, levels or transforms. */
  readonly version: string;
  readonly features: readonly FeatureDefinition[];
}

/** One raw input record as produced by the worker or read from a CSV row. */
export type RawFeatureRecord = Readonly<Record<string, number | string | boolean | null | undefined>>;

/** Narrowing helper so callers need no `kind` comparisons of their own. */
export function isCategorical(def: FeatureDefinition): def is CategoricalFeatureDefinition {
  return def.kind === 'categorical';
}
