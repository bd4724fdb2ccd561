/**
 * The retention sweep over IndexedDB, as one readwrite transaction: either everything due goes, or nothing.
 *
 * Events are keyed by id, so "older than" cannot be a key-range delete on the store itself; the `by-ts` index
 * gives the primary keys of a ts range in one `getAllKeys` request (oldest first, `count` bounding the cap),
 * and the deletes are then issued together.
 */
import type { IDBPDatabase } from 'idb';
import type { TailorDB } from '../schema';
import type { RetentionResult } from '../store';
import { inTransaction, requestAll } from './idbRequests';
import type { RetentionWindow } from './retentionWindow';

/** Stores the sweep writes to. */
const SWEPT = ['events', 'sessions', 'decisions', 'outbox'] as const;

/** Deletes what `window` marks as due and returns the counts. Rejects (deleting nothing) if the transaction fails. */
export function sweepIdb(db: IDBPDatabase<TailorDB>, { cutoff, maxEvents }: RetentionWindow): Promise<RetentionResult> {
  const tx = db.transaction(SWEPT, 'readwrite');
  return inTransaction(tx, async () => {
    const events = tx.objectStore('events');
    const byTs = events.index('by-ts');
    const before = IDBKeyRange.upperBound(cutoff, true);
    const [old, total] = await Promise.all([byTs.getAllKeys(before), events.count()]);
    const excess = Math.max(0, total - old.length - maxEvents);
    const capped = excess > 0 ? await byTs.getAllKeys(IDBKeyRange.lowerBound(cutoff), excess) : [];
    await requestAll([...old, ...capped], (id) => events.delete(id));

    // A session row goes once it ended before the oldest event left (all of them when no event is left).
    const oldest = await byTs.openKeyCursor();
    const sessions = tx.objectStore('sessions');
    const decisions = tx.objectStore('decisions');
    const outbox = tx.objectStore('outbox');
    const [sessionIds, decisionIds, outboxIds] = await Promise.all([
      sessions.index('by-end').getAllKeys(oldest ? IDBKeyRange.upperBound(oldest.key, true) : null),
      decisions.index('by-ts').getAllKeys(before),
      outbox.index('by-ts').getAllKeys(before),
    ]);
    const deletes = [
      ...sessionIds.map((id) => () => sessions.delete(id)),
      ...decisionIds.map((id) => () => decisions.delete(id)),
      ...outboxIds.map((id) => () => outbox.delete(id)),
    ];
    await requestAll(deletes, (issue) => issue());
    return {
      deletedByAge: old.length,
      deletedByCap: capped.length,
      sessionsDeleted: sessionIds.length,
      decisionsDeleted: decisionIds.length,
      outboxDeleted: outboxIds.length,
    };
  });
}
