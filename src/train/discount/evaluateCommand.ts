/**
 * `tailor evaluate-policy`: values the learned offer policy and the baselines on held-out logged
 * offers (IPS, SNIPS, DR with standard errors; exact values when the simulation truth is known),
 * prints the table, and records it in the model folder's metrics.json and model card.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseFlags, requiredFlag } from './lib/flags';
import { policyTable } from './lib/cardTables';
import { policyFromFlag } from './decideCommand';
import { readDiscountMetrics, writeDiscountMetrics } from './discountMetrics';
import { loadDiscountModel } from './discountModel';
import { evaluatePolicies } from './evaluatePolicy';
import { writeDiscountCard } from './modelCard';
import { readLoggedCsv } from './readLogged';
import { readTruth, truthPathFor } from './truth';

/** Help text of `tailor evaluate-policy`. */
export const EVALUATE_POLICY_HELP = `Usage: tailor evaluate-policy --model DIR --logged HELD_OUT.csv [options]

Off-policy evaluation on logged randomized offers the model was NOT trained on. Value per shopper
= converted × cart_value × (gross margin − tier/100). Policies: the learned one (model + runtime
decide, exploration and holdout off), no discount, blanket 10 %, abandoned cart → 10 %
(ProductRelated ≥ 10 and PageValues = 0), uniform random, and with a truth file the oracle.
Estimates: IPS, SNIPS and doubly robust (reward model = this model), each with its standard error,
and the paired DR gain over no discount; with the truth, exact values and the learned policy's
share of the oracle's incremental profit. Results go into DIR/metrics.json and DIR/README.md.

Options:
  --model <dir>         discount-response model folder (required)
  --logged <file.csv>   held-out logged offers (required)
  --truth <file.json>   simulation truth (default: <file>.truth.json next to --logged, when it exists)
  --config <file.json>  merchant policy over the defaults (parsePolicyConfig)
  --no-write            print only; leave metrics.json and README.md untouched
  -h, --help            show this help`;

/** Runs `tailor evaluate-policy` with the arguments after the subcommand. */
export async function runEvaluatePolicyCommand(argv: string[]): Promise<void> {
  const command = 'evaluate-policy';
  const values = parseFlags(argv, command, {
    model: { type: 'string' }, logged: { type: 'string' }, truth: { type: 'string' }, config: { type: 'string' }, 'no-write': { type: 'boolean' },
  }, EVALUATE_POLICY_HELP);
  if (!values) return;
  const modelDir = resolve(requiredFlag(values, 'model', command));
  const loggedPath = resolve(requiredFlag(values, 'logged', command));
  const truthPath = typeof values.truth === 'string' ? resolve(values.truth) : existsSync(truthPathFor(loggedPath)) ? truthPathFor(loggedPath) : null;
  const config = await policyFromFlag(values.config as string | undefined, command);
  const write = values['no-write'] !== true;

  const model = await loadDiscountModel(modelDir);
  const metrics = write ? await readDiscountMetrics(modelDir) : null;
  const data = await readLoggedCsv(loggedPath);
  if (data.sha256 === model.bundle.training.dataSha256) {
    throw new Error(`tailor ${command}: ${loggedPath} is the file the model was trained on; evaluate on held-out logs (e.g. simulate-data --sessions holdout --seed 2)`);
  }
  const truth = truthPath ? await readTruth(truthPath) : null;
  const started = performance.now();
  const evaluation = evaluatePolicies(model, data, config, truth, { file: basename(loggedPath), truthFile: truthPath ? basename(truthPath) : null });

  process.stdout.write(`${policyTable(evaluation)}\n\n`);
  process.stdout.write(`value = expected margin per shopper (cart_value basis, gross margin ${evaluation.grossMargin}); ${data.rows.length} logged rows; ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
  if (evaluation.learnedPercentOfOracleGain !== null) {
    process.stdout.write(`learned policy: ${evaluation.learnedPercentOfOracleGain.toFixed(1)} % of the oracle's incremental profit over no discount (exact)`
      + `${evaluation.runtimePercentOfOracleGain !== null ? `; ${evaluation.runtimePercentOfOracleGain.toFixed(1)} % on a device without a page-value table` : ''}\n`);
  }
  if (metrics) {
    const updated = { ...metrics, policyEvaluation: evaluation };
    const paths = [await writeDiscountMetrics(modelDir, updated), await writeDiscountCard(modelDir, updated)];
    process.stdout.write(`wrote ${paths.join(', ')}\n`);
  }
}
