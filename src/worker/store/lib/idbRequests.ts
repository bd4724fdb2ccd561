/**
 * Two disciplines for IndexedDB requests that keep failures contained: every issued request is observed, and
 * a transaction that failed halfway is aborted rather than left to commit what it already wrote.
 */

/**
 * Issues one request per item and awaits them together. Requests can throw synchronously (a value that cannot
 * be cloned, a full disk, a transaction that already ended); `items.map(issue)` would then lose the requests
 * issued before the throw, and their rejection once the transaction aborts would surface as unhandled.
 */
export function requestAll<T, R>(items: Iterable<T>, issue: (item: T) => Promise<R>): Promise<R[]> {
  const pending: Promise<R>[] = [];
  try {
    for (const item of items) pending.push(issue(item));
  } catch (error) {
    for (const request of pending) request.catch(() => undefined);
    return Promise.reject(error);
  }
  return Promise.all(pending);
}

/** The part of idb's transaction used here. */
interface Transaction {
  readonly done: Promise<void>;
  readonly error: DOMException | null;
  abort(): void;
}

/**
 * Runs `work` in `tx` and resolves once the transaction committed. If `work` fails, the transaction is aborted
 * (IndexedDB would otherwise commit the requests that succeeded) and the error rethrown.
 *
 * When the browser aborted the transaction itself, the error rethrown is the transaction's: a full disk fails
 * one request (or the commit) with `QuotaExceededError`, while every other pending request only reports
 * `AbortError`, and whichever of them `work` saw first must not hide why.
 */
export async function inTransaction<T>(tx: Transaction, work: () => Promise<T>): Promise<T> {
  const done = tx.done;
  done.catch(() => undefined); // Awaited below; this keeps an abort during `work` from surfacing as unhandled.
  try {
    const result = await work();
    await done;
    return result;
  } catch (error) {
    const cause = tx.error ?? error;
    try {
      tx.abort();
    } catch {
      // Already finished (aborted by the failed request, or committed): nothing left to undo.
    }
    throw cause;
  }
}
