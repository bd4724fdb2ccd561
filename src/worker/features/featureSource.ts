/**
 * The shopper's current features, kept up to date incrementally.
 *
 * On first use the accumulator is built from the stored history (one scan); after that every ingested event
 * updates it in O(1) — no rescan per event or per decision. `fullRecompute` rebuilds from the store and gives the
 * same record (tested in Node and in Chromium).
 *
 * Same record, also when the running state has not seen the store as it is: the accumulator folds events in the
 * store's order (ts, then id), but events can reach the store out of that order (a page's buffered events replayed
 * after the next page's first view) or from another tab's worker, which this accumulator never hears of. So each
 * read first compares the store's event count and newest event with what was folded: the same → answer from
 * the accumulator; more, all at or after the latest folded event → fold just those (another tab); anything else
 * (an event older than the latest folded one, a retention sweep in another tab) → rebuild from the store, once.
 */
import { computeFeatures, createAccumulator, detectBot, type FeatureContext } from '../../core/sessionFeatures';
import type { RawFeatureRecord } from '../../core/features/definition';
import type { Store } from '../store/store';
import type { StoredEvent } from '../store/schema';
import type { FeatureInputs, FeatureTiming } from '../protocol';
import { compareByTsThenId } from '../store/lib/eventOrder';
import type { PageValueTable } from '../../core/pageValues';
import { FEATURES_SNAPSHOT_KEY, restoreSnapshot, takeSnapshot, type RestoredFeatures, type SnapshotInputs } from './featureSnapshot';

/** Raw features plus the bot verdict of the current session, what they were computed from, and what they cost. */
export interface FeatureState {
  raw: RawFeatureRecord;
  bot: boolean;
  botReasons: string[];
  inputs: FeatureInputs;
  timing: FeatureTiming;
}

/** The worker's feature source. */
export interface FeatureSource {
  /** Folds freshly stored events into the running features. */
  add(events: readonly StoredEvent[]): void;
  /** Current features (incremental). */
  current(now?: number): Promise<FeatureState>;
  /** Features recomputed from every stored event (for parity checks and the audit view). */
  fullRecompute(now?: number): Promise<FeatureState>;
  /** Forgets the running state (consent withdrawn, forget). */
  reset(): void;
}

/** Options: the store, and page signals such as `navigator.webdriver`. */
export interface FeatureSourceOptions {
  store: () => Promise<Store>;
  webdriver?: boolean;
  clock?: () => number;
  utcOffsetMinutes?: number;
  /** Save the running features for the next page (featureSnapshot.ts); default true. */
  snapshots?: boolean;
  /** Delay before saving after events were folded (a build from the events is saved at once); default 2 s. */
  snapshotDelayMs?: number;
  /**
   * The site's page-value table in force (served in `/v1/config`), read at every record: it prices the session's
   * pages at read time and is never folded, so a newer table applies at once. Default: none.
   */
  pageValues?: () => Promise<PageValueTable | null>;
}

/**
 * The running state: the accumulator, what it was built with, the count of store events folded, the latest of
 * them in store order and the ids folded at its ts (a later read from that ts returns them again).
 */
type Running = RestoredFeatures;

/** Creates the source; nothing is read until the first `current()`. */
export function createFeatureSource(opts: FeatureSourceOptions): FeatureSource {
  const clock = opts.clock ?? Date.now;
  // A table that cannot be read is no table: the record then flags PageValues missing, as on a first visit.
  const pageValues = async (): Promise<PageValueTable | null> => (opts.pageValues ? opts.pageValues().catch(() => null) : null);
  let running: Running | null = null;
  let stale = false;
  let lastFoldMs: number | null = null;
  let lastBuild: FeatureTiming['lastBuild'] = null;
  let sessionEvents: StoredEvent[] = [];
  const snapshots = opts.snapshots !== false;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Saves the running state after `delayMs`, once however many folds ask for it meanwhile. */
  const scheduleSave = (delayMs: number) => {
    if (!snapshots || saveTimer !== null) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      const r = running;
      if (!r || stale) return;
      const snapshot = takeSnapshot(r);
      void opts.store().then((store) => store.setMeta(FEATURES_SNAPSHOT_KEY, snapshot)).catch(() => {});
    }, delayMs);
  };

  const contextFor = async (store: Store, events: readonly StoredEvent[], now: number): Promise<FeatureContext> => {
    const visitor = await store.visitorState(now);
    const sessionsInEvents = new Set(events.map((e) => e.session_id)).size;
    return {
      now,
      visitor: { priorSessions: Math.max(0, visitor.visitCount - sessionsInEvents), persistent: store.kind === 'indexeddb' },
      ...(opts.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: opts.utcOffsetMinutes } : {}),
    };
  };
  const inputsOf = (context: FeatureContext): SnapshotInputs => ({
    priorSessions: context.visitor?.priorSessions ?? 0,
    persistent: context.visitor?.persistent ?? false,
    ...(context.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: context.utcOffsetMinutes } : {}),
  });
  const lastSession = (events: readonly StoredEvent[]): StoredEvent[] => {
    const last = events[events.length - 1];
    return last ? events.filter((e) => e.session_id === last.session_id) : [];
  };
  const verdict = (raw: RawFeatureRecord, session: readonly StoredEvent[], inputs: FeatureInputs, started: number, rebuilt: boolean): FeatureState => {
    const bot = detectBot(session, { webdriver: opts.webdriver === true });
    return { raw, bot: bot.bot, botReasons: [...bot.reasons], inputs, timing: { computeMs: performance.now() - started, lastFoldMs, rebuilt, lastBuild } };
  };
  /** False when `e` sorts before the latest folded event: folding it now would not be the store's order. */
  const inOrder = (r: Running, e: StoredEvent) => r.last === null || compareByTsThenId(e, r.last) >= 0;
  const fold = (r: Running, e: StoredEvent) => {
    r.acc.add(e);
    r.folded += 1;
    if (r.last === null || e.ts !== r.last.ts) r.idsAtLast.clear();
    r.idsAtLast.add(e.id);
    r.last = e;
    if (sessionEvents.length && sessionEvents[sessionEvents.length - 1]!.session_id !== e.session_id) sessionEvents = [];
    sessionEvents.push(e);
  };

  /** The running state from the saved snapshot (when `useSnapshot` and one is usable), else from every event. */
  const build = async (useSnapshot: boolean): Promise<Running> => {
    const started = performance.now();
    const store = await opts.store();
    const restored = useSnapshot && snapshots ? restoreSnapshot(await store.getMeta(FEATURES_SNAPSHOT_KEY).catch(() => undefined), clock()) : null;
    if (restored) {
      const { last } = restored;
      // The bot check reads the open session's events; later ones are folded (and appended) by the level-up.
      sessionEvents = last ? (await store.eventsInSession(last.session_id)).filter((e) => compareByTsThenId(e, last) <= 0) : [];
      lastBuild = { ms: performance.now() - started, from: 'snapshot' };
      return restored;
    }
    const events = await store.allEvents();
    const context = await contextFor(store, events, clock());
    const r: Running = { acc: createAccumulator(context), inputs: inputsOf(context), folded: 0, last: null, idsAtLast: new Set() };
    sessionEvents = [];
    for (const e of events) fold(r, e);
    lastBuild = { ms: performance.now() - started, from: 'events' };
    return r;
  };
  /** One level-up at a time: two concurrent reads must not fold the same unseen events twice. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  /** Brings the running state level with the store (see the file comment); resolves with it and whether it was rebuilt. */
  const level = async (): Promise<{ r: Running; rebuilt: boolean }> => {
    let rebuilt = false;
    // Two rounds at most: a rebuild that a concurrent write overtook is caught up (or rebuilt) once more.
    for (let round = 0; ; round++) {
      if (!running || stale) {
        // A snapshot is tried once per page: when the store contradicts it, the events decide.
        const fromEvents = stale;
        stale = false;
        running = await build(!fromEvents);
        rebuilt = true;
        if (lastBuild?.from === 'events') scheduleSave(0);
      }
      const r = running;
      const store = await opts.store();
      // The count alone misses another tab's sweep that deleted as many old events as new ones arrived; the
      // newest stored event tells those apart.
      const { count, newest } = await store.eventStamp();
      const unchanged = count === r.folded && (newest === null ? r.last === null : newest.id === r.last?.id);
      if (unchanged || round === 2) return { r, rebuilt };
      if (count > r.folded && r.last) {
        const unseen = await store.eventsSince(r.last.ts);
        // Re-filter after the await: `add` may have folded some of them meanwhile.
        const fresh = unseen.filter((e) => !r.idsAtLast.has(e.id));
        if (fresh.length === count - r.folded && fresh.every((e) => inOrder(r, e))) {
          for (const e of fresh) fold(r, e);
          scheduleSave(opts.snapshotDelayMs ?? 2000);
          return { r, rebuilt };
        }
      }
      stale = true;
    }
  };

  return {
    add(events) {
      const r = running;
      if (!r || stale) return; // the next read levels up with the store, which holds these events
      const started = performance.now();
      // A read may have caught up with some of these already (they were in the store before this call).
      const sorted = events.filter((e) => !r.idsAtLast.has(e.id)).sort(compareByTsThenId);
      if (!sorted.every((e) => inOrder(r, e))) {
        stale = true;
        return;
      }
      for (const e of sorted) fold(r, e);
      lastFoldMs = performance.now() - started;
      scheduleSave(opts.snapshotDelayMs ?? 2000);
    },
    async current(now = clock()) {
      const started = performance.now();
      const [{ r, rebuilt }, table] = await Promise.all([serial(level), pageValues()]);
      // The record's clock is the later of `now` and the latest event, as computeFeatures would take it.
      return verdict(r.acc.raw(now, table), sessionEvents, { now, ...r.inputs, pageValues: table }, started, rebuilt);
    },
    async fullRecompute(now = clock()) {
      const started = performance.now();
      const store = await opts.store();
      const [events, table] = await Promise.all([store.allEvents(), pageValues()]);
      const context = await contextFor(store, events, now);
      return verdict(computeFeatures(events, { ...context, pageValues: table }), lastSession(events), { now, ...inputsOf(context), pageValues: table }, started, false);
    },
    reset() {
      if (saveTimer !== null) clearTimeout(saveTimer);
      saveTimer = null;
      running = null;
      stale = false;
      lastFoldMs = null;
      lastBuild = null;
      sessionEvents = [];
    },
  };
}
