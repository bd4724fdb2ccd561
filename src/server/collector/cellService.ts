/**
 * The central channel's learning loop, per site: close every batch whose reports have all arrived (noise once,
 * exact sums deleted), learn each cell's allocation from the batches released within the window, test the
 * stop-loss on the same batches, and serve the result as the config's `cells`. Recomputed at most every
 * `recomputeMs` (the config's own interval) or on demand. Everything after the release is a function of the
 * released batches alone, so two collectors over the same database serve the same `cells`.
 *
 * A site with no measurements gets the prior-only allocation (the model bundle's best guess per cell), never
 * null, and nothing is stored for it: asking about made-up sites costs no disk.
 */
import {
  batchStart,
  measurementLength,
  nightlyCellPolicy,
  releaseSums,
  servedCells,
  stopLossOf,
  type CellPolicy,
  type ServedCells,
  type StopLoss,
} from '../../core/learning';
import { utcDay } from '../../core/privacy';
import type { BatchRecord, BatchSpan, MeasurementStore } from './measurementStore';
import type { CentralSettings, ResolvedDeps } from './settings';

/** What the service needs. */
export interface CellServiceOptions {
  measurements: MeasurementStore;
  central: CentralSettings;
  grossMargin: number;
  now: () => number;
  recomputeMs: number;
  /** Batches that ended within this many days are learned from. */
  windowDays: number;
}

/** A closed batch with what it alone says about the policy against the holdout (the learning curve). */
export interface BatchOutcome {
  record: BatchRecord;
  /** Stop-loss test over this batch alone (margins null when it holds too few exposures). */
  alone: StopLoss | null;
  /** Whether the current allocation was learned from it. */
  learned: boolean;
}

/** A site's learning state: what the config serves and what the dashboard and `/v1/cells` show. */
export interface CellLearning {
  site: string;
  served: ServedCells;
  policy: CellPolicy;
  stopLoss: StopLoss;
  /** UTC day batch 0 starts on; null before the first measurement. */
  epoch: number | null;
  batches: BatchOutcome[];
  /** The batch collecting now and the first day it can be released on; null before the first measurement. */
  open: (BatchSpan & { releaseDay: number }) | null;
}

const MAX_CACHED_SITES = 1000;

/** The days of batch `batch` of a schedule starting on `epoch`. */
export function batchSpan(epoch: number, batch: number, maxBatchDays: number): BatchSpan {
  return { batch, firstDay: epoch + batchStart(batch, maxBatchDays), lastDay: epoch + batchStart(batch + 1, maxBatchDays) - 1 };
}

/** Batches that are due on `today`: every report of theirs has arrived (last day + lag is past). */
export function dueBatches(epoch: number, today: number, maxBatchDays: number, reportLagDays: number): BatchSpan[] {
  const out: BatchSpan[] = [];
  for (let b = 0; ; b++) {
    const span = batchSpan(epoch, b, maxBatchDays);
    if (!(span.lastDay + reportLagDays < today)) return out;
    out.push(span);
  }
}

/** Per-site learning over the measurement store. */
export class CellService {
  private readonly cache = new Map<string, { learning: CellLearning; at: number }>();

  constructor(private readonly options: CellServiceOptions) {}

  /** The site's learning state, recomputed first when the cached one is stale. */
  current(site: string): CellLearning {
    const hit = this.cache.get(site);
    if (hit && this.options.now() - hit.at < this.options.recomputeMs) return hit.learning;
    return this.recompute(site);
  }

  /** Releases what is due and learns again now. */
  recompute(site: string): CellLearning {
    const { now } = this.options;
    const learning = this.learn(site, utcDay(now()));
    this.cache.delete(site);
    this.cache.set(site, { learning, at: now() });
    while (this.cache.size > MAX_CACHED_SITES) this.cache.delete(this.cache.keys().next().value!);
    return learning;
  }

  /** Closes every due batch of the site that is still open; returns all closed batches, oldest first. */
  private releaseDue(site: string, epoch: number, today: number): BatchRecord[] {
    const { measurements, central, now } = this.options;
    const spec = central.cellPrior.spec;
    const closed = new Set(measurements.closed(site, spec.version).map((r) => r.batch));
    const length = measurementLength(spec);
    for (const span of dueBatches(epoch, today, central.maxBatchDays, central.reportLagDays)) {
      if (closed.has(span.batch)) continue;
      measurements.release(site, spec.version, span, length, (exact) => releaseSums(span.batch, exact, central.dp, central.noise), now());
    }
    return measurements.closed(site, spec.version);
  }

  private learn(site: string, today: number): CellLearning {
    const { measurements, central, grossMargin, windowDays } = this.options;
    const { spec, prior } = central.cellPrior;
    const epoch = measurements.epoch(site, spec.version);
    const records = epoch === null ? [] : this.releaseDue(site, epoch, today);
    // Batches that ended within the window, released (a withheld batch published nothing to learn from).
    const inWindow = (r: BatchRecord) => r.release !== null && r.lastDay >= today - windowDays + 1;
    const learnedFrom = records.filter(inWindow).map((r) => r.release!);
    const { policy, stopLoss } = nightlyCellPolicy({ spec, batches: learnedFrom, prior, grossMargin, tuning: central.tuning });
    const batches = records.map((record) => ({
      record,
      alone: record.release ? stopLossOf(spec, [record.release], grossMargin) : null,
      learned: inWindow(record),
    }));
    return { site, served: servedCells(spec, policy, central.dp, stopLoss), policy, stopLoss, epoch, batches, open: epoch === null ? null : this.openBatch(epoch, records) };
  }

  /** The first batch not closed yet, and the first day it can be released on. */
  private openBatch(epoch: number, records: readonly BatchRecord[]): BatchSpan & { releaseDay: number } {
    const { maxBatchDays, reportLagDays } = this.options.central;
    const next = records.length === 0 ? 0 : records[records.length - 1]!.batch + 1;
    const span = batchSpan(epoch, next, maxBatchDays);
    return { ...span, releaseDay: span.lastDay + reportLagDays + 1 };
  }
}

/** The service for resolved deps: null on the local channel. */
export function createCellService(deps: ResolvedDeps): CellService | null {
  if (deps.central === null) return null;
  return new CellService({
    measurements: deps.measurements,
    central: deps.central,
    grossMargin: deps.settings.grossMargin,
    now: deps.now,
    recomputeMs: deps.recomputeMs,
    windowDays: deps.windowDays,
  });
}
