/**
 * The inputs of the simulation's baseline purchase probability p0(x): a handful of transformed
 * raw session features. Kept deliberately simpler than the feature spec's pipeline, so the truth
 * file can state p0 as `sigmoid(coefficients · design(x))` with names anyone can recompute.
 */
import type { RawFeatureRecord } from '../../../core/features/definition';

/** Name and computation of each design column, in coefficient order. */
const COLUMNS: readonly (readonly [string, (r: RawFeatureRecord) => number])[] = [
  ['intercept', () => 1],
  ['log1p(PageValues)', (r) => Math.log1p(num(r, 'PageValues'))],
  ['10*ExitRates', (r) => 10 * num(r, 'ExitRates')],
  ['10*BounceRates', (r) => 10 * num(r, 'BounceRates')],
  ['log1p(ProductRelated)', (r) => Math.log1p(num(r, 'ProductRelated'))],
  ['log1p(ProductRelated_Duration)', (r) => Math.log1p(num(r, 'ProductRelated_Duration'))],
  ['log1p(Administrative)', (r) => Math.log1p(num(r, 'Administrative'))],
  ['log1p(Informational)', (r) => Math.log1p(num(r, 'Informational'))],
  ['SpecialDay', (r) => num(r, 'SpecialDay')],
  ['Month=Nov', (r) => (r.Month === 'Nov' ? 1 : 0)],
  ['VisitorType=New_Visitor', (r) => (r.VisitorType === 'New_Visitor' ? 1 : 0)],
  ['Weekend', (r) => num(r, 'Weekend')],
];

/** Names of the design columns, as written into the truth file. */
export const BASELINE_DESIGN_NAMES: readonly string[] = COLUMNS.map(([name]) => name);

/** A raw cell as a number: booleans are 0/1, missing or malformed cells are 0. */
export function num(record: RawFeatureRecord, name: string): number {
  const raw = record[name];
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : 0;
  return Number.isFinite(value) ? value : 0;
}

/** Writes the design vector of `record` into `out` (length BASELINE_DESIGN_NAMES.length). */
export function baselineDesign(record: RawFeatureRecord, out = new Float64Array(COLUMNS.length)): Float64Array {
  COLUMNS.forEach(([, fn], i) => {
    out[i] = fn(record);
  });
  return out;
}
