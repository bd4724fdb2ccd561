/**
 * `tailor evaluate`: stratified k-fold cross-validation of the whole training procedure, MLP and
 * GBDT baseline on the same folds. Writes mean ± sd of every figure to metrics.json, ROC/PR/
 * calibration plots of the pooled out-of-fold predictions, and the model card.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveSeed, mulberry32 } from '../../core/lib/random';
import { crossValidationSplits } from '../lib/split';
import { summarize, type Summary } from '../lib/summarize';
import { fitSplit } from '../pipeline/fitSplit';
import type { ClassifierScores } from '../pipeline/scoreClassifier';
import { SCORE_NAMES } from '../pipeline/scoreClassifier';
import { startUciRun, writeUciRunReport } from '../pipeline/uciRun';
import type { CrossValidationSection, SummaryScores } from '../report/metricsFile';
import { crossValidationTable, runtimeViewsTable } from '../report/metricTables';
import type { ViewScores } from '../pipeline/fitSplit';
import { RUNTIME_VIEWS } from '../pipeline/runtimeViews';
import { renderPlots } from '../report/plots';

/** Help text of `tailor evaluate`. */
export const EVALUATE_HELP = `Usage: tailor evaluate [options]

Cross-validates the purchase-model procedure and the GBDT baseline (5 stratified folds; 2 with
--quick) on online_shoppers_intention.csv; writes mean ± sd figures to metrics.json, roc.svg,
pr.svg and calibration.svg (pooled out-of-fold predictions) in plots/, and README.md to --out.`;

/** Mean ± sd per runtime view and model across folds. */
function summarizeViews(folds: readonly Readonly<Record<(typeof RUNTIME_VIEWS)[number], ViewScores>>[]): CrossValidationSection['runtimeViews'] {
  const of = (scores: readonly ClassifierScores[]) => Object.fromEntries(SCORE_NAMES.map((name) => [name, summarize(scores.map((s) => s[name]))])) as Record<keyof ClassifierScores, Summary>;
  return Object.fromEntries(RUNTIME_VIEWS.map((v) => [v, { mlp: of(folds.map((f) => f[v].mlp)), gbdt: of(folds.map((f) => f[v].gbdt)) }])) as CrossValidationSection['runtimeViews'];
}

function summarizeFolds(folds: readonly { scores: ClassifierScores; threshold: number }[]): SummaryScores {
  const entries = [...SCORE_NAMES, 'threshold' as const].map((name) => [
    name,
    summarize(folds.map((f) => (name === 'threshold' ? f.threshold : f.scores[name]))),
  ]);
  return Object.fromEntries(entries) as SummaryScores;
}

/** Runs `tailor evaluate` with the arguments after the subcommand. */
export async function runEvaluateCommand(argv: string[]): Promise<void> {
  // `evaluate --logged FILE --model DIR` values the offer policy on held-out logged offers (IPS, DR, % of oracle).
  if (argv.includes('--logged')) return (await import('../discount/evaluateCommand')).runEvaluatePolicyCommand(argv);
  const run = await startUciRun(argv, 'evaluate', EVALUATE_HELP);
  if (!run) return;
  const { options, config, data, started } = run;
  const splits = crossValidationSplits(data.labels, config.folds, config.validationFraction, mulberry32(deriveSeed(options.seed, 'cv-split')));
  const n = data.labels.length;
  const oof = { mlp: new Float32Array(n), gbdt: new Float32Array(n) };
  const folds: { mlp: { scores: ClassifierScores; threshold: number }; gbdt: { scores: ClassifierScores; threshold: number } }[] = [];
  const views: Readonly<Record<(typeof RUNTIME_VIEWS)[number], ViewScores>>[] = [];
  for (const [f, split] of splits.entries()) {
    const result = await fitSplit(data.records, data.labels, split, config, deriveSeed(options.seed, `fold${f}`), `fold ${f + 1}/${splits.length}`);
    result.mlp.model.dispose();
    split.test.forEach((row, k) => {
      oof.mlp[row] = result.mlp.testProbs[k]!;
      oof.gbdt[row] = result.gbdt.testProbs[k]!;
    });
    folds.push({ mlp: result.mlp, gbdt: result.gbdt });
    views.push(result.views);
  }

  const section: CrossValidationSection = {
    seed: options.seed,
    folds: config.folds,
    validationFraction: config.validationFraction,
    mlp: summarizeFolds(folds.map((f) => f.mlp)),
    gbdt: summarizeFolds(folds.map((f) => f.gbdt)),
    runtimeViews: summarizeViews(views),
    seconds: (Date.now() - started) / 1000,
  };
  const plotDir = join(options.outDir, 'plots');
  await mkdir(plotDir, { recursive: true });
  const plots = renderPlots(
    [
      { name: 'MLP', color: '#1f77b4', yTrue: data.labels, probs: oof.mlp },
      { name: 'GBDT', color: '#d62728', yTrue: data.labels, probs: oof.gbdt },
    ],
    `${config.folds}-fold out-of-fold`,
  );
  const plotPaths = await Promise.all(Object.entries(plots).map(async ([file, svg]) => {
    const path = join(plotDir, file);
    await writeFile(path, svg);
    return path;
  }));
  const { metricsPath, cardPath } = await writeUciRunReport(run, { crossValidation: section });

  process.stdout.write(`${crossValidationTable(section)}\n\n${runtimeViewsTable(section)}\n\n`);
  process.stdout.write(`wrote ${[...plotPaths, metricsPath, cardPath].join(', ')}\n`);
  process.stdout.write(`evaluate finished in ${section.seconds.toFixed(1)}s\n`);
}
