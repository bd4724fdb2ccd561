/**
 * Reads logged-offer CSVs (see `loggedFormat.ts`) with the shared strict CSV reader, then checks
 * every cell against the feature spec and the logging columns' rules. Every error names the file,
 * the 1-based line and the column: a bad propensity silently poisons every off-policy estimate,
 * so nothing here degrades to "missing" the way the browser-side parser does.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FeatureDefinition } from '../../core/features/definition';
import { isCategorical } from '../../core/features/definition';
import { FEATURE_SPEC } from '../../core/features/spec';
import type { CsvSchema } from '../lib/csv';
import { parseCsv } from '../lib/csv';
import type { DecisionRow, LoggedData, LoggedRow } from './loggedFormat';
import { CART_VALUE_COLUMN, OPTIONAL_FEATURE_COLUMNS, REQUIRED_FEATURE_COLUMNS } from './loggedFormat';

/** 'logged': outcome columns required (training, evaluation); 'decisions': ignored (decide). */
export type LoggedMode = 'logged' | 'decisions';

type Cell = (name: string) => { text: string; where: string };

const BINARY: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false };

function headerOf(text: string): string[] {
  const end = text.search(/\r?\n/);
  const line = (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, '');
  return line.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}

function number(cell: { text: string; where: string }, rule: string, ok: (v: number) => boolean): number {
  const value = cell.text === '' ? NaN : Number(cell.text);
  if (!Number.isFinite(value) || !ok(value)) throw new Error(`${cell.where}: expected ${rule}, got '${cell.text}'`);
  return value;
}

function featureValue(def: FeatureDefinition, cell: { text: string; where: string }): number | string | boolean | null {
  if (isCategorical(def)) {
    if (!def.levels.includes(cell.text)) throw new Error(`${cell.where}: expected one of ${def.levels.join(', ')}, got '${cell.text}'`);
    return cell.text;
  }
  if (cell.text === '' && def.source === 'history') return null;
  if (def.kind === 'binary') {
    const value = BINARY[cell.text.toLowerCase()];
    if (value === undefined) throw new Error(`${cell.where}: expected TRUE, FALSE, 1 or 0, got '${cell.text}'`);
    return value;
  }
  return number(cell, `a number in [${def.min}, ${def.max}]`, (v) => v >= def.min && v <= def.max);
}

/** Runtime features (FEATURE_SPEC `source: 'runtime'`) a file without their column gets: their spec default. */
const RUNTIME_DEFAULTS = Object.fromEntries(FEATURE_SPEC.features.filter((def) => def.source === 'runtime').map((def) => [def.name, def.default]));

function decisionRow(cell: Cell, features: readonly FeatureDefinition[]): DecisionRow {
  const record: Record<string, number | string | boolean | null> = { ...RUNTIME_DEFAULTS };
  for (const def of features) record[def.name] = featureValue(def, cell(def.name));
  const cartValue = number(cell(CART_VALUE_COLUMN), 'a positive cart value', (v) => v > 0);
  return { record, cartValue };
}

function loggedRow(cell: Cell, features: readonly FeatureDefinition[]): LoggedRow {
  const base = decisionRow(cell, features);
  const tier = number(cell('tier'), 'an integer percent in [0, 99]', (v) => Number.isInteger(v) && v >= 0 && v <= 99);
  const propensity = number(cell('propensity'), 'a probability in (0, 1]', (v) => v > 0 && v <= 1);
  const convertedCell = cell('converted');
  const converted = BINARY[convertedCell.text.toLowerCase()];
  if (converted === undefined) throw new Error(`${convertedCell.where}: expected 0 or 1, got '${convertedCell.text}'`);
  const orderCell = cell('order_value');
  const orderValue = orderCell.text === '' && !converted ? 0 : number(orderCell, converted ? 'a positive order value (the row converted)' : 'a number >= 0', (v) => (converted ? v > 0 : v >= 0));
  return { ...base, tier, propensity, converted: converted ? 1 : 0, orderValue: converted ? orderValue : 0 };
}

/**
 * Parses logged-offer CSV text; `source` names the file in errors. In 'decisions' mode the
 * logging and outcome columns may be absent and are ignored.
 */
export function parseLoggedCsv(text: string, source: string, mode: 'logged'): LoggedRow[];
export function parseLoggedCsv(text: string, source: string, mode: 'decisions'): DecisionRow[];
export function parseLoggedCsv(text: string, source: string, mode: LoggedMode): DecisionRow[] | LoggedRow[] {
  const header = headerOf(text);
  const optional = OPTIONAL_FEATURE_COLUMNS.filter((name) => header.includes(name));
  const columns = [...REQUIRED_FEATURE_COLUMNS, ...optional, CART_VALUE_COLUMN, ...(mode === 'logged' ? ['tier', 'propensity', 'converted', 'order_value'] : [])];
  const schema: CsvSchema = Object.fromEntries(columns.map((name) => [name, 'string' as const]));
  const features = FEATURE_SPEC.features.filter((def) => def.source === 'session' || optional.includes(def.name));
  const parsed = parseCsv(text, source, schema);
  if (parsed.length === 0) throw new Error(`${source}: no data rows after the header`);
  return parsed.map((row, i) => {
    // parseCsv rejects blank lines, so data row i is always on line i + 2.
    const cell: Cell = (name) => ({ text: String(row[name]).trim(), where: `${source}:${i + 2}, column '${name}' (#${header.indexOf(name) + 1})` });
    return mode === 'logged' ? loggedRow(cell, features) : decisionRow(cell, features);
  });
}

async function readText(path: string, caller: string): Promise<{ text: string; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`'path' passed to '${caller}' cannot be read: ${path} (${code ?? String(error)})`, { cause: error });
  }
  return { text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads a logged-offer file with outcomes (training, policy evaluation). */
export async function readLoggedCsv(path: string): Promise<LoggedData> {
  const { text, sha256 } = await readText(path, 'readLoggedCsv');
  const rows = parseLoggedCsv(text, path, 'logged');
  const tiers = [...new Set(rows.map((row) => row.tier))].sort((a, b) => a - b);
  return { path, rows, tiers, sha256 };
}

/** Reads decision points (features and cart value; outcome columns ignored) for `tailor decide`. */
export async function readDecisionCsv(path: string): Promise<DecisionRow[]> {
  const { text } = await readText(path, 'readDecisionCsv');
  return parseLoggedCsv(text, path, 'decisions');
}
