/**
 * Stop-loss: is the learning policy as a whole significantly worse than showing nothing? Compared on the
 * released sums against the holdout (a random share of devices that never sees an offer, so the same mix of
 * shoppers): the margin per exposure of every non-holdout exposure, Σ purchases(t) × (margin − t), against the
 * holdout's purchases × margin, both per unit of order value (the measurement carries no order value; within a
 * shop the carts of the two groups are the same draw). When the policy's upper confidence bound is below the
 * holdout's level less a tolerance (2 % of it), the config falls back to no discount (with the exploration floor, so the loop still learns)
 * and the dashboard says so.
 */
import { cellCount, type CellSpec } from './contextCells';
import { sumBatches, type ReleasedBatch } from './aggregation';
import { HOLDOUT_ARM, LEARNING_TIERS, cellArmCounts, measurementLength } from './measurement';

/** The verdict, for the config and the dashboard. */
export interface StopLoss {
  active: boolean;
  /** Margin per exposure per unit of order value: the policy's and the holdout's (null without data). */
  policy: number | null;
  holdout: number | null;
  /** Standard error of policy − holdout (sampling and DP noise). */
  se: number | null;
  reason: string;
}

/** Knobs of the test. */
export interface StopLossSettings {
  /** One-sided z of the test (2.326: 1 %). */
  z: number;
  /** Holdout exposures below which no verdict is given. */
  minHoldoutExposures: number;
  /**
   * Loss tolerated, as a share of the holdout's margin per exposure: learning costs something while it explores,
   * and falling back at the first significant cent would stop it before it finds who responds. The product's
   * promise is "never more than 2 % of profit below no discount".
   */
  tolerance: number;
}

export const DEFAULT_STOP_LOSS: Readonly<StopLossSettings> = Object.freeze({ z: 2.326, minHoldoutExposures: 200, tolerance: 0.02 });

/** The stop-loss verdict over released batches. */
export function stopLossOf(spec: CellSpec, batches: readonly ReleasedBatch[], grossMargin: number, settings: StopLossSettings = DEFAULT_STOP_LOSS): StopLoss {
  if (!(grossMargin > 0 && grossMargin < 1)) throw new RangeError(`'grossMargin' passed to 'stopLossOf' must be in (0, 1), got ${String(grossMargin)}`);
  const cells = cellCount(spec);
  const { sums, noiseVariance } = sumBatches(batches, measurementLength(spec), 'stopLossOf', spec.version);
  let pe = 0;
  let value = 0;
  let square = 0;
  let noise = 0;
  let he = 0;
  let hp = 0;
  for (let c = 0; c < cells; c++) {
    LEARNING_TIERS.forEach((tier, t) => {
      const { exposures, purchases } = cellArmCounts(sums, c, t);
      const m = grossMargin - tier / 100;
      pe += exposures;
      value += purchases * m;
      square += purchases * m * m;
      noise += noiseVariance * m * m;
    });
    const h = cellArmCounts(sums, c, HOLDOUT_ARM);
    he += h.exposures;
    hp += h.purchases;
  }
  if (he < settings.minHoldoutExposures || pe < settings.minHoldoutExposures) {
    return { active: false, policy: null, holdout: null, se: null, reason: `not enough data yet (holdout exposures ${Math.max(0, Math.round(he))} of the ${settings.minHoldoutExposures} a verdict needs)` };
  }
  const vp = Math.max(0, value) / pe;
  const hRate = Math.min(1, Math.max(0, hp / he));
  const vh = hRate * grossMargin;
  const varP = Math.max(0, Math.max(0, square) / pe - vp * vp) / pe + noise / (pe * pe);
  const varH = (hRate * (1 - hRate) * grossMargin * grossMargin) / he + (cells * noiseVariance * grossMargin * grossMargin) / (he * he);
  const se = Math.sqrt(varP + varH);
  const active = vp - vh * (1 - settings.tolerance) + settings.z * se < 0;
  const fmt = (x: number) => (x * 100).toFixed(2);
  const reason = active
    ? `the policy earns ${fmt(vp)} % of order value per exposure against ${fmt(vh)} % for the holdout (significantly less, by more than the ${settings.tolerance * 100} % tolerated, z = ${settings.z}): serving no discount until it recovers`
    : `the policy earns ${fmt(vp)} % of order value per exposure, the holdout ${fmt(vh)} % (not significantly worse)`;
  return { active, policy: vp, holdout: vh, se, reason };
}
