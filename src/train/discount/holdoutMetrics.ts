/**
 * Test-fold figures of a saved discount-response model, computed through the runtime scoring
 * path (`scoreTiers`): discrimination and calibration at the logged tier, predicted vs observed
 * conversion per tier, and — when the log is simulated and its truth is known — how well the
 * predicted uplift P(buy | t) − P(buy | 0) matches the true one, per segment.
 */
import { brierScore, expectedCalibrationError, logLoss, rocAuc } from '../../core/metrics/classification';
import type { DiscountModel } from './discountModel';
import { scoreTiers } from './discountModel';
import type { LoggedData } from './loggedFormat';
import type { SimulationTruth } from './truth';
import { segmentOf, trueConversion } from './truth';

/** Predicted vs observed conversion of the test rows logged at one tier. */
export interface TierCalibration {
  readonly tier: number;
  readonly rows: number;
  readonly predicted: number;
  readonly observed: number;
}

/** Mean predicted vs true uplift over the test rows of one segment, per tier. */
export interface SegmentUplift {
  readonly segment: string;
  readonly rows: number;
  readonly tiers: readonly { readonly tier: number; readonly predicted: number; readonly truth: number }[];
}

/** Predicted vs true uplift on the test rows (simulated logs only). */
export interface UpliftCheck {
  readonly segments: readonly SegmentUplift[];
  /** Over every (row, tier > 0) pair. */
  readonly rmse: number;
  readonly correlation: number;
}

/** Everything `holdoutMetrics` measures. */
export interface HoldoutMetrics {
  readonly rows: number;
  readonly rocAuc: number;
  readonly logLoss: number;
  readonly ece: number;
  readonly brier: number;
  readonly perTier: readonly TierCalibration[];
  readonly uplift: UpliftCheck | null;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

function upliftCheck(model: DiscountModel, data: LoggedData, rows: Int32Array, scores: Float64Array, truth: SimulationTruth): UpliftCheck {
  const { levels } = model;
  const k = levels.length;
  const zero = levels.indexOf(0);
  const segments = truth.config.segments;
  const sums = segments.map(() => ({ rows: 0, predicted: new Float64Array(k), truth: new Float64Array(k) }));
  const predicted: number[] = [];
  const actual: number[] = [];
  let squared = 0;
  rows.forEach((index, r) => {
    const record = data.rows[index]!.record;
    const s = sums[segmentOf(segments, record)]!;
    s.rows++;
    const base = trueConversion(truth, record, 0);
    for (let t = 0; t < k; t++) {
      if (t === zero) continue;
      const p = scores[r * k + t]! - scores[r * k + zero]!;
      const u = trueConversion(truth, record, levels[t]!) - base;
      s.predicted[t]! += p;
      s.truth[t]! += u;
      predicted.push(p);
      actual.push(u);
      squared += (p - u) ** 2;
    }
  });
  return {
    segments: segments.map((rule, i) => {
      const s = sums[i]!;
      return {
        segment: rule.name,
        rows: s.rows,
        tiers: levels.flatMap((tier, t) => (t === zero || s.rows === 0 ? [] : [{ tier, predicted: s.predicted[t]! / s.rows, truth: s.truth[t]! / s.rows }])),
      };
    }),
    rmse: Math.sqrt(squared / Math.max(1, predicted.length)),
    correlation: pearson(predicted, actual),
  };
}

/** Scores the `rows` of `data` (the test fold) with `model`; `truth` adds the uplift check. */
export function holdoutMetrics(model: DiscountModel, data: LoggedData, rows: Int32Array, truth: SimulationTruth | null): HoldoutMetrics {
  const k = model.levels.length;
  const scores = scoreTiers(model, Array.from(rows, (i) => data.rows[i]!.record));
  const y = Array.from(rows, (i) => data.rows[i]!.converted);
  const p = Array.from(rows, (i, r) => scores[r * k + model.levels.indexOf(data.rows[i]!.tier)]!);
  const perTier = model.levels.map((tier) => {
    let n = 0;
    let sp = 0;
    let sy = 0;
    rows.forEach((i, r) => {
      if (data.rows[i]!.tier !== tier) return;
      n++;
      sp += p[r]!;
      sy += y[r]!;
    });
    return { tier, rows: n, predicted: n ? sp / n : NaN, observed: n ? sy / n : NaN };
  });
  return {
    rows: rows.length,
    rocAuc: rocAuc(y, p),
    logLoss: logLoss(y, p),
    ece: expectedCalibrationError(y, p),
    brier: brierScore(y, p),
    perTier,
    uplift: truth ? upliftCheck(model, data, rows, scores, truth) : null,
  };
}
