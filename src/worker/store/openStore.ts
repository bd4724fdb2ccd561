/**
 * Opens the local event store: IndexedDB when it works, memory otherwise, behind the same {@link Store}.
 */
import { DB_NAME } from './schema';
import type { Store } from './store';
import { createIdbStore } from './idbStore';
import { createMemoryStore } from './memoryStore';
import { createFailoverStore, type FailoverStore } from './lib/failoverStore';
import { openIdb } from './lib/openIdb';
import { randomId } from './lib/randomId';
import { defaultLockManager, type LockManagerLike } from './lib/withStoreLock';

/** How long opening may take before the store settles for memory. */
export const DEFAULT_OPEN_TIMEOUT_MS = 3000;

/** Options of {@link openStore}; all optional. */
export interface OpenStoreOptions {
  /**
   * The factory to open with; defaults to the global `indexedDB`. `null` forces the memory store. idb still
   * needs the IndexedDB classes (`IDBRequest`, `IDBKeyRange`…) as globals, which browsers and workers have.
   */
  indexedDB?: IDBFactory | null;
  /** Database name; defaults to {@link DB_NAME}. */
  name?: string;
  /** Give up on IndexedDB after this many ms; default {@link DEFAULT_OPEN_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Lock manager for the retention sweep; defaults to `navigator.locks`; `null` disables locking. */
  locks?: LockManagerLike | null;
  /** Clock for `visitorState` and `applyRetention` defaults; defaults to `Date.now`. */
  clock?: () => number;
  /** Byte bound of the memory store (see `DEFAULT_MEMORY_QUOTA_BYTES`). */
  memoryQuotaBytes?: number;
  /** Told why, whenever the store settles for or switches to memory (e.g. to log it once). */
  onFallback?: (reason: string) => void;
}

/**
 * Opens the store. Never rejects for environmental reasons: when IndexedDB is missing, throws, fails, is
 * blocked or does not answer within `timeoutMs`, the result is a memory store whose `reason` says why. A store
 * that opened on IndexedDB switches to memory if its connection is later closed by another tab or the browser.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const { name = DB_NAME, timeoutMs = DEFAULT_OPEN_TIMEOUT_MS, clock = Date.now, memoryQuotaBytes, onFallback } = options;
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`'name' passed to 'openStore' must be a non-empty string, got ${typeof name}`);
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new RangeError(`'timeoutMs' passed to 'openStore' must be a positive number of ms, got ${String(timeoutMs)}`);
  }
  const factory = options.indexedDB === undefined
    ? (globalThis as { indexedDB?: IDBFactory }).indexedDB
    : options.indexedDB;
  const locks = options.locks === undefined ? defaultLockManager() : (options.locks ?? undefined);
  const memory = (reason: string): Store => {
    onFallback?.(reason);
    return createMemoryStore({ reason, clock, ...(memoryQuotaBytes === undefined ? {} : { quotaBytes: memoryQuotaBytes }) });
  };
  if (!factory) return memory('IndexedDB unavailable');

  // The connection can only be lost after it opened, by which time `switchToMemory` is set.
  let switchToMemory: FailoverStore['fail'] = () => undefined;
  const outcome = await openIdb(factory, name, { timeoutMs, onLost: (reason) => switchToMemory(reason) });
  if ('reason' in outcome) return memory(outcome.reason);
  const failover = createFailoverStore(
    createIdbStore(outcome.db, { factory, name, clock, locks, newId: randomId, timeoutMs }),
    memory,
  );
  switchToMemory = failover.fail;
  return failover.store;
}
