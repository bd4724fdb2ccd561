/**
 * A site-wide page-value table from what a merchant has: the order export (which product pages each order bought)
 * and, when they have one, unique page views per path from their analytics. GA's page value of a page is the
 * revenue of the transactions that followed a view of it, divided by its unique page views; an order's product
 * pages were viewed before it, so each order's value is credited in full to each of its paths, and to each funnel
 * path (cart, checkout) every order passes through. Without a views file the views are estimated as orders ÷ the
 * stated view-to-order conversion, which makes a page's value its average order value × that conversion.
 *
 * Every refusal names the file, the 1-based line and the column: an export is fixed where it went wrong.
 */
import { MAX_PAGE_VALUE, MAX_PAGE_VALUE_PATHS, PAGE_VALUE_TABLE_VERSION, pageValueKey, type PageValueTable } from '../../core/pageValues';
import { parseCsv } from '../lib/csv';

/** Columns of the order export: one row per order. */
export const ORDER_COLUMNS = { order_id: 'string', value: 'string', paths: 'string' } as const;
/** Columns of the optional views export: one row per path. */
export const VIEW_COLUMNS = { path: 'string', unique_views: 'string' } as const;

/** How the table is built. */
export interface PageValueOptions {
  /** Paths every order passes through (cart, checkout), credited with every order. */
  readonly funnel?: readonly string[];
  /** View-to-order conversion of a page, used to estimate views without a views export (default 0.05). */
  readonly conversion?: number;
  readonly asOf: string;
  readonly currency?: string;
}

/** The table and what it was built from. */
export interface BuiltTable {
  readonly table: PageValueTable;
  readonly orders: number;
  readonly revenue: number;
  /** True when views came from the analytics export, false when estimated. */
  readonly measuredViews: boolean;
  /** Paths left out beyond MAX_PAGE_VALUE_PATHS (lowest revenue first). */
  readonly dropped: number;
}

const DEFAULT_CONVERSION = 0.05;

/** Parses a money or count cell: finite and ≥ 0, else an error naming where. */
function nonNegative(text: string, where: string, integer: boolean): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${where}: must be a number, got '${text}'`);
  if (value < 0) throw new Error(`${where}: must not be negative, got ${value}`);
  if (integer && !Number.isInteger(value)) throw new Error(`${where}: must be a whole number of views, got ${value}`);
  return value;
}

/** `|`-separated product paths or URLs of one order, as table keys. */
function orderPaths(cell: string, where: string): string[] {
  const parts = cell.split('|').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new Error(`${where}: must list the product paths bought, separated by '|'`);
  for (const p of parts) {
    if (!/^(?:https?:\/\/[^/]+)?\//i.test(p)) throw new Error(`${where}: '${p}' is not a path or URL (a path starts with '/')`);
  }
  return [...new Set(parts.map(pageValueKey))];
}

/** Builds the table from CSV texts; `ordersSource`/`viewsSource` name them in errors. */
export function buildPageValueTable(
  orders: { text: string; source: string },
  views: { text: string; source: string } | null,
  options: PageValueOptions,
): BuiltTable {
  const conversion = options.conversion ?? DEFAULT_CONVERSION;
  if (!(conversion > 0 && conversion <= 1)) throw new Error(`'conversion' passed to 'buildPageValueTable' must be in (0, 1], got ${conversion}`);
  const rows = parseCsv(orders.text, orders.source, ORDER_COLUMNS);
  if (rows.length === 0) throw new Error(`${orders.source}: no orders after the header`);
  const revenue = new Map<string, number>();
  const ordersWith = new Map<string, number>();
  const firstLine = new Map<string, number>();
  let total = 0;
  rows.forEach((row, i) => {
    const line = i + 2;
    const id = String(row.order_id).trim();
    if (id === '') throw new Error(`${orders.source}:${line}, column 'order_id': must not be empty`);
    const seen = firstLine.get(id);
    if (seen !== undefined) throw new Error(`${orders.source}:${line}, column 'order_id': '${id}' repeats the order of line ${seen} (one row per order)`);
    firstLine.set(id, line);
    const value = nonNegative(String(row.value), `${orders.source}:${line}, column 'value'`, false);
    total += value;
    for (const path of orderPaths(String(row.paths), `${orders.source}:${line}, column 'paths'`)) {
      revenue.set(path, (revenue.get(path) ?? 0) + value);
      ordersWith.set(path, (ordersWith.get(path) ?? 0) + 1);
    }
  });
  for (const raw of options.funnel ?? []) {
    const path = pageValueKey(raw);
    revenue.set(path, total);
    ordersWith.set(path, rows.length);
  }

  let measured: Map<string, number> | null = null;
  if (views) {
    measured = new Map();
    parseCsv(views.text, views.source, VIEW_COLUMNS).forEach((row, i) => {
      const where = `${views.source}:${i + 2}`;
      const path = String(row.path).trim();
      if (!path.startsWith('/')) throw new Error(`${where}, column 'path': '${path}' is not a path (it starts with '/')`);
      measured!.set(pageValueKey(path), (measured!.get(pageValueKey(path)) ?? 0) + nonNegative(String(row.unique_views), `${where}, column 'unique_views'`, true));
    });
    // An order's page that analytics never saw is a mismatch between the two exports, not a page worth infinity.
    rows.forEach((row, i) => {
      for (const path of orderPaths(String(row.paths), '')) {
        if (!(measured!.get(path)! > 0)) {
          throw new Error(`${orders.source}:${i + 2}, column 'paths': unknown path '${path}': ${views.source} has no unique views for it`);
        }
      }
    });
    for (const raw of options.funnel ?? []) {
      if (!(measured.get(pageValueKey(raw))! > 0)) throw new Error(`'funnel' passed to 'buildPageValueTable': unknown path '${pageValueKey(raw)}': ${views.source} has no unique views for it`);
    }
  }

  const priced = [...revenue.entries()].map(([path, rev]) => {
    // A page is viewed at least once per order that bought from it.
    const viewCount = measured ? Math.max(measured.get(path)!, ordersWith.get(path)!) : ordersWith.get(path)! / conversion;
    return { path, rev, value: Math.min(MAX_PAGE_VALUE, rev / viewCount) };
  });
  priced.sort((a, b) => b.rev - a.rev || (a.path < b.path ? -1 : 1));
  const kept = priced.slice(0, MAX_PAGE_VALUE_PATHS);
  const values: Record<string, number> = {};
  for (const p of kept.sort((a, b) => (a.path < b.path ? -1 : 1))) values[p.path] = Math.round(p.value * 100) / 100;
  return {
    table: { version: PAGE_VALUE_TABLE_VERSION, source: 'orders', asOf: options.asOf, ...(options.currency ? { currency: options.currency } : {}), values },
    orders: rows.length,
    revenue: total,
    measuredViews: measured !== null,
    dropped: priced.length - kept.length,
  };
}
