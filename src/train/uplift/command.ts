/**
 * `tailor uplift`: the Hillstrom uplift experiment from the command line.
 *
 *   tailor uplift [--data DIR|FILE] [--seeds N] [--quick] [--out DIR]
 *
 * Reads `hillstrom.csv` from `--data` (default ../shared/data next to the
 * project), runs `runUpliftExperiment`, prints the tables and writes
 * `<out>/uplift-metrics.json` and `<out>/plots/qini.svg` (default out:
 * the project's models/).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, DEFAULT_OUT_DIR } from '../lib/paths';
import { createProgress } from '../lib/progress';
import { runUpliftExperiment } from './experiment';
import { DEFAULT_BOOSTING } from './lib/gradient-boosting';
import { FEATURE_NAMES, loadHillstrom } from './lib/hillstrom';
import { DEFAULT_LOGISTIC } from './lib/logistic-regression';
import { renderQiniSvg } from './lib/qini-svg';
import { formatReport, SKLIFT_REFERENCE_UPLIFT_AT_30 } from './lib/report-table';

/** File name of the Hillstrom data inside `--data`. */
export const HILLSTROM_FILE = 'hillstrom.csv';

const USAGE = `usage: tailor uplift [--data DIR|FILE] [--seeds N] [--quick] [--out DIR]
  --data   folder holding ${HILLSTROM_FILE}, or the CSV itself (default: ${DEFAULT_DATA_DIR})
  --seeds  number of random splits, 1-100 (default 5; 2 with --quick)
  --quick  fewer boosting rounds, for smoke tests
  --out    output folder (default: ${DEFAULT_OUT_DIR})`;

/** Runs the command; throws with a readable message on bad flags or data. */
export async function runUpliftCommand(argv: string[]): Promise<void> {
  const values = parseFlags(argv);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const quick = values.quick;
  const seeds = values.seeds === undefined ? (quick ? 2 : 5) : Number(values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100) {
    throw new Error(`'--seeds' passed to 'tailor uplift' must be an integer from 1 to 100; got ${JSON.stringify(values.seeds)}`);
  }
  const dataPath = await resolveDataFile(values.data === undefined ? DEFAULT_DATA_DIR : resolve(values.data));
  const outDir = values.out === undefined ? DEFAULT_OUT_DIR : resolve(values.out);

  const started = performance.now();
  const rows = await loadHillstrom(dataPath);
  process.stderr.write(`uplift: read ${rows.length} rows from ${dataPath}\n`);
  // Per seed: four two-arm models and one three-arm run.
  const progress = createProgress('uplift', seeds * 5);
  const result = runUpliftExperiment(rows, { seeds, quick, onProgress: (m) => progress.tick(1, m) });
  progress.finish();
  const runtimeSeconds = (performance.now() - started) / 1000;

  const metrics = {
    experiment: 'Hillstrom e-mail uplift (issue 5)',
    data: { file: HILLSTROM_FILE, rows: rows.length },
    options: { seeds, quick },
    setup: {
      twoArm: 'Womens E-Mail (treated) vs No E-Mail (control), target visit, 50/50 split stratified by treatment x visit, seeds 0..N-1',
      threeArm: 'Mens / Womens / No E-Mail, target visit, 50/50 split stratified by arm x visit; T-learner best-arm policy valued by IPS, SNIPS and DR with design propensities 1/3',
      metrics: 'uplift@30% = sklift uplift_at_k(strategy="overall", k=0.3); Qini = sklift qini_auc_score (negative_effect=True); AUUC = sklift uplift_auc_score',
      features: FEATURE_NAMES,
      gradientBoosting: quick ? { ...DEFAULT_BOOSTING, trees: 40, learningRate: 0.1 } : DEFAULT_BOOSTING,
      logisticRegression: DEFAULT_LOGISTIC,
    },
    reference: { skliftClassTransformationUpliftAt30: SKLIFT_REFERENCE_UPLIFT_AT_30 },
    twoArm: result.twoArm,
    threeArm: result.threeArm,
    runtimeSeconds: Number(runtimeSeconds.toFixed(1)),
  };
  await mkdir(join(outDir, 'plots'), { recursive: true });
  const metricsPath = join(outDir, 'uplift-metrics.json');
  const svgPath = join(outDir, 'plots', 'qini.svg');
  await writeFile(metricsPath, `${JSON.stringify(metrics, null, 2)}\n`);
  await writeFile(svgPath, renderQiniSvg(result.qiniCurves, 'Qini curves, Hillstrom Womens E-Mail vs none (visit), test half of seed 0'));

  process.stdout.write(formatReport(result, seeds));
  process.stdout.write(`wrote ${metricsPath} and ${svgPath} in ${runtimeSeconds.toFixed(1)} s\n`);
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        seeds: { type: 'string' },
        quick: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`, { cause: err });
  }
}

/** `--data` may name the folder holding hillstrom.csv or the CSV itself. */
async function resolveDataFile(path: string): Promise<string> {
  try {
    return (await stat(path)).isDirectory() ? join(path, HILLSTROM_FILE) : path;
  } catch (err) {
    throw new Error(`'--data' passed to 'tailor uplift' does not exist: ${path}`, { cause: err });
  }
}
