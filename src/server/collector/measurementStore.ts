/**
 * Where the central channel's measurements go: exact sums per open batch until the batch is released, then
 * only its noised sums. An interface, so a deployment can swap in an aggregator of its own (a two-server Prio3
 * deployment keeps no exact sums at all), and the SQLite implementation the server uses.
 *
 * A batch is released exactly once: the noised row is written and the exact counters are deleted in one
 * transaction, so there is no moment at which the server holds both, and no way to release a batch twice
 * (a second release would spend the same devices' privacy again). A report whose batch is already closed is
 * refused as `late`: adding it afterwards would need a second release.
 */
import type { Db } from '../db';
import { batchOfDay, type MeasurementReport, type ReleasedBatch } from '../../core/learning';

/** Outcome of an upload. */
export interface MeasurementInsertResult {
  /** Measurements added to an open batch now. */
  accepted: number;
  /** Measurements whose idempotency key was seen before (a retry), not counted again. */
  duplicates: number;
  /** Measurements whose batch was already released; not stored. */
  late: number;
}

/** The days of one batch, as UTC day numbers (inclusive). */
export interface BatchSpan {
  batch: number;
  firstDay: number;
  lastDay: number;
}

/** A closed batch: its noised release, or null when it was withheld (noised total under k). */
export interface BatchRecord extends BatchSpan {
  /** Epoch ms of the release. */
  releasedAt: number;
  release: ReleasedBatch | null;
}

/** Storage of measurements as per-batch sums. */
export interface MeasurementStore {
  /**
   * Adds the measurements whose keys are new to their open batches, atomically: all of them or none. The first
   * upload of a (site, spec) fixes its epoch, the earliest day in that upload; a measurement's batch is
   * batchOfDay(max(0, day − epoch), maxBatchDays).
   */
  insert(site: string, measurements: readonly MeasurementReport[], maxBatchDays: number): MeasurementInsertResult;
  /** The UTC day a (site, spec)'s batches count from, or null before its first measurement. */
  epoch(site: string, spec: string): number | null;
  /**
   * Closes one batch, in one transaction: reads its exact sums (`length` entries), hands them to `noise`, stores
   * what it returns (null = withheld) and deletes the exact sums. A batch already closed is returned as it is,
   * and `noise` is not called.
   */
  release(site: string, spec: string, span: BatchSpan, length: number, noise: (exact: readonly number[]) => ReleasedBatch | null, releasedAt: number): BatchRecord;
  /** Every closed batch of a (site, spec), oldest first. */
  closed(site: string, spec: string): BatchRecord[];
  /** Forgets idempotency keys of measurements older than `beforeDay` (they would be refused as too old anyway). */
  pruneKeys(beforeDay: number): number;
}

interface BatchRow {
  batch: number;
  first_day: number;
  last_day: number;
  released_at: number;
  withheld: number;
  sums: string | null;
  reports: number | null;
  sigma: number | null;
}

/** A stored row back to a {@link BatchRecord}. */
function recordOf(row: BatchRow): BatchRecord {
  const span = { batch: row.batch, firstDay: row.first_day, lastDay: row.last_day, releasedAt: row.released_at };
  if (row.withheld === 1) return { ...span, release: null };
  return { ...span, release: { batch: row.batch, sums: JSON.parse(row.sums!) as number[], reports: row.reports!, sigma: row.sigma! } };
}

/** The earliest day per spec in an upload: what a new (site, spec)'s epoch becomes. */
function firstDays(measurements: readonly MeasurementReport[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of measurements) out.set(m.spec, Math.min(out.get(m.spec) ?? Infinity, m.day));
  return out;
}

/** {@link MeasurementStore} on the server's SQLite database (tables from COLLECTOR_MIGRATIONS). */
export class SqliteMeasurementStore implements MeasurementStore {
  private readonly selectEpoch;
  private readonly insertEpoch;
  private readonly selectKey;
  private readonly insertKey;
  private readonly selectClosed;
  private readonly bump;
  private readonly selectCounts;
  private readonly deleteCounts;
  private readonly insertBatch;
  private readonly selectAllClosed;
  private readonly deleteKeys;
  private readonly insertAll;
  private readonly releaseOne;

  constructor(db: Db) {
    this.selectEpoch = db.prepare<[string, string], { epoch: number }>('SELECT epoch FROM measurement_epochs WHERE site = ? AND spec = ?');
    this.insertEpoch = db.prepare('INSERT OR IGNORE INTO measurement_epochs (site, spec, epoch) VALUES (?, ?, ?)');
    this.selectKey = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM measurement_keys WHERE site = ? AND key = ?');
    this.insertKey = db.prepare('INSERT INTO measurement_keys (site, key, day) VALUES (?, ?, ?)');
    this.selectClosed = db.prepare<[string, string, number], BatchRow>(
      'SELECT batch, first_day, last_day, released_at, withheld, sums, reports, sigma FROM measurement_batches WHERE site = ? AND spec = ? AND batch = ?',
    );
    this.bump = db.prepare(
      `INSERT INTO measurement_counts (site, spec, batch, idx, count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT DO UPDATE SET count = count + 1`,
    );
    this.selectCounts = db.prepare<[string, string, number], { idx: number; count: number }>('SELECT idx, count FROM measurement_counts WHERE site = ? AND spec = ? AND batch = ?');
    this.deleteCounts = db.prepare('DELETE FROM measurement_counts WHERE site = ? AND spec = ? AND batch = ?');
    this.insertBatch = db.prepare(
      `INSERT INTO measurement_batches (site, spec, batch, first_day, last_day, released_at, withheld, sums, reports, sigma)
       VALUES (@site, @spec, @batch, @firstDay, @lastDay, @releasedAt, @withheld, @sums, @reports, @sigma)`,
    );
    this.selectAllClosed = db.prepare<[string, string], BatchRow>(
      'SELECT batch, first_day, last_day, released_at, withheld, sums, reports, sigma FROM measurement_batches WHERE site = ? AND spec = ? ORDER BY batch',
    );
    this.deleteKeys = db.prepare('DELETE FROM measurement_keys WHERE day < ?');
    this.insertAll = db.transaction((site: string, measurements: readonly MeasurementReport[], maxBatchDays: number) => this.insertInTx(site, measurements, maxBatchDays));
    this.releaseOne = db.transaction((site: string, spec: string, span: BatchSpan, length: number, noise: (exact: readonly number[]) => ReleasedBatch | null, releasedAt: number) =>
      this.releaseInTx(site, spec, span, length, noise, releasedAt),
    );
  }

  // IMMEDIATE: the write lock is taken before the checks, so two processes on one database cannot both find a
  // key new or a batch open and then collide on the write.
  insert(site: string, measurements: readonly MeasurementReport[], maxBatchDays: number): MeasurementInsertResult {
    return this.insertAll.immediate(site, measurements, maxBatchDays);
  }

  epoch(site: string, spec: string): number | null {
    return this.selectEpoch.get(site, spec)?.epoch ?? null;
  }

  release(site: string, spec: string, span: BatchSpan, length: number, noise: (exact: readonly number[]) => ReleasedBatch | null, releasedAt: number): BatchRecord {
    return this.releaseOne.immediate(site, spec, span, length, noise, releasedAt);
  }

  closed(site: string, spec: string): BatchRecord[] {
    return this.selectAllClosed.all(site, spec).map(recordOf);
  }

  pruneKeys(beforeDay: number): number {
    return this.deleteKeys.run(beforeDay).changes;
  }

  private insertInTx(site: string, measurements: readonly MeasurementReport[], maxBatchDays: number): MeasurementInsertResult {
    for (const [spec, day] of firstDays(measurements)) this.insertEpoch.run(site, spec, day);
    const result: MeasurementInsertResult = { accepted: 0, duplicates: 0, late: 0 };
    for (const m of measurements) {
      // A retry of a counted measurement is a duplicate even once its batch has closed.
      if (this.selectKey.get(site, m.idempotencyKey)) {
        result.duplicates++;
        continue;
      }
      const batch = batchOfDay(Math.max(0, m.day - this.epoch(site, m.spec)!), maxBatchDays);
      if (this.selectClosed.get(site, m.spec, batch)) {
        result.late++;
        continue;
      }
      this.insertKey.run(site, m.idempotencyKey, m.day);
      this.bump.run(site, m.spec, batch, m.index);
      result.accepted++;
    }
    return result;
  }

  private releaseInTx(site: string, spec: string, span: BatchSpan, length: number, noise: (exact: readonly number[]) => ReleasedBatch | null, releasedAt: number): BatchRecord {
    const existing = this.selectClosed.get(site, spec, span.batch);
    if (existing) return recordOf(existing);
    const exact = new Array<number>(length).fill(0);
    for (const { idx, count } of this.selectCounts.all(site, spec, span.batch)) {
      if (idx >= length) throw new RangeError(`'length' passed to 'release': batch ${span.batch} of ${site}/${spec} has an entry at ${idx}, past ${length}`);
      exact[idx] = count;
    }
    const release = noise(exact);
    this.insertBatch.run({
      site, spec, ...span, releasedAt,
      withheld: release ? 0 : 1,
      sums: release ? JSON.stringify(release.sums) : null,
      reports: release?.reports ?? null,
      sigma: release?.sigma ?? null,
    });
    // The exact sums go with the release: from now on the server holds only what noise covers.
    this.deleteCounts.run(site, spec, span.batch);
    return { ...span, releasedAt, release };
  }
}
