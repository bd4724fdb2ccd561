/**
 * Versioned schema migrations for the `tailor` database.
 *
 * Step `i` upgrades version `i` to `i + 1`; a database at any older version is brought forward by running the
 * steps it has not seen, in order, inside the one `versionchange` transaction. To change the schema, append a
 * step: never edit a shipped one, because a tab may still hold a database it created.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { TailorDB } from './schema';

/** The `versionchange` transaction a step runs in. */
export type UpgradeTransaction = IDBPTransaction<TailorDB, StoreNames<TailorDB>[], 'versionchange'>;

/**
 * One upgrade step. It may be async (to rewrite records with cursors) but must only await requests of `tx`,
 * or the transaction commits under it.
 */
export type Migration = (db: IDBPDatabase<TailorDB>, tx: UpgradeTransaction) => void | Promise<void>;

/** The ordered upgrade steps; `DB_VERSION` is their count. */
export const MIGRATIONS: readonly Migration[] = [
  // v1: events with their lookup indexes, sessions, decisions, outbox and meta.
  (db) => {
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('by-ts', 'ts');
    events.createIndex('by-name', 'name');
    events.createIndex('by-session', 'session_id');
    // Only purchases carry props.transaction_id; IndexedDB leaves other records out of the index.
    events.createIndex('by-transaction', 'props.transaction_id');
    const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
    sessions.createIndex('by-start', 'start');
    sessions.createIndex('by-end', 'end');
    db.createObjectStore('decisions', { keyPath: 'id' }).createIndex('by-ts', 'ts');
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-ts', 'ts');
    db.createObjectStore('meta');
  },
];

/**
 * Runs `steps[oldVersion]` … `steps[newVersion - 1]` in order. Generic over the step list so the ordering
 * contract can be tested with steps that record their calls.
 */
export async function runMigrations<Db, Tx>(
  steps: readonly ((db: Db, tx: Tx) => void | Promise<void>)[],
  db: Db,
  oldVersion: number,
  newVersion: number | null,
  tx: Tx,
): Promise<void> {
  const target = newVersion ?? steps.length;
  if (!Number.isInteger(oldVersion) || oldVersion < 0 || target > steps.length || oldVersion > target) {
    throw new RangeError(
      `'oldVersion' ${oldVersion} and 'newVersion' ${String(newVersion)} passed to 'runMigrations' must satisfy ` +
        `0 <= oldVersion <= newVersion <= ${steps.length} (the number of known steps)`,
    );
  }
  for (let version = oldVersion; version < target; version++) await steps[version]!(db, tx);
}

/** The `upgrade` callback for the `tailor` database: runs the missing {@link MIGRATIONS}. */
export function upgradeTailorDB(
  db: IDBPDatabase<TailorDB>,
  oldVersion: number,
  newVersion: number | null,
  tx: UpgradeTransaction,
): Promise<void> {
  return runMigrations(MIGRATIONS, db, oldVersion, newVersion, tx);
}
