/**
 * The loader's page-hide safety net, for what happens before the runtime is up: a checkout that pushes its
 * `purchase` into the dataLayer in the form's submit handler and navigates at once, on a slow connection, would
 * otherwise lose the one event every conversion figure depends on. When the page hides and the runtime has not
 * started, the loader copies (synchronously, to localStorage, else sessionStorage: webStorage.ts) the dataLayer's ecommerce entries and the calls
 * queued on `window.tailor`; the next page of the shop replays them, the calls through the loader's queue and
 * the entries through the dataLayer reader, where they are validated and scrubbed like any other entry, and
 * stored only once consent allows (the runtime's consent gate). Entries older than {@link EARLY_MAX_AGE_MS} are
 * dropped unread; a shopper who opted out gets nothing saved.
 */
import type { QueuedCall } from './replayQueue';
import { readDurable, readDurableArrays, removeDurable, writeDurable } from './webStorage';

/** Web Storage keys: the dataLayer entries (read by the runtime) and the queued calls (read by the loader). */
export const EARLY_ENTRIES_KEY = 'tailor:early-datalayer:v1';
export const EARLY_CALLS_KEY = 'tailor:early-calls:v1';
export const EARLY_MAX_AGE_MS = 30 * 60 * 1000;
const MAX_ITEMS = 50;
/** The ecommerce events a cart or a conversion depends on. */
const ECOMMERCE = new Set(['purchase', 'add_to_cart', 'remove_from_cart', 'begin_checkout', 'view_cart']);
/** Calls worth carrying to the next page (a consent call is remembered by the runtime itself). */
const CALLS = new Set(['track', 'cart']);

interface Saved<T> {
  page: string;
  at: number;
  items: T[];
}

const isArgs = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || Object.prototype.toString.call(v) === '[object Arguments]';

/** The part of a dataLayer entry worth keeping (its event and ecommerce payload only), or null. */
function ecommerceOf(entry: unknown): unknown {
  if (isArgs(entry)) {
    const [kind, name, params] = Array.from(entry);
    return kind === 'event' && typeof name === 'string' && ECOMMERCE.has(name) ? ['event', name, params] : null;
  }
  const e = entry as { event?: unknown; ecommerce?: unknown } | null;
  return e && typeof e === 'object' && typeof e.event === 'string' && ECOMMERCE.has(e.event) ? { event: e.event, ecommerce: e.ecommerce } : null;
}

/** Parses what is stored under `key` (other pages' or this one's, in either area); [] when absent or unreadable. */
function read<T>(key: string): Saved<T>[] {
  const seen = new Set<string>();
  // One page's batch found in both areas (a removal refused after a write elsewhere) counts once.
  // A value another script left malformed (not a batch) is skipped like unparsable JSON.
  const once = (b: Saved<T>) => typeof b === 'object' && b !== null && Array.isArray(b.items) && !seen.has(`${b.page}@${b.at}`) && Boolean(seen.add(`${b.page}@${b.at}`));
  return readDurableArrays<Saved<T>>(key).filter(once);
}

/** Adds this page's items under `key`, merged with other pages' not yet read, capped. */
function append(key: string, page: string, items: unknown[], now: number): void {
  const kept: unknown[] = [];
  for (const item of items) {
    try {
      // One that cannot be serialised (a DOM node, a cycle) is skipped, not the whole batch.
      kept.push(JSON.parse(JSON.stringify(item)));
    } catch {
      // skipped
    }
  }
  if (kept.length === 0) return;
  const batches = read(key).filter((b) => b.page !== page && now - b.at < EARLY_MAX_AGE_MS);
  batches.push({ page, at: now, items: kept.slice(-MAX_ITEMS) });
  writeDurable(key, JSON.stringify(batches));
}

/** Saves the dataLayer's ecommerce entries and the queued calls of `page` (a random id per loader). */
export function saveEarly(page: string, queue: readonly QueuedCall[], now = Date.now()): void {
  try {
    if (readDurable('tailor:optout:v1').includes('1')) return;
    const dl = (window as unknown as { dataLayer?: unknown }).dataLayer;
    append(EARLY_ENTRIES_KEY, page, Array.isArray(dl) ? dl.map(ecommerceOf).filter((e) => e !== null) : [], now);
    append(EARLY_CALLS_KEY, page, queue.filter((c) => CALLS.has(c[0])), now);
  } catch {
    // Private modes and full quotas: nothing more can be done before the page goes.
  }
}

/** Removes what `page` saved (its runtime arrived after all and reads the page's own dataLayer itself). */
export function dropEarly(page: string): void {
  for (const key of [EARLY_ENTRIES_KEY, EARLY_CALLS_KEY]) {
    const rest = read(key).filter((b) => b.page !== page);
    if (rest.length) writeDurable(key, JSON.stringify(rest));
    else removeDurable(key);
  }
}

/** Reads and removes what earlier pages saved under `key`, oldest first, fresh ones only. */
export function takeEarly<T>(key: typeof EARLY_ENTRIES_KEY | typeof EARLY_CALLS_KEY, now = Date.now()): T[] {
  const batches = read<T>(key);
  removeDurable(key);
  return batches.filter((b) => now - b.at < EARLY_MAX_AGE_MS).sort((a, b) => a.at - b.at).flatMap((b) => b.items);
}

/** Removes both (consent withdrawn, "Delete my data"). */
export function clearEarly(): void {
  removeDurable(EARLY_ENTRIES_KEY);
  removeDurable(EARLY_CALLS_KEY);
}
