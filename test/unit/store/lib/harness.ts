/**
 * Shared fixtures for the store tests: fake-indexeddb classes as globals (idb needs them; they hold no data),
 * one fresh factory per store so no test sees another's data, the two backends for parameterised suites, and
 * generated events.
 */
import { vi } from 'vitest';
import {
  IDBCursor, IDBCursorWithValue, IDBDatabase, IDBFactory, IDBIndex, IDBKeyRange, IDBObjectStore, IDBOpenDBRequest,
  IDBRequest, IDBTransaction, IDBVersionChangeEvent,
} from 'fake-indexeddb';
import { openStore, type OpenStoreOptions } from '../../../../src/worker/store/openStore';
import type { Store } from '../../../../src/worker/store/store';
import type { StoredEventInput } from '../../../../src/worker/store/schema';
import { MemoryTables } from '../../../../src/worker/store/lib/memoryTables';
import type { PageType } from '../../../../src/core/events/schema';

/** Installs the IndexedDB classes (not a factory) as globals; undo with `vi.unstubAllGlobals()`. */
export function installIdbClasses(): void {
  const classes = {
    IDBCursor, IDBCursorWithValue, IDBDatabase, IDBIndex, IDBKeyRange, IDBObjectStore, IDBOpenDBRequest, IDBRequest,
    IDBTransaction, IDBVersionChangeEvent,
  };
  for (const [name, value] of Object.entries(classes)) vi.stubGlobal(name, value);
}

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
/** A fixed "now" for the tests: 2025-01-15 12:00 UTC. */
export const T0 = Date.UTC(2025, 0, 15, 12);

/** A 32-hex-digit id, like the page assigns, from a number (so tests can reason about them). */
export function eventId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

/** A page view at `ts`. */
export function pageView(n: number, ts: number, pageType: PageType = 'product'): StoredEventInput {
  return { id: eventId(n), name: 'page_view', ts, page_type: pageType, path: `/p/${n}`, props: { page_type: pageType, path: `/p/${n}` } };
}

/** A purchase at `ts`. */
export function purchase(n: number, ts: number, value: number, transactionId?: string): StoredEventInput {
  return {
    id: eventId(n), name: 'purchase', ts, page_type: 'purchase',
    props: { items: [{ id: 'sku-1', quantity: 1, price: value }], value, ...(transactionId ? { transaction_id: transactionId } : {}) },
  };
}

/** One backend of the parameterised suite. */
export interface Backend {
  name: 'indexeddb' | 'memory';
  /** Opens an empty store. */
  open(options?: OpenStoreOptions): Promise<Store>;
  /** Opens two stores writing to the same data, as two tabs would (memory: the same store twice). */
  openPair(options?: OpenStoreOptions): Promise<[Store, Store]>;
  /**
   * Makes the next `attempts` appends fail with `QuotaExceededError` while writing their events. IndexedDB: the
   * second `add` of the transaction fails when it executes, as a full disk does, so the transaction aborts, the
   * other requests report `AbortError` and the first `add` must be rolled back (batches need two or more events).
   * Memory: its one insert throws before it changes anything.
   */
  failAppendAttempts(attempts: number): void;
}

function quotaError(): DOMException {
  return new DOMException('simulated full disk', 'QuotaExceededError');
}

/** The fake-indexeddb transaction internals the IndexedDB quota fault relies on. */
interface FakeTransaction {
  _requests: { request: unknown; operation: () => unknown }[];
}

function spyFailing<T extends object>(proto: T, method: keyof T & string, shouldFail: (self: unknown) => boolean): void {
  const original = proto[method] as (...args: unknown[]) => unknown;
  vi.spyOn(proto as Record<string, (...args: unknown[]) => unknown>, method).mockImplementation(function (this: unknown, ...args) {
    if (shouldFail(this)) throw quotaError();
    return original.apply(this, args);
  });
}

let dbCounter = 0;

export const BACKENDS: Backend[] = [
  {
    name: 'indexeddb',
    open: (options) => openStore({ indexedDB: new IDBFactory(), locks: null, ...options }),
    async openPair(options) {
      const factory = new IDBFactory();
      const name = `tailor-pair-${++dbCounter}`;
      return [
        await openStore({ indexedDB: factory, name, locks: null, ...options }),
        await openStore({ indexedDB: factory, name, locks: null, ...options }),
      ];
    },
    failAppendAttempts(attempts) {
      const addsPerTransaction = new Map<unknown, number>();
      const add = IDBObjectStore.prototype.add;
      vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
        const request = add.apply(this, args);
        const tx = this.transaction as unknown as FakeTransaction;
        const adds = (addsPerTransaction.get(tx) ?? 0) + 1;
        addsPerTransaction.set(tx, adds);
        if (adds === 2 && addsPerTransaction.size <= attempts) {
          // fake-indexeddb queues each request's operation; replace this one's with a failing write.
          const queued = tx._requests.find((entry) => entry.request === request);
          if (!queued) throw new Error('fake-indexeddb internals changed: the add request is not queued');
          queued.operation = () => {
            throw quotaError();
          };
        }
        return request;
      });
    },
  },
  {
    name: 'memory',
    open: (options) => openStore({ ...options, indexedDB: null }),
    async openPair(options) {
      const store = await openStore({ ...options, indexedDB: null });
      return [store, store];
    },
    failAppendAttempts(attempts) {
      let inserts = 0;
      spyFailing(MemoryTables.prototype, 'insert', () => ++inserts <= attempts);
    },
  },
];
