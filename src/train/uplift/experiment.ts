/**
 * The Hillstrom uplift experiment, independent of files and flags:
 *
 * 1. Two arms (Womens E-Mail = treated, No E-Mail = control), target `visit`;
 *    per seed a 50/50 split stratified by treatment × visit; four models
 *    (class transformation and two-model, each with gradient boosting and
 *    logistic regression) fitted on the train half and scored on the test
 *    half with uplift@30% (sklift 'overall'), Qini coefficient and AUUC.
 * 2. Three arms, target `visit`; per seed a 50/50 split stratified by
 *    arm × visit; a T-learner's best-arm policy against fixed policies,
 *    valued off-policy (see `lib/three-arm.ts`).
 */
import { qiniAucScore, qiniCurve, upliftAtK, upliftAucScore } from '../../core/metrics/uplift';
import type { ClassifierFitter } from './lib/classifier';
import { gradientBoosting } from './lib/gradient-boosting';
import type { HillstromRow } from './lib/hillstrom';
import { ARMS, encodeFeatures } from './lib/hillstrom';
import { logisticRegression } from './lib/logistic-regression';
import { selectRows, selectValues } from './lib/matrix';
import { stratifiedHalfSplit } from './lib/stratified-split';
import type { SeedSummary } from './lib/summary';
import { summarise } from './lib/summary';
import type { ThreeArmPolicy, ThreeArmResult } from './lib/three-arm';
import { runThreeArm, THREE_ARM_POLICIES } from './lib/three-arm';
import { fitClassTransformation, fitTwoModel } from './lib/uplift-learners';

/** Options of {@link runUpliftExperiment}. */
export interface ExperimentOptions {
  /** Seeds 0 … seeds−1; each gives its own split and model randomness. */
  readonly seeds: number;
  /** Fewer boosting rounds, for smoke tests. */
  readonly quick: boolean;
  /** Called with a short status line as work progresses. */
  readonly onProgress?: (message: string) => void;
}

/** Two-arm metrics of one model over seeds. */
export interface TwoArmModelResult {
  readonly upliftAt30: SeedSummary;
  readonly qini: SeedSummary;
  readonly auuc: SeedSummary;
}

/** A Qini curve for plotting (seed 0's test half). */
export interface LabelledCurve {
  readonly label: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Everything the command reports. */
export interface ExperimentResult {
  readonly twoArm: { readonly rows: number; readonly testRows: number; readonly models: Record<string, TwoArmModelResult> };
  readonly qiniCurves: readonly LabelledCurve[];
  readonly threeArm: {
    readonly rows: number;
    readonly testRows: number;
    readonly policies: Record<ThreeArmPolicy, { readonly ips: SeedSummary; readonly snips: SeedSummary; readonly dr: SeedSummary; readonly meanIpsSe: number }>;
    readonly assignmentShare: Record<(typeof ARMS)[number], SeedSummary>;
    /** Paired DR difference learned − all-mens: its value over seeds, and the mean within-seed standard error. */
    readonly learnedMinusAllMens: { readonly dr: SeedSummary; readonly meanSe: number };
  };
}

/** Both meta-learners share one signature. */
type Fit = typeof fitTwoModel;

/** Runs both parts of the experiment on parsed Hillstrom rows. */
export function runUpliftExperiment(rows: readonly HillstromRow[], options: ExperimentOptions): ExperimentResult {
  const { seeds, quick } = options;
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`'options.seeds' passed to 'runUpliftExperiment' must be a positive integer; got ${seeds}`);
  const progress = options.onProgress ?? (() => {});
  const boosting = gradientBoosting(quick ? { trees: 40, learningRate: 0.1 } : {});
  const learners: [string, Fit, ClassifierFitter][] = [
    ['class transformation + GBDT', fitClassTransformation, boosting],
    ['class transformation + logistic', fitClassTransformation, logisticRegression()],
    ['two-model + GBDT', fitTwoModel, boosting],
    ['two-model + logistic', fitTwoModel, logisticRegression()],
  ];

  const x = encodeFeatures(rows);
  const womens = ARMS.indexOf('Womens E-Mail');
  const none = ARMS.indexOf('No E-Mail');
  const twoArmRows = rows.flatMap((r, i) => (r.arm === womens || r.arm === none ? [i] : []));
  if (twoArmRows.length < 4) throw new Error(`'rows' passed to 'runUpliftExperiment' hold ${twoArmRows.length} Womens/No E-Mail rows; need at least 4`);
  const x2 = selectRows(x, twoArmRows);
  const y2 = Float64Array.from(twoArmRows, (i) => (rows[i] as HillstromRow).visit);
  const w2 = Float64Array.from(twoArmRows, (i) => ((rows[i] as HillstromRow).arm === womens ? 1 : 0));

  const perModel = new Map(learners.map(([label]) => [label, { u30: [] as number[], qini: [] as number[], auuc: [] as number[] }]));
  const qiniCurves: LabelledCurve[] = [];
  let testRows2 = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const split = stratifiedHalfSplit(w2.map((w, i) => 2 * w + (y2[i] as number)), seed);
    testRows2 = split.test.length;
    const [trX, teX] = [selectRows(x2, split.train), selectRows(x2, split.test)];
    const [trY, teY] = [selectValues(y2, split.train), selectValues(y2, split.test)];
    const [trW, teW] = [selectValues(w2, split.train), selectValues(w2, split.test)];
    for (const [label, fitUplift, fitter] of learners) {
      const score = fitUplift(fitter, trX, trY, trW, 1000 * seed)(teX);
      const m = perModel.get(label) as { u30: number[]; qini: number[]; auuc: number[] };
      m.u30.push(upliftAtK(teY, score, teW, 0.3));
      m.qini.push(qiniAucScore(teY, score, teW));
      m.auuc.push(upliftAucScore(teY, score, teW));
      if (seed === 0) qiniCurves.push({ label, ...qiniCurve(teY, score, teW) });
      progress(`seed ${seed}: ${label}: uplift@30% ${(m.u30.at(-1) as number).toFixed(4)}`);
    }
  }
  const models = Object.fromEntries(
    [...perModel].map(([label, m]) => [label, { upliftAt30: summarise(m.u30), qini: summarise(m.qini), auuc: summarise(m.auuc) }]),
  );

  const arm = Float64Array.from(rows, (r) => r.arm);
  const visit = Float64Array.from(rows, (r) => r.visit);
  const threeArmRuns: ThreeArmResult[] = [];
  let testRows3 = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const split = stratifiedHalfSplit(arm.map((a, i) => 2 * a + (visit[i] as number)), seed);
    testRows3 = split.test.length;
    const run = runThreeArm(x, arm, visit, split, boosting, 1000 * seed);
    threeArmRuns.push(run);
    progress(`seed ${seed}: three-arm learned policy IPS ${run.values.learned.ips.value.toFixed(4)}`);
  }
  const policies = Object.fromEntries(
    THREE_ARM_POLICIES.map((p) => {
      const v = threeArmRuns.map((r) => r.values[p]);
      return [
        p,
        {
          ips: summarise(v.map((e) => e.ips.value)),
          snips: summarise(v.map((e) => e.snips.value)),
          dr: summarise(v.map((e) => e.dr.value)),
          meanIpsSe: v.reduce((s, e) => s + e.ips.standardError, 0) / v.length,
        },
      ];
    }),
  ) as ExperimentResult['threeArm']['policies'];
  const assignmentShare = Object.fromEntries(
    ARMS.map((name, a) => [name, summarise(threeArmRuns.map((r) => r.assignmentShare[a] as number))]),
  ) as ExperimentResult['threeArm']['assignmentShare'];
  const learnedMinusAllMens = {
    dr: summarise(threeArmRuns.map((r) => r.learnedMinusAllMens.value)),
    meanSe: threeArmRuns.reduce((s, r) => s + r.learnedMinusAllMens.standardError, 0) / threeArmRuns.length,
  };
  return {
    twoArm: { rows: twoArmRows.length, testRows: testRows2, models },
    qiniCurves,
    threeArm: { rows: rows.length, testRows: testRows3, policies, assignmentShare, learnedMinusAllMens },
  };
}
