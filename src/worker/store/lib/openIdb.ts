/**
 * Opens the `tailor` database from a given factory, giving up (with a reason) rather than waiting forever.
 *
 * idb's `openDB` always uses the global `indexedDB`; opening through the injected factory and wrapping the
 * request with idb's `wrap` keeps the factory injectable (tests use one fake-indexeddb factory per case).
 */
import { wrap, type IDBPDatabase } from 'idb';
import { upgradeTailorDB, type UpgradeTransaction } from '../migrations';
import { DB_VERSION, STORE_NAMES, type TailorDB } from '../schema';
import { toStoreError } from './storeError';

/** Either an open database or why there is none. */
export type OpenIdbOutcome = { db: IDBPDatabase<TailorDB> } | { reason: string };

/** Options of {@link openIdb}. */
export interface OpenIdbOptions {
  /** Give up after this many ms without an answer (Safari has hung opens; other tabs can hold us up). */
  timeoutMs: number;
  /** Called once if the open connection is later closed under us, with why. */
  onLost: (reason: string) => void;
  /** Schema version to open; only tests pass anything but {@link DB_VERSION}. */
  version?: number;
}

function describeOpenError(error: DOMException | null): string {
  if (error?.name === 'VersionError') return 'a newer version of the database exists (opened by a newer Tailor)';
  const { name, message } = toStoreError(error ?? 'unknown error');
  return `open failed: ${name}: ${message}`;
}

/**
 * Opens `name` at {@link DB_VERSION}, running the migrations it lacks. Resolves with a reason instead of
 * rejecting when the factory throws, the open fails, is blocked by an older connection that does not close,
 * or takes longer than `timeoutMs` (which is also how a queue behind another tab's blocked upgrade shows).
 * A connection that opens after we gave up is closed at once so it blocks nobody.
 */
export function openIdb(factory: IDBFactory, name: string, options: OpenIdbOptions): Promise<OpenIdbOutcome> {
  const { timeoutMs, onLost, version = DB_VERSION } = options;
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, version);
    } catch (error) {
      const { name: errorName, message } = toStoreError(error);
      resolve({ reason: `IndexedDB unavailable: open threw ${errorName}: ${message}` });
      return;
    }
    let settled = false;
    const settle = (outcome: OpenIdbOutcome): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      return true;
    };
    const timer = setTimeout(() => settle({ reason: `open timed out after ${timeoutMs} ms` }), timeoutMs);

    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      if (!tx) return;
      const db = wrap(request.result) as unknown as IDBPDatabase<TailorDB>;
      const upgradeTx = wrap(tx) as unknown as UpgradeTransaction;
      // A failed upgrade is reported through the open request's error; its `done` need not be reported twice.
      upgradeTx.done.catch(() => undefined);
      upgradeTailorDB(db, event.oldVersion, event.newVersion, upgradeTx).catch(() => {
        // Aborting fails the open request, which settles with the error below.
        try {
          tx.abort();
        } catch {
          // Already finished: nothing left to undo.
        }
      });
    };
    request.onblocked = () =>
      settle({ reason: 'blocked: another tab keeps an older version of the database open' });
    request.onerror = (event) => {
      event.preventDefault();
      settle({ reason: describeOpenError(request.error) });
    };
    request.onsuccess = () => {
      const raw = request.result;
      if (settled) {
        raw.close();
        return;
      }
      // A database at our version that other code created (same name, none of our stores) fails every
      // transaction; better memory, said once, than a store that loses each write.
      const missing = version === DB_VERSION ? STORE_NAMES.filter((store) => !raw.objectStoreNames.contains(store)) : [];
      if (missing.length > 0) {
        raw.close();
        settle({ reason: `the database lacks Tailor's object stores (${missing.join(', ')}): another script created it` });
        return;
      }
      // Another tab upgrading or deleting the database: step aside at once instead of blocking it.
      raw.addEventListener('versionchange', () => {
        raw.close();
        onLost('closed: another tab upgraded or deleted the database');
      });
      // Fired only on abnormal closes (storage cleared by the user, disk error), never after our own close().
      raw.addEventListener('close', () => onLost('closed by the browser (storage cleared or failing)'));
      settle({ db: wrap(raw) as unknown as IDBPDatabase<TailorDB> });
    };
  });
}
