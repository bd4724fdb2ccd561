/**
 * Cross-tab mutual exclusion for the retention sweep, through the Web Locks API when the browser has it.
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

/** Runs `work` holding {@link STORE_LOCK_NAME} when `locks` is given, and directly otherwise. */
export function withStoreLock<T>(locks: LockManagerLike | undefined, work: () => Promise<T>): Promise<T> {
  return locks ? locks.request(STORE_LOCK_NAME, work) : work();
}
