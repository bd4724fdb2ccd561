/**
 * Central DP over batches of measurements, behind one interface: the learning code only ever sees what
 * `release` returns, the noised sums of a whole batch. This file is the ideal functionality ("sum, then add
 * noise") that a trusted aggregator computes; the two-aggregator secure version (Prio3, each aggregator adding
 * its share of the noise) implements the same interface, and nothing that learns changes.
 *
 * Guarantee. A device sends at most `reportsPerDeviceWeek` reports in a week and each adds 1 to one entry, so
 * in the worst case (all in one entry of one batch) the L2 norm of its contribution is that bound. Each batch is
 * released exactly once with discrete Gaussian noise of σ = discreteGaussianSigmaFor(ε, δ, bound) on every
 * entry, which makes everything released about one device's week (ε, δ)-DP (zCDP, summed over the batches its
 * reports fall in, stays within ρ(bound)). A batch whose noised total is under k is withheld; the test is on
 * the noised total, not the exact count, so the threshold itself reveals nothing the noise does not cover.
 */
import { discreteGaussianEpsilon, discreteGaussianSigmaFor, noiseCounts, type UniformSource } from '../privacy/discreteNoise';

/** The privacy parameters of the central channel. */
export interface CentralDpSettings {
  /** ε per device per week. */
  epsilon: number;
  /** δ per device per week. */
  delta: number;
  /** Reports a device may send in a week (enforced on the device). */
  reportsPerDeviceWeek: number;
  /** Smallest batch ever released. */
  k: number;
}

/** Defaults: ε = 1, δ = 1e-9 per device per week, one report a week, k = 50. */
export const DEFAULT_CENTRAL_DP: Readonly<CentralDpSettings> = Object.freeze({ epsilon: 1, delta: 1e-9, reportsPerDeviceWeek: 1, k: 50 });

/** A released batch. */
export interface ReleasedBatch {
  readonly batch: number;
  /** Noised sums per entry (may be negative: clamping would bias sums). */
  readonly sums: readonly number[];
  /** Reports in the batch as the noised sums tell it (their total): post-processing, so it costs no privacy. */
  readonly reports: number;
  /** Noise SD on every entry. */
  readonly sigma: number;
}

/** What any aggregation (ideal or cryptographic) offers the learning code. */
export interface Aggregation {
  /** Adds one report's measurement (the index of its one entry) to a batch. */
  submit(batch: number, index: number): void;
  /** Releases a batch once; null when its noised total is under k (it stays closed either way). */
  release(batch: number): ReleasedBatch | null;
}

/**
 * The released batches summed entry by entry, with the noise variance of every entry of the sum (the batches'
 * σ² added up). `length` is what the caller's spec needs; a batch of another length is refused, naming `fn`.
 */
export function sumBatches(batches: readonly ReleasedBatch[], length: number, fn: string, specVersion: string): { sums: Float64Array; noiseVariance: number } {
  const sums = new Float64Array(length);
  let noiseVariance = 0;
  for (const b of batches) {
    if (b.sums.length !== length) throw new RangeError(`'batches' passed to '${fn}': batch ${b.batch} has ${b.sums.length} entries; spec ${specVersion} needs ${length}`);
    b.sums.forEach((x, i) => (sums[i]! += x));
    noiseVariance += b.sigma * b.sigma;
  }
  return { sums, noiseVariance };
}

/** σ of the per-entry noise the settings call for. */
export function centralSigma(settings: CentralDpSettings): number {
  return discreteGaussianSigmaFor(settings.epsilon, settings.delta, settings.reportsPerDeviceWeek);
}

/** The ε per device per week that σ and the bound give (≤ settings.epsilon). */
export function centralEpsilon(settings: CentralDpSettings): number {
  return discreteGaussianEpsilon(centralSigma(settings), settings.delta, settings.reportsPerDeviceWeek);
}

/**
 * Releases one batch from its exact sums: discrete Gaussian noise on every entry, then the k-threshold on the
 * noised total. The one place noise is added, for the in-memory aggregation below and for the collector's
 * persisted batches alike; the caller must release a batch once and forget its exact sums.
 */
export function releaseSums(batch: number, exact: readonly number[], settings: CentralDpSettings, source: UniformSource): ReleasedBatch | null {
  const sigma = centralSigma(settings);
  const sums = noiseCounts(exact, { kind: 'gaussian', sigma }, source);
  const reports = sums.reduce((a, x) => a + x, 0);
  return reports < settings.k ? null : { batch, sums, reports, sigma };
}

/** The ideal functionality: exact sums, discrete Gaussian noise once per batch, k-threshold. */
export function createIdealAggregation(length: number, settings: CentralDpSettings, source: UniformSource): Aggregation {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`'length' passed to 'createIdealAggregation' must be a positive integer, got ${String(length)}`);
  if (!Number.isInteger(settings.reportsPerDeviceWeek) || settings.reportsPerDeviceWeek < 1) {
    throw new RangeError(`'settings.reportsPerDeviceWeek' passed to 'createIdealAggregation' must be a positive integer, got ${String(settings.reportsPerDeviceWeek)}`);
  }
  const open = new Map<number, number[]>();
  const released = new Set<number>();
  return {
    submit(batch, index) {
      if (released.has(batch)) throw new RangeError(`'batch' passed to 'submit': batch ${batch} was already released; a report cannot join it`);
      if (!Number.isInteger(index) || index < 0 || index >= length) throw new RangeError(`'index' passed to 'submit' must be an integer in [0, ${length}), got ${String(index)}`);
      let sums = open.get(batch);
      if (!sums) open.set(batch, (sums = new Array<number>(length).fill(0)));
      sums[index]! += 1;
    },
    release(batch) {
      if (released.has(batch)) throw new RangeError(`'batch' passed to 'release': batch ${batch} was already released; a batch is released once`);
      released.add(batch);
      const b = open.get(batch);
      open.delete(batch);
      return releaseSums(batch, b ?? new Array<number>(length).fill(0), settings, source);
    },
  };
}
