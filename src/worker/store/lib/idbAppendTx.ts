/**
 * {@link AppendTx} over one IndexedDB readwrite transaction. Independent requests are issued together and
 * awaited together (`requestAll`): IndexedDB runs them in order anyway, and not waiting for each answer before
 * sending the next is what makes a 10 000-event batch one round of I/O instead of 10 000.
 */
import type { IDBPTransaction } from 'idb';
import { VISITOR_META_KEY, type SessionRecord, type TailorDB, type VisitorRecord } from '../schema';
import type { AppendTx } from './appendBatch';
import { requestAll } from './idbRequests';

/**
 * Above this many ids, duplicates are found with one key-range read of the store's keys instead of one request
 * per id (fake-indexeddb: 10 000 `getKey`s take about 2 s, reading 20 000 keys at once 0.1 s). Ids are random,
 * so the range spans most of the store: cheap for a large batch, wasteful for the usual handful of events.
 */
export const KEY_SCAN_THRESHOLD = 256;

/** The stores an append touches. */
export const APPEND_STORES = ['events', 'sessions', 'meta'] as const;

/** A readwrite transaction over {@link APPEND_STORES}. */
export type AppendTransaction = IDBPTransaction<TailorDB, typeof APPEND_STORES, 'readwrite'>;

/** Adapts `tx` to {@link AppendTx}; every method only awaits requests of `tx`. */
export function idbAppendTx(tx: AppendTransaction): AppendTx {
  const events = tx.objectStore('events');
  const sessions = tx.objectStore('sessions');
  const meta = tx.objectStore('meta');
  return {
    async storedIds(ids) {
      if (ids.length > KEY_SCAN_THRESHOLD) {
        const sorted = [...ids].sort();
        const range = IDBKeyRange.bound(sorted[0]!, sorted[sorted.length - 1]!);
        const present = new Set(await events.getAllKeys(range));
        return new Set(ids.filter((id) => present.has(id)));
      }
      const keys = await requestAll(ids, (id) => events.getKey(id));
      return new Set(keys.filter((key): key is string => key !== undefined));
    },
    async storedTransactions(transactionIds) {
      const index = events.index('by-transaction');
      const found = await requestAll(transactionIds, (id) => index.getKey(id));
      return new Set(transactionIds.filter((_, i) => found[i] !== undefined));
    },
    async sessionsOverlapping(from, to) {
      // Sessions are few (one per visit), so reading every row that ends after `from` is cheap.
      const rows = await sessions.index('by-end').getAll(IDBKeyRange.lowerBound(from));
      return rows.filter((row) => row.start <= to);
    },
    async addEvents(list) {
      await requestAll(list, (event) => events.add(event));
    },
    async mergeSession(from, into) {
      const moved = await events.index('by-session').getAll(from);
      const writes: (() => Promise<unknown>)[] = moved.map((event) => () => events.put({ ...event, session_id: into }));
      writes.push(() => sessions.delete(from));
      await requestAll(writes, (issue) => issue());
    },
    async putSessions(rows) {
      await requestAll(rows, (row) => sessions.put(row));
    },
    async newestSessions(count) {
      const newest: SessionRecord[] = [];
      let cursor = await sessions.index('by-start').openCursor(null, 'prev');
      while (cursor && newest.length < count) {
        newest.push(cursor.value);
        if (newest.length < count) cursor = await cursor.continue();
      }
      return newest;
    },
    async getVisitor() {
      return (await meta.get(VISITOR_META_KEY)) as VisitorRecord | undefined;
    },
    async putVisitor(record) {
      await meta.put(record, VISITOR_META_KEY);
    },
  };
}
