/**
 * The page-hide safety net. Events the worker has not yet acknowledged as
 * written are copied, synchronously, into localStorage when the page may be
 * going away (a click on "add to cart" followed at once by navigation kills
 * the worker mid-write). The next page of the same shop reads them back and
 * re-sends them; event ids make the re-send idempotent. The buffer holds
 * already validated and scrubbed events only, and only after consent.
 */
const KEY = 'tailor:pending:v1';
const MAX = 200;

/** Writes `events` (newest last, capped) to the buffer; silent when storage is unavailable. */
export function savePending<T>(events: T[]): void {
  try {
    if (events.length === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(events.slice(-MAX)));
  } catch {
    // Private modes and full quotas: the worker path is still there.
  }
}

/** Reads and clears the buffer. */
export function takePending<T>(): T[] {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw === null) return [];
    localStorage.removeItem(KEY);
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

/** Removes the buffer (consent withdrawn, forget). */
export function clearPending(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
