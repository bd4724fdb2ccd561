/** Serialises logged rows in the logged-offer CSV format (see `loggedFormat.ts`). */
import { csvText } from './lib/csvText';
import type { LoggedRow } from './loggedFormat';
import { CART_VALUE_COLUMN, LOGGING_COLUMNS, OPTIONAL_FEATURE_COLUMNS, REQUIRED_FEATURE_COLUMNS } from './loggedFormat';

/** The CSV text of `rows`; history columns are written only when some row has them. */
export function formatLoggedCsv(rows: readonly LoggedRow[]): string {
  const history = OPTIONAL_FEATURE_COLUMNS.filter((name) => rows.some((row) => row.record[name] !== undefined));
  const features = [...REQUIRED_FEATURE_COLUMNS, ...history];
  const header = [...features, CART_VALUE_COLUMN, ...LOGGING_COLUMNS];
  return csvText(header, rows.map((row) => [
    ...features.map((name) => row.record[name]),
    row.cartValue,
    row.tier,
    Number(row.propensity.toPrecision(12)),
    row.converted,
    row.orderValue,
  ]));
}
