/**
 * The Hillstrom (MineThatData, 2008) e-mail experiment: typed rows, checked
 * cell by cell, and the feature encoding the uplift models use.
 *
 * Feature encoding (18 columns), chosen so both a linear model and trees can
 * use every field:
 * - `recency` (months since last purchase, 1–12): numeric as is;
 * - `history` (last-year spend, $): `log1p(history)`, because spend is
 *   right-skewed and a linear model should see a multiplicative scale;
 * - `mens`, `womens`, `newbie`: 0/1 as is;
 * - `zip_code` (Urban, Surburban, Rural), `channel` (Phone, Web,
 *   Multichannel), `history_segment` (7 spend bands): one-hot, all levels
 *   (the logistic regression is L2-penalised, so the collinearity with the
 *   intercept is harmless and no level is arbitrarily the baseline).
 * `segment` is the randomized treatment and `visit`, `conversion`, `spend`
 * are outcomes; none of them is a feature.
 */
import type { CsvRow, CsvSchema } from '../../lib/csv';
import { readCsv } from '../../lib/csv';
import type { Matrix } from './matrix';

/** The three randomized arms. */
export const ARMS = ['Mens E-Mail', 'Womens E-Mail', 'No E-Mail'] as const;
/** One arm of the experiment. */
export type Arm = (typeof ARMS)[number];

const ZIP_CODES = ['Urban', 'Surburban', 'Rural'] as const;
const CHANNELS = ['Phone', 'Web', 'Multichannel'] as const;
const HISTORY_SEGMENTS = [
  '1) $0 - $100',
  '2) $100 - $200',
  '3) $200 - $350',
  '4) $350 - $500',
  '5) $500 - $750',
  '6) $750 - $1,000',
  '7) $1,000 +',
] as const;

/** One customer of the experiment. */
export interface HillstromRow {
  readonly recency: number;
  readonly historySegment: number;
  readonly history: number;
  readonly mens: number;
  readonly womens: number;
  readonly zipCode: number;
  readonly newbie: number;
  readonly channel: number;
  readonly arm: number;
  readonly visit: number;
  readonly conversion: number;
  readonly spend: number;
}

/** Feature names, in the order {@link encodeFeatures} writes them. */
export const FEATURE_NAMES: readonly string[] = [
  'recency',
  'log1p_history',
  'mens',
  'womens',
  'newbie',
  ...ZIP_CODES.map((z) => `zip_code=${z}`),
  ...CHANNELS.map((c) => `channel=${c}`),
  ...HISTORY_SEGMENTS.map((_, i) => `history_segment=${i + 1}`),
];

/** Column types for the shared CSV reader; domains are checked in {@link toHillstromRows}. */
export const HILLSTROM_SCHEMA: CsvSchema = {
  recency: 'number',
  history_segment: 'string',
  history: 'number',
  mens: 'number',
  womens: 'number',
  zip_code: 'string',
  newbie: 'number',
  channel: 'string',
  segment: 'string',
  visit: 'number',
  conversion: 'number',
  spend: 'number',
};

/** Reads and checks the Hillstrom CSV at `path`. */
export async function loadHillstrom(path: string): Promise<HillstromRow[]> {
  const { rows } = await readCsv(path, HILLSTROM_SCHEMA);
  return toHillstromRows(rows, path);
}

/**
 * Converts rows typed by the shared CSV reader into Hillstrom rows, checking
 * every cell's domain.
 *
 * @param source - file name for error messages; row k is on line k + 2.
 * @throws naming file, line and column for a cell outside the documented
 *   domain. "Suburban" is accepted for the source's misspelled "Surburban".
 */
export function toHillstromRows(rows: readonly CsvRow[], source: string): HillstromRow[] {
  return rows.map((row, k) => {
    const fail = (column: string, why: string): never => {
      throw new Error(`${source}:${k + 2}, column '${column}': ${why}; got ${JSON.stringify(row[column])}`);
    };
    const count = (column: string): number => {
      const v = row[column] as number;
      if (!Number.isInteger(v) || v < 0) fail(column, 'must be a non-negative integer');
      return v;
    };
    const amount = (column: string): number => {
      const v = row[column] as number;
      if (!(v >= 0)) fail(column, 'must be a non-negative number');
      return v;
    };
    const flag = (column: string): number => {
      const v = row[column] as number;
      if (v !== 0 && v !== 1) fail(column, 'must be 0 or 1');
      return v;
    };
    const level = (column: string, levels: readonly string[], alias: Readonly<Record<string, string>> = {}): number => {
      const text = row[column] as string;
      const index = levels.indexOf(alias[text] ?? text);
      if (index < 0) fail(column, `must be one of ${levels.join(', ')}`);
      return index;
    };
    return {
      recency: count('recency'),
      historySegment: level('history_segment', HISTORY_SEGMENTS),
      history: amount('history'),
      mens: flag('mens'),
      womens: flag('womens'),
      zipCode: level('zip_code', ZIP_CODES, { Suburban: 'Surburban' }),
      newbie: flag('newbie'),
      channel: level('channel', CHANNELS),
      arm: level('segment', ARMS),
      visit: flag('visit'),
      conversion: flag('conversion'),
      spend: amount('spend'),
    };
  });
}

/** Encodes rows into the {@link FEATURE_NAMES} matrix (see the file header). */
export function encodeFeatures(rows: readonly HillstromRow[]): Matrix {
  const cols = FEATURE_NAMES.length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    const o = i * cols;
    data[o] = r.recency;
    data[o + 1] = Math.log1p(r.history);
    data[o + 2] = r.mens;
    data[o + 3] = r.womens;
    data[o + 4] = r.newbie;
    data[o + 5 + r.zipCode] = 1;
    data[o + 5 + ZIP_CODES.length + r.channel] = 1;
    data[o + 5 + ZIP_CODES.length + CHANNELS.length + r.historySegment] = 1;
  });
  return { data, rows: rows.length, cols };
}
