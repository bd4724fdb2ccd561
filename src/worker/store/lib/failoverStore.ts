/**
 * A {@link Store} that forwards to the IndexedDB store until its connection is lost (another tab upgraded or
 * deleted the database, or the browser closed it) or it cannot write a batch of events even after its own quota
 * recovery (the retention sweep), then to a memory store for the rest of the worker's life. The batch that failed
 * is written to memory at once, so it is held, not lost (the page carries memory-held events to the next page).
 *
 * Reopening is deliberately not attempted: after an upgrade by a newer Tailor this code's version is refused,
 * and after a deletion ("forget me" in another tab) recreating the database would undo the user's choice.
 */
import type { AppendResult, Store } from '../store';

/**
 * Errors that are the storage's, not the batch's: a full quota (after the store's own recovery), I/O failures, a
 * connection closing under the write. A batch the store refuses for its content (DataCloneError, TypeError) would
 * fail in memory too, and is reported instead.
 */
const STORAGE_FAILURES = new Set(['QuotaExceededError', 'UnknownError', 'InvalidStateError', 'AbortError', 'TimeoutError', 'NotReadableError', 'TransactionInactiveError']);
const isStorageFailure = (result: AppendResult): boolean => result.error !== undefined && STORAGE_FAILURES.has(result.error.name);

/** The forwarding store and the switch that moves it to memory. */
export interface FailoverStore {
  store: Store;
  /** Moves to the fallback (once; later calls and calls after `close` do nothing). */
  fail(reason: string): void;
}

/** Wraps `primary`; `fallback(reason)` builds the store used after {@link FailoverStore.fail}. */
export function createFailoverStore(primary: Store, fallback: (reason: string) => Store): FailoverStore {
  let current = primary;
  let closedByCaller = false;
  const fail = (reason: string): void => {
    if (current !== primary || closedByCaller) return;
    current = fallback(reason);
    try {
      primary.close();
    } catch {
      // Closing an already closed connection: nothing to release.
    }
  };
  const store: Store = {
    get kind() {
      return current.kind;
    },
    get reason() {
      return current.reason;
    },
    async appendEvents(events) {
      const target = current;
      const result = await target.appendEvents(events);
      if (target !== primary || !isStorageFailure(result)) return result;
      fail(`IndexedDB could not store events (${result.error!.name}${result.error!.message ? `: ${result.error!.message}` : ''})`);
      if (current === primary) return result;
      const held = await current.appendEvents(events);
      return result.quotaRecovery ? { ...held, quotaRecovery: result.quotaRecovery } : held;
    },
    eventsSince: (since, options) => current.eventsSince(since, options),
    eventsInSession: (sessionId) => current.eventsInSession(sessionId),
    eventsNamed: (names) => current.eventsNamed(names),
    allEvents: (options) => current.allEvents(options),
    countEvents: () => current.countEvents(),
    eventStamp: () => current.eventStamp(),
    sessions: () => current.sessions(),
    visitorState: (now) => current.visitorState(now),
    putDecision: (decision) => current.putDecision(decision),
    decisions: (options) => current.decisions(options),
    outboxPut: (record) => current.outboxPut(record),
    outboxList: (options) => current.outboxList(options),
    outboxDelete: (ids) => current.outboxDelete(ids),
    getMeta: <T>(key: string) => current.getMeta<T>(key),
    setMeta: (key, value) => current.setMeta(key, value),
    estimateBytes: () => current.estimateBytes(),
    applyRetention: (options) => current.applyRetention(options),
    clearAll: () => current.clearAll(),
    deleteDatabase: () => {
      closedByCaller = true;
      return current.deleteDatabase();
    },
    close: () => {
      closedByCaller = true;
      current.close();
    },
  };
  return { store, fail };
}
