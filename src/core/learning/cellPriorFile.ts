/**
 * The model bundle's cell prior (`models/<bundle>/cells.json`, written by `tailor cell-prior`): the cell spec
 * the bundle defines and the model's mean predicted P(buy | tier) per cell, on the features a device really
 * computes. The collector starts every shop's learner from it, so nothing is null on a real install.
 */
import type { CellPrior } from './cellPolicy';
import { cellCount, type CellSpec } from './contextCells';
import { LEARNING_TIERS } from './measurement';
import { parseCellSpec } from './servedCells';

export const CELL_PRIOR_FORMAT = 'tailor-cell-prior';

/** A parsed prior file. */
export interface CellPriorFile {
  readonly format: typeof CELL_PRIOR_FORMAT;
  readonly spec: CellSpec;
  /** The tiers of each prior row ({@link LEARNING_TIERS}). */
  readonly tiers: readonly number[];
  readonly prior: CellPrior;
  /** Where the prior came from (data file, its hash, sessions, page-value view). */
  readonly source: Readonly<Record<string, unknown>>;
}

/** Checks a prior file; `where` names it in errors (a path). */
export function parseCellPriorFile(value: unknown, where: string): CellPriorFile {
  const fail = (field: string, rule: string): never => {
    throw new RangeError(`${where}: '${field}' ${rule}`);
  };
  if (typeof value !== 'object' || value === null) fail('(file)', 'must be a JSON object');
  const v = value as Record<string, unknown>;
  if (v.format !== CELL_PRIOR_FORMAT) fail('format', `must be '${CELL_PRIOR_FORMAT}'`);
  const spec = parseCellSpec(v.spec, 'parseCellPriorFile');
  if (!Array.isArray(v.tiers) || v.tiers.join(',') !== LEARNING_TIERS.join(',')) fail('tiers', `must be [${LEARNING_TIERS.join(', ')}]`);
  const n = cellCount(spec);
  if (!Array.isArray(v.prior) || v.prior.length !== n) fail('prior', `must hold one row per cell (${n})`);
  const prior = (v.prior as unknown[]).map((row, c) => {
    if (!Array.isArray(row) || row.length !== LEARNING_TIERS.length || row.some((p) => typeof p !== 'number' || !(p >= 0 && p <= 1))) {
      fail(`prior[${c}]`, `must hold ${LEARNING_TIERS.length} probabilities`);
    }
    return Object.freeze([...(row as number[])]);
  });
  const source = typeof v.source === 'object' && v.source !== null ? (v.source as Record<string, unknown>) : {};
  return Object.freeze({ format: CELL_PRIOR_FORMAT, spec, tiers: LEARNING_TIERS, prior: Object.freeze(prior), source: Object.freeze({ ...source }) });
}
