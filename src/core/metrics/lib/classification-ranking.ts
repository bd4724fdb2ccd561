/**
 * Shared machinery of the classification metrics: input validation and the descending ordering
 * by score with cumulative true/false positive counts at each distinct score. Every threshold
 * metric (ROC, PR, best-F1) reads off these counts, so ties are handled once, here: rows with
 * equal scores always switch from negative to positive prediction together.
 */

/** Cumulative counts at each distinct score, highest score first. */
export interface RankedCounts {
  /** Distinct scores, descending. Predicting "positive" for score >= thresholds[k] gives tp[k], fp[k]. */
  readonly thresholds: Float64Array;
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * Validates the two parallel arrays every classification metric takes.
 *
 * @param fn - name of the calling metric, used in error messages.
 * @param probabilities - whether scores must lie in [0, 1] (calibration metrics need it).
 */
export function validateBinaryInputs(
  fn: string,
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  probabilities = false,
): void {
  const n = yTrue.length;
  if (n === 0) throw new Error(`'yTrue' passed to '${fn}' must be non-empty`);
  if (scores.length !== n) {
    throw new Error(`'yTrue' and 'scores' passed to '${fn}' must have equal lengths; got ${n} and ${scores.length}`);
  }
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    if (y !== 0 && y !== 1) throw new Error(`'yTrue' passed to '${fn}' must contain only 0 and 1; index ${i} is ${String(y)}`);
    const s = scores[i] as number;
    if (!Number.isFinite(s) || (probabilities && (s < 0 || s > 1))) {
      throw new Error(`'scores' passed to '${fn}' must be finite${probabilities ? ' probabilities in [0, 1]' : ''}; index ${i} is ${s}`);
    }
  }
}

/** Sorts by score (descending) and accumulates tp/fp at the end of every run of equal scores. */
export function rankedCounts(yTrue: ArrayLike<number>, scores: ArrayLike<number>): RankedCounts {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const thresholds: number[] = [];
  const tp: number[] = [];
  const fp: number[] = [];
  let tpRun = 0;
  let fpRun = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (yTrue[i] === 1) tpRun++;
    else fpRun++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      thresholds.push(scores[i] as number);
      tp.push(tpRun);
      fp.push(fpRun);
    }
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tp: Float64Array.from(tp),
    fp: Float64Array.from(fp),
    positives: tpRun,
    negatives: fpRun,
  };
}

/** Throws unless both classes are present (ranking metrics are undefined otherwise). */
export function requireBothClasses(fn: string, counts: RankedCounts): void {
  if (counts.positives === 0 || counts.negatives === 0) {
    throw new Error(
      `'yTrue' passed to '${fn}' must contain both classes; got ${counts.positives} positives and ${counts.negatives} negatives`,
    );
  }
}
