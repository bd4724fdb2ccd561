/**
 * Cross-tab mutual exclusion for the retention sweep and the offer decision, through the Web Locks API when
 * the browser has it (every browser Tailor supports since 2022; without it, tabs race as they did before).
 *
 * Appends do not need it: they are single IndexedDB transactions, which the browser already serialises. The
 * sweep is also one transaction, so two tabs sweeping at once would still be correct; the lock only saves the
 * second tab from repeating the work (and the I/O) right after the first.
 */

/** The part of `LockManager` used here, so tests can inject one and browsers without it can pass nothing. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Name of the lock every tab of the origin takes around its retention sweep. */
export const STORE_LOCK_NAME = 'tailor-store';

/** The browser's lock manager, or undefined (older Safari, Node) when there is none. */
export function defaultLockManager(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
}

/**
 * Name of the lock every tab takes around an offer decision: reading "is an offer live anywhere?", deciding and
 * storing the decision are one step across tabs, so one trigger firing in three tabs makes one decision (the
 * other tabs then find it live and show that offer).
 */
export const DECISION_LOCK_NAME = 'tailor-decision';

/** Runs `work` holding the lock `name` when `locks` is given, and directly otherwise. */
export function withLock<T>(locks: LockManagerLike | undefined, name: string, work: () => Promise<T>): Promise<T> {
  return locks ? locks.request(name, work) : work();
}

/** Runs `work` holding {@link STORE_LOCK_NAME} when `locks` is given, and directly otherwise. */
export function withStoreLock<T>(locks: LockManagerLike | undefined, work: () => Promise<T>): Promise<T> {
  return withLock(locks, STORE_LOCK_NAME, work);
}
