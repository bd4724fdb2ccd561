/**
 * The data of the memory store: the same five tables as the database, with events also kept in `(ts, id)`
 * order (the `by-ts` index) so range reads and oldest-first deletes are binary searches and prefix cuts.
 * Values are cloned on the way in, so callers can no more mutate stored data than they can in IndexedDB.
 */
import {
  VISITOR_META_KEY, type DecisionRecord, type OutboxRecord, type SessionRecord, type StoredEvent, type VisitorRecord,
} from '../schema';
import type { RetentionResult } from '../store';
import type { AppendTx } from './appendBatch';
import { compareByTsThenId } from './eventOrder';
import { utf8Length } from './jsonBytes';
import type { RetentionWindow } from './retentionWindow';

/** The tables, with byte accounting against a quota so the fallback cannot grow without bound. */
export class MemoryTables {
  readonly events = new Map<string, StoredEvent>();
  /** The same event objects as `events`, ordered by `(ts, id)`. */
  ordered: StoredEvent[] = [];
  /** UTF-8 JSON bytes of all stored events. */
  bytes = 0;
  readonly sessions = new Map<string, SessionRecord>();
  readonly decisions = new Map<string, DecisionRecord>();
  readonly outbox = new Map<string, OutboxRecord>();
  readonly meta = new Map<string, unknown>();
  private readonly sizes = new Map<string, number>();

  constructor(private readonly quotaBytes: number) {}

  /** Index of the first event with `ts >= ts` (or with `ts > ts` when `after`). */
  position(ts: number, after = false): number {
    let [lo, hi] = [0, this.ordered.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.ordered[mid]!.ts;
      if (at < ts || (after && at === ts)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds new events (ids must not be stored); throws `QuotaExceededError` before changing anything. */
  insert(events: readonly StoredEvent[]): void {
    // Events are JSON data by schema, so one stringify serves as both the size measure and the copy.
    const sized = events.map((event) => {
      const text = JSON.stringify(event);
      return { event: JSON.parse(text) as StoredEvent, size: utf8Length(text) };
    });
    const added = sized.reduce((sum, { size }) => sum + size, 0);
    if (this.bytes + added > this.quotaBytes) {
      throw new DOMException(`the memory store is limited to ${this.quotaBytes} bytes`, 'QuotaExceededError');
    }
    for (const { event, size } of sized) {
      this.events.set(event.id, event);
      this.sizes.set(event.id, size);
    }
    this.bytes += added;
    const incoming = sized.map(({ event }) => event).sort(compareByTsThenId);
    const last = this.ordered[this.ordered.length - 1];
    const first = incoming[0];
    // Appending in time order is the common case: no merge needed.
    if (!last || !first || compareByTsThenId(last, first) < 0) {
      for (const event of incoming) this.ordered.push(event);
    } else this.ordered = mergeSorted(this.ordered, incoming);
  }

  /** Deletes the `count` oldest events. */
  dropOldest(count: number): void {
    for (const event of this.ordered.splice(0, count)) {
      this.events.delete(event.id);
      this.bytes -= this.sizes.get(event.id) ?? 0;
      this.sizes.delete(event.id);
    }
  }

  clear(): void {
    for (const table of [this.events, this.sessions, this.decisions, this.outbox, this.meta, this.sizes]) table.clear();
    this.ordered = [];
    this.bytes = 0;
  }
}

function mergeSorted(a: readonly StoredEvent[], b: readonly StoredEvent[]): StoredEvent[] {
  const out: StoredEvent[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) out.push(compareByTsThenId(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** {@link AppendTx} over the tables; the memory store runs it under its own write lock. */
export function memoryAppendTx(tables: MemoryTables): AppendTx {
  return {
    storedIds: async (ids) => new Set(ids.filter((id) => tables.events.has(id))),
    async storedTransactions(transactionIds) {
      const wanted = new Set(transactionIds);
      const found = new Set<string>();
      for (const event of tables.events.values()) {
        if (event.name === 'purchase' && event.props.transaction_id !== undefined && wanted.has(event.props.transaction_id)) {
          found.add(event.props.transaction_id);
        }
      }
      return found;
    },
    sessionsOverlapping: async (from, to) =>
      [...tables.sessions.values()].filter((row) => row.end >= from && row.start <= to).map((row) => ({ ...row })),
    addEvents: async (events) => tables.insert(events),
    async mergeSession(from, into) {
      for (const event of tables.ordered) if (event.session_id === from) event.session_id = into;
      tables.sessions.delete(from);
    },
    async putSessions(rows) {
      for (const row of rows) tables.sessions.set(row.id, { ...row });
    },
    newestSessions: async (count) =>
      [...tables.sessions.values()]
        .sort((a, b) => b.start - a.start || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .slice(0, count)
        .map((row) => ({ ...row })),
    getVisitor: async () => structuredClone(tables.meta.get(VISITOR_META_KEY) as VisitorRecord | undefined),
    async putVisitor(record) {
      tables.meta.set(VISITOR_META_KEY, structuredClone(record));
    },
  };
}

/** The retention sweep with the same rules as the IndexedDB one (lib/idbRetention.ts). */
export function sweepMemory(tables: MemoryTables, { cutoff, maxEvents }: RetentionWindow): RetentionResult {
  const deletedByAge = tables.position(cutoff);
  const deletedByCap = Math.max(0, tables.ordered.length - deletedByAge - maxEvents);
  tables.dropOldest(deletedByAge + deletedByCap);
  const oldest = tables.ordered[0]?.ts ?? Infinity;
  const drop = <T extends { id: string }>(table: Map<string, T>, isDue: (row: T) => boolean): number => {
    const due = [...table.values()].filter(isDue);
    for (const row of due) table.delete(row.id);
    return due.length;
  };
  return {
    deletedByAge,
    deletedByCap,
    sessionsDeleted: drop(tables.sessions, (row) => row.end < oldest),
    decisionsDeleted: drop(tables.decisions, (row) => row.ts < cutoff),
    outboxDeleted: drop(tables.outbox, (row) => row.ts < cutoff),
  };
}
