/** Local differential privacy: the report, randomized response, estimators, k-threshold, budget, policy update. */
export * from './report';
export { DEFAULT_EPSILON, fieldEpsilon, grrChannel, newIdempotencyKey, outcomeCategories, privatizeReport, randomizeCategory, type GrrChannel, type PrivatizeOptions, type TrueOutcome } from './randomizedResponse';
export { Z95, difference, frequencyEstimates, linearEstimate, linearVariance, scale, toInterval, type ChannelTally, type Interval, type PointEstimate } from './estimate';
export { countCells, emptyTally, poolTallies, reportCells, tallyRows, type CountRow, type GroupTally } from './tally';
export { DEFAULT_BUCKET_VALUES, armEconomics, armMetrics, versusHoldout, type ArmEconomics, type ArmMetrics, type VersusHoldout } from './armEstimates';
export { DEFAULT_K, complementSafe, kThreshold, passesK, type Suppressed } from './kThreshold';
export * from './budget';
export { POLICY_TIERS, policyTiers, updatePolicy, type MeasuredArms, type PolicyContent, type PolicySnapshot, type PolicyUpdateInput } from './policyUpdate';
export { cryptoBytes, cryptoRng, type RandomSource } from './lib/cryptoRandom';
export { canonicalJson, contentHash, fnv1a64 } from './lib/contentHash';
export { DEFAULT_ESTIMATE_SETTINGS, measuredArms, type EstimateSettings } from './measuredArms';
export { MAX_NOISE_SCALE, cryptoUniformSource, discreteGaussian, discreteGaussianEpsilon, discreteGaussianSigmaFor, discreteLaplace, discreteLaplaceScaleFor, noiseCounts, sampleBernoulliExp, sampleDiscreteGaussian, sampleDiscreteLaplace, uniformSourceFromRng, wordSource, type NoiseMechanism, type UniformSource } from './discreteNoise';
