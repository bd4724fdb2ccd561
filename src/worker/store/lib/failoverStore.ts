/**
 * A {@link Store} that forwards to the IndexedDB store until its connection is lost (another tab upgraded or
 * deleted the database, or the browser closed it), then to a memory store for the rest of the worker's life.
 *
 * Reopening is deliberately not attempted: after an upgrade by a newer Tailor this code's version is refused,
 * and after a deletion ("forget me" in another tab) recreating the database would undo the user's choice.
 */
import type { Store } from '../store';

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
    appendEvents: (events) => current.appendEvents(events),
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
