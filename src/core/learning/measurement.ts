/**
 * The measurement one report makes: a one-hot vector over (context cell × arm × outcome). The device computes
 * the index; an aggregator only ever adds such vectors up, so the server learns sums, never a report. One report
 * adds exactly 1 to exactly one entry, which is what bounds its sensitivity (L1 = L2 = 1 per report).
 *
 * The outcome is only "bought within the outcome window or not". Order values are not measured: the device
 * knows its own cart and multiplies by it when it decides, and the allocation does not depend on it (the
 * expected margin of every tier scales with the same cart).
 */
import { cellCount, type CellSpec } from './contextCells';

/** The arms of a measurement: the holdout, then every tier the loop may serve (0 = no discount). */
export const LEARNING_TIERS = [0, 5, 10, 15, 20] as const;
export type LearningTier = (typeof LEARNING_TIERS)[number];
export const HOLDOUT_ARM = LEARNING_TIERS.length;
const ARMS = LEARNING_TIERS.length + 1;
const OUTCOMES = 2;

/** Entries of the measurement vector under a spec. */
export function measurementLength(spec: CellSpec): number {
  return cellCount(spec) * ARMS * OUTCOMES;
}

/** Index of the arm of a tier, or of the holdout. */
export function armIndex(arm: LearningTier | 'holdout'): number {
  if (arm === 'holdout') return HOLDOUT_ARM;
  const i = LEARNING_TIERS.indexOf(arm);
  if (i < 0) throw new RangeError(`'arm' passed to 'armIndex' must be 'holdout' or one of ${LEARNING_TIERS.join(', ')}, got ${String(arm)}`);
  return i;
}

/** The one entry a report adds 1 to. */
export function measurementIndex(spec: CellSpec, cell: number, arm: LearningTier | 'holdout', bought: boolean): number {
  if (!Number.isInteger(cell) || cell < 0 || cell >= cellCount(spec)) throw new RangeError(`'cell' passed to 'measurementIndex' must be an integer in [0, ${cellCount(spec)}), got ${String(cell)}`);
  return (cell * ARMS + armIndex(arm)) * OUTCOMES + (bought ? 1 : 0);
}

/** Exposures and purchases of one (cell, arm), read from a summed (possibly noised) vector. */
export function cellArmCounts(sums: ArrayLike<number>, cell: number, arm: number): { exposures: number; purchases: number } {
  const base = (cell * ARMS + arm) * OUTCOMES;
  const notBought = sums[base]!;
  const bought = sums[base + 1]!;
  return { exposures: notBought + bought, purchases: bought };
}
