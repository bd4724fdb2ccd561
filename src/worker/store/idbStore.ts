/**
 * The IndexedDB-backed {@link Store}. Each public write is one transaction; see lib/appendBatch.ts for the
 * append and lib/idbRetention.ts for the sweep.
 */
import type { IDBPDatabase } from 'idb';
import { VISITOR_META_KEY, type TailorDB, type VisitorRecord } from './schema';
import type { Store } from './store';
import { appendBatch } from './lib/appendBatch';
import { appendWithRecovery, QUOTA_RECOVERY_KEEP } from './lib/appendWithRecovery';
import { compareByTsThenId } from './lib/eventOrder';
import { APPEND_STORES, idbAppendTx } from './lib/idbAppendTx';
import { inTransaction, requestAll } from './lib/idbRequests';
import { sweepIdb } from './lib/idbRetention';
import { jsonBytes } from './lib/jsonBytes';
import { retentionWindow } from './lib/retentionWindow';
import { checkKey, checkLimit, checkRecord, keepNewest } from './lib/storeArgs';
import { toStoreError } from './lib/storeError';
import { toVisitorState } from './lib/visitorState';
import { withStoreLock, type LockManagerLike } from './lib/withStoreLock';

/** Events read to extrapolate {@link Store.estimateBytes}; below this count the estimate is exact. */
export const BYTES_SAMPLE = 256;

/** What the IndexedDB store needs besides the open database. */
export interface IdbStoreDeps {
  factory: IDBFactory;
  name: string;
  clock: () => number;
  locks: LockManagerLike | undefined;
  newId: () => string;
  /** How long `deleteDatabase` waits for other connections to close. */
  timeoutMs: number;
}

/** Builds the store over an open database (see `openStore`). */
export function createIdbStore(db: IDBPDatabase<TailorDB>, deps: IdbStoreDeps): Store {
  const { factory, name, clock, locks, newId, timeoutMs } = deps;
  let closed = false;
  const open = (method: string): IDBPDatabase<TailorDB> => {
    if (closed) throw new Error(`'${method}' called on a closed store`);
    return db;
  };

  const append = (events: Parameters<typeof appendBatch>[1]) => {
    const tx = open('appendEvents').transaction(APPEND_STORES, 'readwrite');
    return inTransaction(tx, () => appendBatch(idbAppendTx(tx), events, newId));
  };

  const store: Store = {
    kind: 'indexeddb',
    appendEvents: (events) =>
      appendWithRecovery(events, append, async () =>
        store.applyRetention({ maxEvents: Math.floor((await store.countEvents()) * QUOTA_RECOVERY_KEEP) }),
      ),
    async eventsSince(since, options) {
      const limit = checkLimit(options?.limit, 'eventsSince');
      return open('eventsSince').getAllFromIndex('events', 'by-ts', IDBKeyRange.lowerBound(since), limit);
    },
    async eventsInSession(sessionId) {
      checkKey(sessionId, 'sessionId', 'eventsInSession');
      const events = await open('eventsInSession').getAllFromIndex('events', 'by-session', sessionId);
      return events.sort(compareByTsThenId);
    },
    async eventsNamed(names) {
      const conn = open('eventsNamed');
      const tx = conn.transaction('events');
      const index = tx.store.index('by-name');
      // One transaction: every name is read at the same version of the store.
      const lists = await inTransaction(tx, () => Promise.all(names.map((name) => index.getAll(name))));
      return lists.flat().sort(compareByTsThenId);
    },
    async allEvents(options) {
      const limit = checkLimit(options?.limit, 'allEvents');
      const conn = open('allEvents');
      if (limit === undefined) return conn.getAllFromIndex('events', 'by-ts');
      // Jump to the limit-th newest ts with one advance, then read from there: two requests, not `limit`.
      const tx = conn.transaction('events');
      return inTransaction(tx, async () => {
        const cursor = await tx.store.index('by-ts').openKeyCursor(null, 'prev');
        const boundary = limit > 1 && cursor ? await cursor.advance(limit - 1) : cursor;
        const events = await tx.store.index('by-ts').getAll(boundary ? IDBKeyRange.lowerBound(boundary.key) : null);
        return keepNewest(events, limit);
      });
    },
    countEvents: async () => open('countEvents').count('events'),
    async eventStamp() {
      const tx = open('eventStamp').transaction('events');
      return inTransaction(tx, async () => {
        // A key cursor on the ts index, backwards: the newest (ts, id) without reading the event itself.
        const [count, cursor] = await Promise.all([tx.store.count(), tx.store.index('by-ts').openKeyCursor(null, 'prev')]);
        return { count, newest: cursor ? { ts: cursor.key, id: cursor.primaryKey } : null };
      });
    },
    sessions: async () => open('sessions').getAllFromIndex('sessions', 'by-start'),
    async visitorState(now = clock()) {
      const record = (await open('visitorState').get('meta', VISITOR_META_KEY)) as VisitorRecord | undefined;
      return toVisitorState(record, now);
    },
    async putDecision(decision) {
      await open('putDecision').put('decisions', checkRecord(decision, 'decision', 'putDecision'));
    },
    async decisions(options) {
      const limit = checkLimit(options?.limit, 'decisions');
      const all = await open('decisions').getAllFromIndex('decisions', 'by-ts', IDBKeyRange.lowerBound(options?.since ?? -Infinity));
      return keepNewest(all, limit);
    },
    async outboxPut(record) {
      await open('outboxPut').put('outbox', checkRecord(record, 'record', 'outboxPut'));
    },
    async outboxList(options) {
      return open('outboxList').getAllFromIndex('outbox', 'by-ts', null, checkLimit(options?.limit, 'outboxList'));
    },
    async outboxDelete(ids) {
      ids.forEach((id) => checkKey(id, 'ids', 'outboxDelete'));
      const tx = open('outboxDelete').transaction('outbox', 'readwrite');
      return inTransaction(tx, async () => {
        const found = await requestAll(new Set(ids), (id) => tx.store.getKey(id));
        const existing = found.filter((id): id is string => id !== undefined);
        await requestAll(existing, (id) => tx.store.delete(id));
        return existing.length;
      });
    },
    async getMeta<T>(key: string) {
      return (await open('getMeta').get('meta', checkKey(key, 'key', 'getMeta'))) as T | undefined;
    },
    async setMeta(key, value) {
      if (checkKey(key, 'key', 'setMeta') === VISITOR_META_KEY) {
        throw new RangeError(`'key' passed to 'setMeta' must not be '${VISITOR_META_KEY}', which the store maintains`);
      }
      await open('setMeta').put('meta', value, key);
    },
    async estimateBytes() {
      const tx = open('estimateBytes').transaction('events');
      // Ids are random, so the first records in key order are a uniform sample.
      const [count, sample] = await inTransaction(tx, () => Promise.all([tx.store.count(), tx.store.getAll(null, BYTES_SAMPLE)]));
      const sampleBytes = sample.reduce((sum, event) => sum + jsonBytes(event), 0);
      return sample.length === 0 ? 0 : Math.round((sampleBytes / sample.length) * count);
    },
    async applyRetention(options) {
      const window = retentionWindow(options, clock);
      const conn = open('applyRetention');
      try {
        return await withStoreLock(locks, () => sweepIdb(conn, window));
      } catch (error) {
        return { deletedByAge: 0, deletedByCap: 0, sessionsDeleted: 0, decisionsDeleted: 0, outboxDeleted: 0, error: toStoreError(error) };
      }
    },
    async clearAll() {
      const tx = open('clearAll').transaction(['events', 'sessions', 'decisions', 'outbox', 'meta'], 'readwrite');
      await inTransaction(tx, () => requestAll(tx.objectStoreNames, (storeName) => tx.objectStore(storeName).clear()));
    },
    async deleteDatabase() {
      open('deleteDatabase').close();
      closed = true;
      await deleteWithTimeout(factory, name, timeoutMs);
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
  return store;
}

/** Deletes database `name`; rejects if the deletion fails or stays blocked for `timeoutMs` (it then completes later). */
function deleteWithTimeout(factory: IDBFactory, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    const timer = setTimeout(
      () => reject(new Error(`'deleteDatabase' is still blocked by another connection after ${timeoutMs} ms; it will complete once that closes`)),
      timeoutMs,
    );
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error(`'deleteDatabase' failed for '${name}'`));
    };
  });
}
