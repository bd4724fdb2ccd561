/**
 * `tailor cell-prior`: the model bundle's per-cell prior (`cells.json`), so the collector's learner starts every
 * shop at what the shipped model predicts for each cell instead of at nothing. The prior is the model's mean
 * P(buy | tier) over the real UCI sessions of each cell, scored on the features a first-visit device computes.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CELL_PRIOR_FORMAT, DEFAULT_CELL_SPEC, LEARNING_TIERS, cellOf, cellPrior, parseCellPriorFile, type CellPriorFile, type CellSpec } from '../../core/learning';
import type { RawFeatureRecord } from '../../core/features/definition';
import { loadDiscountModel, scoreTiers } from '../discount/discountModel';
import { parseFlags } from '../discount/lib/flags';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../lib/paths';
import { loadFleetSessions, type DevicePageValues } from './uciSessions';

export const CELL_PRIOR_HELP = `Usage: tailor cell-prior [options]

Writes the model bundle's per-cell prior (cells.json): the cell spec every device and the collector use and
the model's mean P(buy | tier) per cell over the UCI sessions, scored as a device would score them. The
collector reads it when TAILOR_REPORT_CHANNEL=central (TAILOR_CELL_PRIOR, default models/discount-response/cells.json).

Options:
  --data <dir>              folder with online_shoppers_intention.csv (default: ../shared/data)
  --model <dir>             discount-response bundle (default: models/discount-response)
  --out <file>              where to write (default: <model>/cells.json)
  --page-values <view>      none (default): first visits without a page-value table; site: with the shop's table
  -h, --help                show this help`;

/** The prior file of a model's scores over device records (row-major records × levels). */
export function buildCellPriorFile(records: readonly RawFeatureRecord[], scores: ArrayLike<number>, levels: readonly number[], spec: CellSpec, source: Record<string, unknown>): CellPriorFile {
  const zero = levels.indexOf(0);
  if (zero < 0) throw new RangeError(`'levels' passed to 'buildCellPriorFile' must include tier 0`);
  const k = levels.length;
  // The prior pools order values (cellPrior), so any one will do for the cell index.
  const cells = Int32Array.from(records, (record, i) => cellOf(record, scores[i * k + zero]!, 0, spec));
  const prior = cellPrior(cells, scores, levels, spec).map((row) => row.map((p) => Math.round(p * 1e6) / 1e6));
  return parseCellPriorFile({ format: CELL_PRIOR_FORMAT, spec, tiers: [...LEARNING_TIERS], prior, source }, 'buildCellPriorFile');
}

/** Runs `tailor cell-prior`. */
export async function runCellPriorCommand(argv: string[]): Promise<void> {
  const command = 'cell-prior';
  const values = parseFlags(argv, command, { data: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' }, 'page-values': { type: 'string' } }, CELL_PRIOR_HELP);
  if (!values) return;
  const view = (values['page-values'] ?? 'none') as DevicePageValues;
  if (view !== 'none' && view !== 'site') throw new Error(`tailor ${command}: '--page-values' must be 'none' or 'site', got '${String(values['page-values'])}'`);
  const modelDir = resolve(typeof values.model === 'string' ? values.model : join(PROJECT_ROOT, 'models/discount-response'));
  const out = resolve(typeof values.out === 'string' ? values.out : join(modelDir, 'cells.json'));
  const [population, model] = await Promise.all([loadFleetSessions(typeof values.data === 'string' ? resolve(values.data) : DEFAULT_DATA_DIR, view), loadDiscountModel(modelDir)]);
  const scores = scoreTiers(model, population.device);
  const file = buildCellPriorFile(population.device, scores, model.levels, DEFAULT_CELL_SPEC, { data: 'online_shoppers_intention.csv', sha256: population.sha256, sessions: population.sessions.length, pageValues: view });
  await writeFile(out, `${JSON.stringify(file, null, 1)}\n`);
  process.stdout.write(`wrote ${out}: spec ${file.spec.version}, ${file.prior.length} cells × tiers ${file.tiers.join(', ')}\n`);
}
