/**
 * `tailor train`: fits the purchase model on one stratified train/validation/test split of the
 * UCI data and writes the artifacts the runtime loads (tfjs model, bundle.json), the held-out
 * figures (metrics.json) and the model card.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveSeed, mulberry32 } from '../../core/lib/random';
import { layersModelWeightPaths, parseLayersModel } from '../../core/model/layersModel';
import { mlpForward } from '../../core/model/mlp';
import { VERSION } from '../../core/version';
import { stratifiedSplit } from '../lib/split';
import { MODEL_FILE, saveLayersModel } from '../mlp/saveLayersModel';
import { buildModelBundle } from '../pipeline/buildModelBundle';
import { fitSplit } from '../pipeline/fitSplit';
import { startUciRun, writeUciRunReport } from '../pipeline/uciRun';
import type { HoldoutSection } from '../report/metricsFile';
import { holdoutTable, holdoutViewsTable } from '../report/metricTables';

/** Help text of `tailor train`. */
export const TRAIN_HELP = `Usage: tailor train [options]

Trains the purchase model (MLP, class-weighted, early-stopped, Platt-calibrated, threshold chosen
on validation) and the GBDT baseline on one stratified 60/20/20 split of online_shoppers_intention.csv,
then writes model.json + group1-shard1of1.bin, bundle.json, metrics.json and README.md to --out.`;

/** Largest |a - b| over two equally long arrays. */
function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Reloads the saved model with the pure-TS loader and compares it with tfjs on the test rows. */
async function parityCheck(outDir: string, testX: Float32Array, rows: number, tfjsProbs: Float32Array): Promise<number> {
  const modelJson: unknown = JSON.parse(await readFile(join(outDir, MODEL_FILE), 'utf8'));
  const shards = await Promise.all(layersModelWeightPaths(modelJson).map(async (path) => {
    const bytes = await readFile(join(outDir, path));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }));
  const diff = maxAbsDiff(mlpForward(parseLayersModel(modelJson, shards), testX, rows), tfjsProbs);
  if (!(diff < 1e-4)) throw new Error(`tailor train: the saved model disagrees with tfjs by ${diff} on the test rows; not shipping it`);
  return diff;
}

/** Runs `tailor train` with the arguments after the subcommand. */
export async function runTrainCommand(argv: string[]): Promise<void> {
  // `train --logged FILE` trains the discount-response model from logged randomized offers.
  if (argv.includes('--logged')) return (await import('../discount/trainCommand')).runTrainLoggedCommand(argv);
  const run = await startUciRun(argv, 'train', TRAIN_HELP);
  if (!run) return;
  const { options, config, data, started } = run;
  const split = stratifiedSplit(
    data.labels,
    { validation: config.validationFraction, test: config.testFraction },
    mulberry32(deriveSeed(options.seed, 'holdout-split')),
  );
  const result = await fitSplit(data.records, data.labels, split, config, options.seed, 'train');
  await mkdir(options.outDir, { recursive: true });
  const written = await saveLayersModel(result.mlp.model, options.outDir);
  const parity = await parityCheck(options.outDir, result.test.x, result.test.rows, result.mlp.rawTestProbs);
  result.mlp.model.dispose();

  const rows = { train: split.train.length, validation: split.validation.length, test: split.test.length };
  const bundle = buildModelBundle({
    kind: 'purchase',
    treatment: null,
    stats: result.stats,
    calibration: result.mlp.calibration,
    threshold: result.mlp.threshold,
    training: {
      dataset: 'UCI Online Shoppers Purchasing Intention (online_shoppers_intention.csv)',
      dataSha256: data.sha256,
      rows,
      seed: options.seed,
      tailorVersion: VERSION,
    },
  });
  const bundlePath = join(options.outDir, 'bundle.json');
  await writeFile(bundlePath, `${JSON.stringify(bundle, null, 2)}\n`);

  const holdout: HoldoutSection = {
    seed: options.seed,
    rows,
    positiveWeight: result.positiveWeight,
    mlp: {
      scores: result.mlp.scores,
      threshold: result.mlp.threshold,
      calibration: result.mlp.calibration,
      detail: `best epoch ${result.mlp.bestEpoch + 1} of ${result.mlp.epochs}`,
    },
    gbdt: {
      scores: result.gbdt.scores,
      threshold: result.gbdt.threshold,
      calibration: result.gbdt.calibration,
      detail: `${result.gbdt.trees} trees`,
    },
    parityMaxAbsDiff: parity,
    runtimeViews: result.views,
    seconds: (Date.now() - started) / 1000,
  };
  const { metricsPath, cardPath } = await writeUciRunReport(run, { holdout });

  process.stdout.write(`${holdoutTable(holdout)}\n\n${holdoutViewsTable(holdout)}\n\n`);
  process.stdout.write(`parity (plain-JS forward vs tfjs, max |Δp|): ${parity.toExponential(2)}\n`);
  process.stdout.write(`wrote ${[...written, bundlePath, metricsPath, cardPath].join(', ')}\n`);
  process.stdout.write(`train finished in ${holdout.seconds.toFixed(1)}s\n`);
}
