/**
 * `tailor train-logged` (= `tailor train --logged`): trains the discount-response model on a
 * logged randomized-offer CSV and writes model.json + weights, bundle.json, metrics.json and the
 * model card to --out.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { FEATURE_SPEC } from '../../core/features/spec';
import { applyCalibration } from '../../core/model/calibration';
import type { TreatmentInput } from '../../core/model/treatment';
import { VERSION } from '../../core/version';
import { saveLayersModel } from '../mlp/saveLayersModel';
import { buildModelBundle } from '../pipeline/buildModelBundle';
import { integerFlag, parseFlags, requiredFlag } from './lib/flags';
import { holdoutTable, perTierTable, upliftTable } from './lib/cardTables';
import type { DiscountMetricsFile } from './discountMetrics';
import { DISCOUNT_METRICS_FORMAT, writeDiscountMetrics } from './discountMetrics';
import { loadDiscountModel, scoreTiers } from './discountModel';
import { discountTrainingConfig, fitDiscountModel } from './fitDiscountModel';
import { holdoutMetrics } from './holdoutMetrics';
import { writeDiscountCard } from './modelCard';
import { readLoggedCsv } from './readLogged';
import { readTruth, truthPathFor } from './truth';

/** Help text of `tailor train-logged`. */
export const TRAIN_LOGGED_HELP = `Usage: tailor train-logged --logged FILE.csv --out DIR [options]
       (also: tailor train --logged FILE.csv --out DIR)

Trains the discount-response model (MLP on [features…, tier encoding] → P(buy), early-stopped,
Platt-calibrated) on logged randomized offers (format: src/train/discount/README.md), on a
60/20/20 split stratified by tier × converted, and writes model.json + group1-shard1of1.bin,
bundle.json (kind 'discount-response'), metrics.json and README.md to --out.

Options:
  --logged <file.csv>   logged offers (required)
  --out <dir>           output folder (required)
  --truth <file.json>   simulation truth, for the predicted-vs-true uplift check
                        (default: <file>.truth.json next to --logged, when it exists)
  --encoding <kind>     onehot | numeric treatment input (default: onehot)
  --seed <n>            seed of the split, initialisation and shuffling (default: 1)
  --quick               a few epochs: a smoke test for CI, not the published figures
  -h, --help            show this help`;

/** Runs `tailor train-logged` with the arguments after the subcommand. */
export async function runTrainLoggedCommand(argv: string[]): Promise<void> {
  const command = 'train-logged';
  const values = parseFlags(argv, command, {
    logged: { type: 'string' }, out: { type: 'string' }, truth: { type: 'string' }, encoding: { type: 'string' }, seed: { type: 'string' }, quick: { type: 'boolean' },
  }, TRAIN_LOGGED_HELP);
  if (!values) return;
  const loggedPath = resolve(requiredFlag(values, 'logged', command));
  const outDir = resolve(requiredFlag(values, 'out', command));
  const seed = integerFlag(values, 'seed', command, 1, 0, Number.MAX_SAFE_INTEGER);
  const encoding = (values.encoding ?? 'onehot') as TreatmentInput['encoding'];
  if (encoding !== 'onehot' && encoding !== 'numeric') throw new Error(`tailor ${command}: '--encoding' must be onehot or numeric, got '${String(values.encoding)}'`);
  const truthPath = typeof values.truth === 'string' ? resolve(values.truth) : existsSync(truthPathFor(loggedPath)) ? truthPathFor(loggedPath) : null;

  const started = Date.now();
  const data = await readLoggedCsv(loggedPath);
  const truth = truthPath ? await readTruth(truthPath) : null;
  const config = discountTrainingConfig(seed, values.quick === true, encoding);
  process.stderr.write(`train-logged: ${data.rows.length} rows, tiers ${data.tiers.join(', ')} %${truth ? `, truth ${truthPath}` : ''}\n`);
  const fitted = await fitDiscountModel(data, config);

  await mkdir(outDir, { recursive: true });
  const written = await saveLayersModel(fitted.model, outDir);
  fitted.model.dispose();
  const rows = { train: fitted.split.train.length, validation: fitted.split.validation.length, test: fitted.split.test.length };
  const bundle = buildModelBundle({
    kind: 'discount-response',
    treatment: fitted.treatment,
    stats: fitted.stats,
    calibration: fitted.calibration,
    threshold: fitted.threshold,
    training: {
      dataset: `logged offers ${basename(loggedPath)}${truth ? ' (tailor simulate-data: real UCI sessions, simulated discount response)' : ''}`,
      dataSha256: data.sha256,
      rows,
      seed,
      tailorVersion: VERSION,
    },
  });
  const bundlePath = join(outDir, 'bundle.json');
  await writeFile(bundlePath, `${JSON.stringify(bundle, null, 2)}\n`);

  // Re-read what was written, the way the runtime does, and check it against tfjs before scoring with it.
  const model = await loadDiscountModel(outDir);
  const k = model.levels.length;
  const testRecords = Array.from(fitted.split.test, (i) => data.rows[i]!.record);
  const runtime = scoreTiers(model, testRecords);
  let parity = 0;
  fitted.split.test.forEach((i, r) => {
    const tfjs = applyCalibration(fitted.calibration, fitted.test.rawProbs[r]!);
    parity = Math.max(parity, Math.abs(runtime[r * k + model.levels.indexOf(data.rows[i]!.tier)]! - tfjs));
  });
  if (!(parity < 1e-4)) throw new Error(`tailor ${command}: the saved model disagrees with tfjs by ${parity} on the test rows; not shipping it`);
  const test = holdoutMetrics(model, data, fitted.split.test, truth);

  const metrics: DiscountMetricsFile = {
    format: DISCOUNT_METRICS_FORMAT,
    formatVersion: 1,
    featureSpecVersion: FEATURE_SPEC.version,
    data: { file: basename(loggedPath), sha256: data.sha256, rows: data.rows.length, tiers: data.tiers, truthFile: truthPath ? basename(truthPath) : null },
    training: {
      config,
      treatment: fitted.treatment,
      inputs: bundle.inputColumns.length,
      epochs: fitted.epochs,
      bestEpoch: fitted.bestEpoch,
      bestValidationLoss: fitted.bestValidationLoss,
      calibration: fitted.calibration,
      parityMaxAbsDiff: parity,
      seconds: (Date.now() - started) / 1000,
    },
    split: rows,
    test,
    policyEvaluation: null,
  };
  const metricsFile = await writeDiscountMetrics(outDir, metrics);
  const card = await writeDiscountCard(outDir, metrics);

  process.stdout.write(`${holdoutTable(test)}\n\n${perTierTable(test)}\n\n`);
  const uplift = upliftTable(test);
  if (uplift) process.stdout.write(`${uplift}\n(uplift RMSE ${(test.uplift!.rmse * 100).toFixed(2)} pts, correlation ${test.uplift!.correlation.toFixed(3)})\n\n`);
  process.stdout.write(`parity (plain-JS forward vs tfjs, max |Δp|): ${parity.toExponential(2)}\n`);
  process.stdout.write(`wrote ${[...written, bundlePath, metricsFile, card].join(', ')}\n`);
  process.stdout.write(`train-logged finished in ${metrics.training.seconds.toFixed(1)}s\n`);
}
