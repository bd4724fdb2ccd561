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

/**
 * Adds `events` to the buffer (merged by id with what another page of the
 * shop left there — a page restored from the back/forward cache may hide
 * before the page that would have read it loads), newest last, capped.
 * Silent when storage is unavailable.
 */
export function savePending<T extends { id: string }>(events: T[]): void {
  try {
    if (events.length === 0) return;
    const byId = new Map<string, T>();
    for (const e of [...readRaw<T>(), ...events]) byId.set(e.id, e);
    localStorage.setItem(KEY, JSON.stringify([...byId.values()].slice(-MAX)));
  } catch {
    // Private modes and full quotas: the worker path is still there.
  }
}

function readRaw<T>(): T[] {
  const raw = localStorage.getItem(KEY);
  if (raw === null) return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

/** Reads and clears the buffer. */
export function takePending<T>(): T[] {
  try {
    const events = readRaw<T>();
    localStorage.removeItem(KEY);
    return events;
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

const OPT_OUT_KEY = 'tailor:optout:v1';

/**
 * The shopper's "Delete my data" or `consent(false)`, remembered across pages:
 * without it, a shop with `data-consent="granted"` would start recording again
 * on the next page. Holds only the word "1"; `consent(true)` removes it.
 */
export function rememberOptOut(optedOut: boolean): void {
  try {
    if (optedOut) localStorage.setItem(OPT_OUT_KEY, '1');
    else localStorage.removeItem(OPT_OUT_KEY);
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}

/** Whether the shopper opted out on an earlier page. */
export function hasOptedOut(): boolean {
  try {
    return localStorage.getItem(OPT_OUT_KEY) === '1';
  } catch {
    return false;
  }
}
