/**
 * The page-hide safety net. Events the worker has not yet acknowledged as written are copied, synchronously, to
 * Web Storage when the page may be going away (a click on "add to cart" followed at once by navigation kills the
 * worker mid-write). The next page of the shop reads them back and re-sends them; event ids make the re-send
 * idempotent. The buffer holds already validated and scrubbed events only, and only after consent.
 *
 * Where the worker could only keep events in memory (IndexedDB missing, blocked, refused, or out of quota), the
 * buffer also carries what the worker acknowledged, up to {@link JOURNAL_MAX} newest events: each page hands the
 * shop's recent history to the next one, the way IndexedDB would have kept it. The area is localStorage, else
 * sessionStorage (webStorage.ts); with neither, events live as long as the page.
 */
import { readDurable, readDurableArrays, removeDurable, writeDurable, type WebStorageKind } from './webStorage';

const KEY = 'tailor:pending:v1';
const MAX = 200;
/** Events the buffer carries while the worker holds them in memory only. */
export const JOURNAL_MAX = 500;
/** Bound on the buffer's JSON, in characters: the merchant's own data shares the origin's few MB. */
const MAX_CHARS = 400_000;

/**
 * Adds `events` to the buffer (merged by id with what another page of the shop left there — a page restored from
 * the back/forward cache may hide before the page that would have read it loads), newest last, at most `max`
 * events and {@link MAX_CHARS} characters. Returns the area that kept them, or null when none would.
 */
export function savePending<T extends { id: string }>(events: T[], max = MAX): WebStorageKind | null {
  try {
    if (events.length === 0) return null;
    const byId = new Map<string, T>();
    for (const e of [...readDurableArrays<T>(KEY), ...events]) {
      byId.delete(e.id);
      byId.set(e.id, e);
    }
    let kept = [...byId.values()].slice(-Math.min(max, JOURNAL_MAX));
    let json = JSON.stringify(kept);
    while (json.length > MAX_CHARS && kept.length > 1) {
      kept = kept.slice(Math.ceil(kept.length / 4));
      json = JSON.stringify(kept);
    }
    return writeDurable(KEY, json);
  } catch {
    return null;
  }
}

/** Reads and clears the buffer. */
export function takePending<T>(): T[] {
  const events = readDurableArrays<T>(KEY);
  removeDurable(KEY);
  return events;
}

/** Removes the buffer (consent withdrawn, forget). */
export function clearPending(): void {
  removeDurable(KEY);
}

const OPT_OUT_KEY = 'tailor:optout:v1';

/**
 * The shopper's "Delete my data" or `consent(false)`, remembered across pages:
 * without it, a shop with `data-consent="granted"` would start recording again
 * on the next page. Holds only the word "1"; `consent(true)` removes it.
 */
export function rememberOptOut(optedOut: boolean): void {
  if (optedOut) writeDurable(OPT_OUT_KEY, '1');
  else removeDurable(OPT_OUT_KEY);
}

/** Whether the shopper opted out on an earlier page. */
export function hasOptedOut(): boolean {
  return readDurable(OPT_OUT_KEY).includes('1');
}
