/**
 * Where accepted reports go: an interface, so a deployment can put the counts
 * in a shared database, and the SQLite implementation the server uses.
 */
import type { Db } from '../db';
import { countCells, type CountRow } from '../../core/privacy/tally';
import type { Arm, RandomizedField, Report } from '../../core/privacy/report';

/** Which counts to read. Days are UTC day numbers, inclusive. */
export interface ReportFilter {
  site: string;
  fromDay: number;
  toDay: number;
  /** Only reports made under this policy version. */
  policyVersion?: string;
  /**
   * Sums the cells in SQL over the days (each row then carries `fromDay` as its day) or over the policy versions
   * (each row then carries {@link ALL_VERSIONS}, or the filter's version), so a read returns one row per cell of
   * what it keeps, however many days or versions the range holds.
   */
  sumOver?: 'days' | 'versions';
}

/** The policy version of rows summed over versions. */
export const ALL_VERSIONS = '*';

/** Outcome of an upload. */
export interface InsertResult {
  /** Reports counted now. */
  accepted: number;
  /** Reports whose idempotency key was seen before (a retry), not counted again. */
  duplicates: number;
}

/** Storage of reports as aggregate counts. */
export interface ReportStore {
  /** Counts the reports whose keys are new, atomically: all of them or none. */
  insert(site: string, reports: readonly Report[]): InsertResult;
  /** The count cells matching `filter`. */
  aggregate(filter: ReportFilter): CountRow[];
  /** Forgets idempotency keys of reports older than `day` (they would be refused as too old anyway). */
  pruneKeys(beforeDay: number): number;
}

interface CountRecord {
  day: number;
  policy_version: string;
  arm: string;
  schema: number;
  epsilon: number;
  field: string;
  value: number;
  count: number;
}

interface FilterParams {
  site: string;
  fromDay: number;
  toDay: number;
  policyVersion: string | null;
}

/** {@link ReportStore} on the server's SQLite database (tables from COLLECTOR_MIGRATIONS). */
export class SqliteReportStore implements ReportStore {
  private readonly insertKey;
  private readonly bump;
  private readonly selects;
  private readonly deleteKeys;
  private readonly insertAll;

  constructor(private readonly db: Db) {
    this.insertKey = db.prepare('INSERT OR IGNORE INTO privacy_report_keys (key, day) VALUES (?, ?)');
    this.bump = db.prepare(
      `INSERT INTO privacy_counts (site, day, policy_version, arm, schema, epsilon, field, value, count)
       VALUES (@site, @day, @policyVersion, @arm, @schema, @epsilon, @field, @value, @count)
       ON CONFLICT DO UPDATE SET count = count + excluded.count`,
    );
    const where = 'FROM privacy_counts WHERE site = @site AND day BETWEEN @fromDay AND @toDay';
    const version = ' AND policy_version = @policyVersion';
    const cell = 'arm, schema, epsilon, field, value';
    const select = (columns: string, group: string) => ({
      all: db.prepare<FilterParams, CountRecord>(`SELECT ${columns} ${where}${group}`),
      version: db.prepare<FilterParams, CountRecord>(`SELECT ${columns} ${where}${version}${group}`),
    });
    this.selects = {
      none: select(`day, policy_version, ${cell}, count`, ''),
      days: select(`@fromDay AS day, policy_version, ${cell}, SUM(count) AS count`, ` GROUP BY policy_version, ${cell}`),
      versions: select(`day, COALESCE(@policyVersion, '${ALL_VERSIONS}') AS policy_version, ${cell}, SUM(count) AS count`, ` GROUP BY day, ${cell}`),
    };
    this.deleteKeys = db.prepare('DELETE FROM privacy_report_keys WHERE day < ?');
    this.insertAll = db.transaction((site: string, reports: readonly Report[]): InsertResult => {
      const fresh = reports.filter((r) => this.insertKey.run(r.idempotencyKey, r.day).changes === 1);
      for (const cell of countCells(fresh)) this.bump.run({ site, ...cell });
      return { accepted: fresh.length, duplicates: reports.length - fresh.length };
    });
  }

  insert(site: string, reports: readonly Report[]): InsertResult {
    return this.insertAll(site, reports);
  }

  aggregate(filter: ReportFilter): CountRow[] {
    const statements = this.selects[filter.sumOver ?? 'none'];
    const params: FilterParams = { site: filter.site, fromDay: filter.fromDay, toDay: filter.toDay, policyVersion: filter.policyVersion ?? null };
    const records = (filter.policyVersion === undefined ? statements.all : statements.version).all(params);
    return records.map((r) => ({
      day: r.day,
      policyVersion: r.policy_version,
      arm: r.arm as Arm,
      schema: r.schema,
      epsilon: r.epsilon,
      field: r.field as RandomizedField,
      value: r.value,
      count: r.count,
    }));
  }

  pruneKeys(beforeDay: number): number {
    return this.deleteKeys.run(beforeDay).changes;
  }
}
