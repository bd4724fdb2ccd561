/**
 * The page side of event delivery: the one owner of the events the page holds for the worker.
 *
 * Events flow: tracker → (consent gate) → `pending` → worker `ingest` → acknowledged once written. Before consent
 * they wait in memory only (at most {@link PRE_CONSENT_MAX}). Until acknowledged they stay in `inflight`, and on page
 * hide both lists are copied to the page-hide buffer, so a navigation that kills the worker mid-write loses nothing.
 * Where the worker can only hold events in memory, acknowledged events stay in `carried` too (newest
 * {@link JOURNAL_MAX}), and the buffer takes them to the next page (pendingBuffer.ts). Going into the back/forward
 * cache, nothing is sent (a worker reply after the freeze would evict the page); the restore sends. Never throws.
 */
import type { Remote } from 'comlink';
import type { Logger } from '../../core/logger';
import type { IngestResult, TailorWorkerApi, WireEvent } from '../../worker/protocol';
import { clearPending, JOURNAL_MAX, savePending, takePending } from './pendingBuffer';
import { durableArea, type WebStorageKind } from './webStorage';
import { pageClock } from './pageClock';

/** Events captured before consent are held in memory only, at most this many. */
export const PRE_CONSENT_MAX = 100;

/** What the audit view shows of the events carried from page to page. */
export interface CarriedState {
  heldInMemory: boolean;
  events: number;
  max: number;
  area: WebStorageKind | null;
}

/** The page's event outbox. */
export interface Outbox {
  /** Takes one event: held before consent, else queued and sent with everything else emitted in this task. */
  add(event: WireEvent): void;
  /** The worker to deliver to (set once it is up); sends what is pending now and settles when that is done. */
  attach(api: Remote<TailorWorkerApi>): Promise<void>;
  /** Sends what is pending, unless there is no worker, no consent or the page is going into the cache. */
  flush(): void;
  /** Consent given: what was held before consent is queued. */
  release(): void;
  /** Consent withdrawn: drops what waits and what would be carried, and the page-hide buffer. */
  drop(): void;
  /** Capture stopped before anything was stored: drops what was held before consent. */
  dropHeld(): void;
  /** "Delete my data": drops everything, in flight included. */
  forget(): void;
  /** The worker cannot start on this page: nothing will be sent from it. */
  abandon(): void;
  /**
   * Page hide: saves to the buffer what is not yet durable; `intoCache` stops sending until {@link restored}.
   * Returns whether the page may still talk to the worker (false while it is going into the cache).
   */
  hide(intoCache: boolean): boolean;
  /** Restored from the back/forward cache: picks up what other pages left in the buffer and sends. */
  restored(): void;
  carried(): CarriedState;
}

/** What the outbox reads from its owner. */
export interface OutboxDeps {
  /** Whether storage consent is given now. */
  granted(): boolean;
  log: Logger;
}

/** Creates the outbox; when consent is already given, what earlier pages buffered is queued first. */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { log } = deps;
  let held: WireEvent[] = [];
  const pending: WireEvent[] = deps.granted() ? takePending<WireEvent>() : [];
  const inflight = new Map<string, WireEvent>();
  // Acknowledged events the worker holds in memory only (newest last, at most JOURNAL_MAX): carried to the next page.
  const carried = new Map<string, WireEvent>();
  let heldInMemory = false;
  let remote: Remote<TailorWorkerApi> | null = null;
  // From a persisted pagehide to the next pageshow: the page is (going) into the back/forward cache.
  let enteringCache = false;
  let flushQueued = false;

  const acknowledged = (batch: readonly WireEvent[], result: IngestResult | undefined): void => {
    for (const e of batch) inflight.delete(e.id);
    if (result?.held !== 'memory') return;
    heldInMemory = true;
    for (const e of batch) {
      carried.delete(e.id);
      carried.set(e.id, e);
    }
    for (const id of carried.keys()) {
      if (carried.size <= JOURNAL_MAX) break;
      carried.delete(id);
    }
  };
  // Hands all of `pending` to `api`; settles once acknowledged or put back (never rejects).
  const send = (api: Remote<TailorWorkerApi>): Promise<void> => {
    const batch = pending.splice(0, pending.length);
    for (const e of batch) inflight.set(e.id, e);
    return api.ingest(batch, pageClock()).then(
      (result) => acknowledged(batch, result),
      (error: unknown) => {
        // Put them back in order; the page-hide buffer or the next flush retries.
        pending.unshift(...batch.filter((e) => inflight.delete(e.id)));
        log.warn('events not stored yet:', error instanceof Error ? error.message : error);
      },
    );
  };
  const flush = (): void => {
    if (!remote || !deps.granted() || pending.length === 0 || enteringCache) return;
    void send(remote);
  };

  return {
    add(event) {
      if (!deps.granted()) {
        if (held.length < PRE_CONSENT_MAX) held.push(event);
        return;
      }
      pending.push(event);
      if (remote && !flushQueued) {
        // Batch everything emitted in this task into one message (one transaction).
        flushQueued = true;
        setTimeout(() => {
          flushQueued = false;
          flush();
        }, 0);
      }
    },
    async attach(api) {
      remote = api;
      // A first write that fails (a full quota) does not fail the start: the events wait for the next flush.
      if (deps.granted() && pending.length) await send(api);
    },
    flush,
    release() {
      pending.push(...held.splice(0));
    },
    drop() {
      held = [];
      pending.length = 0;
      carried.clear();
      clearPending();
    },
    dropHeld() {
      held = [];
    },
    forget() {
      held = [];
      pending.length = 0;
      inflight.clear();
      carried.clear();
      clearPending();
    },
    abandon() {
      pending.length = 0;
    },
    hide(intoCache) {
      if (deps.granted()) savePending([...carried.values(), ...inflight.values(), ...pending], heldInMemory ? JOURNAL_MAX : undefined);
      if (intoCache) enteringCache = true;
      // Into the cache: no worker traffic at all (the buffer holds the events; a restore or the next page delivers
      // them). A tab switch or a page being discarded still sends.
      if (!enteringCache) flush();
      return !enteringCache;
    },
    restored() {
      enteringCache = false;
      if (!deps.granted()) return;
      // What this page saved itself is still here (pending, in flight, carried): only other pages' events are new.
      const here = new Set(pending.map((e) => e.id));
      pending.unshift(...takePending<WireEvent>().filter((x) => !inflight.has(x.id) && !carried.has(x.id) && !here.has(x.id)));
      flush();
    },
    carried: () => ({ heldInMemory, events: carried.size, max: JOURNAL_MAX, area: heldInMemory ? durableArea() : null }),
  };
}
