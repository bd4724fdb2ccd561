/**
 * `tailor decide`: runs the offer policy offline over a CSV of decision points and writes one
 * decision per input row, in input order, with the model's P(buy) and the expected margin of
 * every tier.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { PolicyConfig } from '../../core/policy';
import { parsePolicyConfig } from '../../core/policy';
import { csvText } from './lib/csvText';
import { parseFlags, readJsonFlag, requiredFlag } from './lib/flags';
import { decideFromScores } from './decideRows';
import { loadDiscountModel, scoreTiers } from './discountModel';
import { readDecisionCsv } from './readLogged';

/** Help text of `tailor decide`. */
export const DECIDE_HELP = `Usage: tailor decide --model DIR --input rows.csv --out decisions.csv [--config policy.json]

Scores every input row with the discount-response model in DIR (vectorizer → plain-JS forward pass
→ calibration, as in the browser) and applies the runtime offer policy (core/policy decide) with
exploration and holdout off. Input: the logged-offer format (feature columns + cart_value; tier,
propensity, converted and order_value are ignored). Output, one row per input row, in order:
tier, kind, order_value, p_<tier> for every model tier, margin_<tier> (expected margin, empty for
tiers the policy may not offer).

Options:
  --model <dir>        folder with bundle.json of kind 'discount-response' (required)
  --input <file.csv>   decision points (required)
  --out <file.csv>     decisions (required)
  --config <file.json> merchant policy over the defaults (tiers 5/10/15/20, gross margin 40 %),
                       validated by parsePolicyConfig
  -h, --help           show this help`;

/** Reads `--config` into a validated policy (the defaults without it). */
export async function policyFromFlag(path: string | undefined, command: string): Promise<PolicyConfig> {
  const raw = path === undefined ? undefined : await readJsonFlag(resolve(path), 'config', command);
  try {
    return parsePolicyConfig(raw);
  } catch (error) {
    throw new Error(`tailor ${command}: '--config' ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Runs `tailor decide` with the arguments after the subcommand. */
export async function runDecideCommand(argv: string[]): Promise<void> {
  const command = 'decide';
  const values = parseFlags(argv, command, { model: { type: 'string' }, input: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' } }, DECIDE_HELP);
  if (!values) return;
  const modelDir = resolve(requiredFlag(values, 'model', command));
  const input = resolve(requiredFlag(values, 'input', command));
  const out = resolve(requiredFlag(values, 'out', command));
  const config = await policyFromFlag(values.config as string | undefined, command);
  const model = await loadDiscountModel(modelDir);
  const unknown = config.tiers.filter((tier) => !model.levels.includes(tier));
  if (unknown.length > 0) {
    process.stderr.write(`tailor decide: warning: the model has no scores for tier(s) ${unknown.join(', ')} %; the policy will never offer them (model tiers: ${model.levels.join(', ')})\n`);
  }
  const rows = await readDecisionCsv(input);

  const started = performance.now();
  const probabilities = scoreTiers(model, rows.map((row) => row.record));
  const scored = performance.now();
  const decisions = decideFromScores(model.levels, probabilities, rows, config);
  const seconds = (performance.now() - started) / 1000;
  const scoreShare = (scored - started) / 1000 / Math.max(seconds, 1e-9);

  const header = ['tier', 'kind', 'order_value', ...model.levels.map((t) => `p_${t}`), ...model.levels.map((t) => `margin_${t}`)];
  const body = decisions.map(({ decision, scores }) => {
    const margins = new Map(decision.candidates.map((c) => [c.tier, c.margin]));
    return [
      decision.tier,
      decision.kind,
      decision.orderValue,
      ...scores.map((s) => Number(s.p.toFixed(6))),
      ...model.levels.map((t) => (margins.has(t) ? Number(margins.get(t)!.toFixed(4)) : null)),
    ];
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, csvText(header, body));

  const counts = new Map<number, number>();
  for (const { decision } of decisions) counts.set(decision.tier, (counts.get(decision.tier) ?? 0) + 1);
  const mix = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([tier, n]) => `${tier} %: ${n}`).join(', ');
  process.stdout.write(`decided ${rows.length} rows (${mix}); wrote ${out}\n`);
  process.stdout.write(
    `throughput: ${Math.round(rows.length / Math.max(seconds, 1e-9))} rows/s (${(seconds * 1000).toFixed(0)} ms for vectorize → forward → calibrate → decide, ` +
      `${Math.round(scoreShare * 100)} % of it scoring ${model.levels.length} tiers per row; file I/O excluded)\n`,
  );
}
