/**
 * The in-memory {@link Store}, used when IndexedDB cannot be (private modes, sandboxed frames, blocked or hung
 * opens, a database closed under us). Same contract as the IndexedDB store; the data lives as long as the worker.
 *
 * Writes run one at a time through a promise chain, standing in for IndexedDB's serialised readwrite
 * transactions: the shared append algorithm awaits between its reads and writes, and two appends must not
 * interleave there.
 */
import { VISITOR_META_KEY, type StoredEvent, type VisitorRecord } from './schema';
import type { RetentionResult, Store } from './store';
import { appendBatch } from './lib/appendBatch';
import { appendWithRecovery, QUOTA_RECOVERY_KEEP } from './lib/appendWithRecovery';
import { compareByTsThenId } from './lib/eventOrder';
import { memoryAppendTx, MemoryTables, sweepMemory } from './lib/memoryTables';
import { randomId } from './lib/randomId';
import { retentionWindow } from './lib/retentionWindow';
import { checkKey, checkLimit, checkRecord, keepNewest } from './lib/storeArgs';
import { toStoreError } from './lib/storeError';
import { toVisitorState } from './lib/visitorState';

/** Default bound on the memory store's events, in UTF-8 JSON bytes (about 50 000 typical events). */
export const DEFAULT_MEMORY_QUOTA_BYTES = 16 * 1024 * 1024;

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Why the store runs in memory; reported as `reason`. */
  reason: string;
  clock?: () => number;
  /** Appends beyond this many event bytes fail with `QuotaExceededError`, like a full disk would. */
  quotaBytes?: number;
  newId?: () => string;
}

/** Creates an empty memory store. */
export function createMemoryStore(options: MemoryStoreOptions): Store {
  const { reason, clock = Date.now, quotaBytes = DEFAULT_MEMORY_QUOTA_BYTES, newId = randomId } = options;
  if (!(quotaBytes > 0)) {
    throw new RangeError(`'quotaBytes' passed to 'createMemoryStore' must be a positive number, got ${String(quotaBytes)}`);
  }
  const tables = new MemoryTables(quotaBytes);
  let closed = false;
  let writes: Promise<unknown> = Promise.resolve();
  const open = (method: string): MemoryTables => {
    if (closed) throw new Error(`'${method}' called on a closed store`);
    return tables;
  };
  const serial = <T>(work: () => T | Promise<T>): Promise<T> => {
    const run = writes.then(work);
    writes = run.catch(() => undefined);
    return run;
  };
  const copy = <T>(value: T): T => structuredClone(value);
  // Events are JSON data by schema; a JSON round trip copies them several times faster than structuredClone in V8.
  const copyEvents = (events: readonly StoredEvent[]): StoredEvent[] => JSON.parse(JSON.stringify(events)) as StoredEvent[];

  const store: Store = {
    kind: 'memory',
    reason,
    appendEvents: (events) =>
      appendWithRecovery(
        events,
        (batch) => serial(() => appendBatch(memoryAppendTx(open('appendEvents')), batch, newId)),
        async () => store.applyRetention({ maxEvents: Math.floor((await store.countEvents()) * QUOTA_RECOVERY_KEEP) }),
      ),
    async eventsSince(since, options) {
      const limit = checkLimit(options?.limit, 'eventsSince');
      const t = open('eventsSince');
      const from = t.position(since);
      return copyEvents(t.ordered.slice(from, limit === undefined ? undefined : from + limit));
    },
    async eventsInSession(sessionId) {
      checkKey(sessionId, 'sessionId', 'eventsInSession');
      return copyEvents(open('eventsInSession').ordered.filter((event) => event.session_id === sessionId));
    },
    async eventsNamed(names) {
      const wanted = new Set<string>(names);
      return copyEvents(open('eventsNamed').ordered.filter((event) => wanted.has(event.name)));
    },
    async allEvents(options) {
      return copyEvents(keepNewest(open('allEvents').ordered, checkLimit(options?.limit, 'allEvents')));
    },
    countEvents: async () => open('countEvents').ordered.length,
    async eventStamp() {
      const { ordered } = open('eventStamp');
      const last = ordered[ordered.length - 1];
      return { count: ordered.length, newest: last ? { ts: last.ts, id: last.id } : null };
    },
    sessions: async () =>
      copy([...open('sessions').sessions.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1))),
    async visitorState(now = clock()) {
      return toVisitorState(open('visitorState').meta.get(VISITOR_META_KEY) as VisitorRecord | undefined, now);
    },
    async putDecision(decision) {
      const t = open('putDecision');
      const record = copy(checkRecord(decision, 'decision', 'putDecision'));
      await serial(() => void t.decisions.set(record.id, record));
    },
    async decisions(options) {
      const limit = checkLimit(options?.limit, 'decisions');
      const since = options?.since ?? -Infinity;
      const all = [...open('decisions').decisions.values()].filter((d) => d.ts >= since).sort(compareByTsThenId);
      return copy(keepNewest(all, limit));
    },
    async outboxPut(record) {
      const t = open('outboxPut');
      const checked = copy(checkRecord(record, 'record', 'outboxPut'));
      await serial(() => void t.outbox.set(checked.id, checked));
    },
    async outboxList(options) {
      const limit = checkLimit(options?.limit, 'outboxList');
      return copy([...open('outboxList').outbox.values()].sort(compareByTsThenId).slice(0, limit));
    },
    async outboxDelete(ids) {
      ids.forEach((id) => checkKey(id, 'ids', 'outboxDelete'));
      const t = open('outboxDelete');
      return serial(() => [...new Set(ids)].filter((id) => t.outbox.delete(id)).length);
    },
    async getMeta<T>(key: string) {
      return copy(open('getMeta').meta.get(checkKey(key, 'key', 'getMeta')) as T | undefined);
    },
    async setMeta(key, value) {
      if (checkKey(key, 'key', 'setMeta') === VISITOR_META_KEY) {
        throw new RangeError(`'key' passed to 'setMeta' must not be '${VISITOR_META_KEY}', which the store maintains`);
      }
      const t = open('setMeta');
      const stored = copy(value);
      await serial(() => void t.meta.set(key, stored));
    },
    estimateBytes: async () => open('estimateBytes').bytes,
    async applyRetention(options) {
      const window = retentionWindow(options, clock);
      const t = open('applyRetention');
      try {
        return await serial(() => sweepMemory(t, window));
      } catch (error) {
        const failed: RetentionResult = { deletedByAge: 0, deletedByCap: 0, sessionsDeleted: 0, decisionsDeleted: 0, outboxDeleted: 0 };
        return { ...failed, error: toStoreError(error) };
      }
    },
    async clearAll() {
      const t = open('clearAll');
      await serial(() => t.clear());
    },
    async deleteDatabase() {
      const t = open('deleteDatabase');
      await serial(() => t.clear());
      closed = true;
    },
    close() {
      closed = true;
    },
  };
  return store;
}
