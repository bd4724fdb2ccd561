/**
 * The site-wide page-value table devices price `PageValues` with, as GA does: per page path, the revenue of the
 * transactions that followed a view of it divided by its unique page views. A device alone only knows its own
 * history, so a first visit would score 0 everywhere; the table (built by `tailor page-values` from the merchant's
 * order export, served in `GET /v1/config` as `pageValues`) gives it the site's value instead.
 *
 * Keys are page paths as Tailor stores them (`scrubPath`, then the query dropped), so `/p/tea?variant=2` and
 * `/p/tea` share one value, like every other per-path statistic.
 */
import { scrubPath } from '../events/scrub';

/** Layout version of {@link PageValueTable}. */
export const PAGE_VALUE_TABLE_VERSION = 1;

/** Where a table came from. */
export type PageValueSource = 'orders' | 'reports';

/** At most this many paths: ~40 kB of JSON in `/v1/config`, far more product pages than a table needs to matter. */
export const MAX_PAGE_VALUE_PATHS = 2000;

/** Largest value accepted (the feature spec's own maximum of PageValues). */
export const MAX_PAGE_VALUE = 100_000;

/** Page value per path; paths not listed are worth 0, as pages that never preceded a transaction are in GA. */
export interface PageValueTable {
  readonly version: typeof PAGE_VALUE_TABLE_VERSION;
  readonly source: PageValueSource;
  /** ISO date (YYYY-MM-DD) of the newest data the table was built from. */
  readonly asOf: string;
  /** Currency of the values (ISO 4217), as the order export states it. */
  readonly currency?: string;
  readonly values: Readonly<Record<string, number>>;
}

/** The path key a page is looked up under: the stored path without its query. */
export function pageValueKey(pathOrUrl: string): string {
  const path = scrubPath(pathOrUrl);
  return path.split('?')[0] ?? path;
}

/** Tables this function returned: frozen, so passing one again (every feature read does) costs no second check. */
const validated = new WeakSet<object>();

/**
 * Validates an untrusted table (a served config, a file): the layout, every key a canonical path key, every value
 * finite in [0, {@link MAX_PAGE_VALUE}]. Throws naming `caller` and the first bad field. Returns a frozen copy; a
 * table it returned before is returned as it is.
 */
export function parsePageValueTable(raw: unknown, caller: string): PageValueTable {
  if (typeof raw === 'object' && raw !== null && validated.has(raw)) return raw as PageValueTable;
  const fail = (field: string, rule: string): never => {
    throw new Error(`'${field}' passed to '${caller}' ${rule}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('table', 'must be a page-value table object');
  const t = raw as Record<string, unknown>;
  if (t.version !== PAGE_VALUE_TABLE_VERSION) fail('table.version', `must be ${PAGE_VALUE_TABLE_VERSION}, got ${JSON.stringify(t.version)}`);
  if (t.source !== 'orders' && t.source !== 'reports') fail('table.source', `must be 'orders' or 'reports', got ${JSON.stringify(t.source)}`);
  if (typeof t.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(t.asOf)) fail('table.asOf', `must be a YYYY-MM-DD date, got ${JSON.stringify(t.asOf)}`);
  if (t.currency !== undefined && (typeof t.currency !== 'string' || !/^[A-Z]{3}$/.test(t.currency))) {
    fail('table.currency', `must be an ISO 4217 code such as 'EUR', got ${JSON.stringify(t.currency)}`);
  }
  const values = t.values;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) fail('table.values', 'must be an object of path → value');
  const entries = Object.entries(values as Record<string, unknown>);
  if (entries.length > MAX_PAGE_VALUE_PATHS) fail('table.values', `must hold at most ${MAX_PAGE_VALUE_PATHS} paths, got ${entries.length}`);
  const clean: Record<string, number> = {};
  for (const [path, value] of entries) {
    if (pageValueKey(path) !== path) fail(`table.values[${JSON.stringify(path.slice(0, 80))}]`, `must be keyed by a stored path such as ${JSON.stringify(pageValueKey(path).slice(0, 80))}`);
    if (typeof value !== 'number' || !(value >= 0 && value <= MAX_PAGE_VALUE)) {
      fail(`table.values[${JSON.stringify(path.slice(0, 80))}]`, `must be a number from 0 to ${MAX_PAGE_VALUE}, got ${JSON.stringify(value)}`);
    }
    clean[path] = value as number;
  }
  const table: PageValueTable = Object.freeze({
    version: PAGE_VALUE_TABLE_VERSION,
    source: t.source as PageValueSource,
    asOf: t.asOf as string,
    ...(t.currency !== undefined ? { currency: t.currency as string } : {}),
    values: Object.freeze(clean),
  });
  validated.add(table);
  return table;
}

/** A served table, or null when absent or invalid (a bad table must not stop decisions: the device scores without it). */
export function pageValueTableOrNull(raw: unknown): PageValueTable | null {
  if (raw === undefined || raw === null) return null;
  try {
    return parsePageValueTable(raw, 'pageValueTableOrNull');
  } catch {
    return null;
  }
}
