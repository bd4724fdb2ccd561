/**
 * The shopper's current features, kept up to date incrementally.
 *
 * On first use the accumulator is built from the stored history (one scan);
 * after that every ingested event updates it in O(1) — no rescan per event
 * or per decision. `fullRecompute` rebuilds from the store and must agree
 * (tested in Node and in Chromium); it is also the fallback after a restart.
 */
import { computeFeatures, createAccumulator, detectBot, type FeatureAccumulator, type FeatureContext } from '../../core/sessionFeatures';
import type { RawFeatureRecord } from '../../core/features/definition';
import type { Store } from '../store/store';
import type { StoredEvent } from '../store/schema';

/** Raw features plus the bot verdict of the current session. */
export interface FeatureState {
  raw: RawFeatureRecord;
  bot: boolean;
  botReasons: string[];
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
}

/** Creates the source; nothing is read until the first `current()`. */
export function createFeatureSource(opts: FeatureSourceOptions): FeatureSource {
  const clock = opts.clock ?? Date.now;
  let acc: FeatureAccumulator | null = null;
  let building: Promise<FeatureAccumulator> | null = null;
  let sessionEvents: StoredEvent[] = [];
  const early: StoredEvent[] = [];

  const contextFor = async (store: Store, events: readonly StoredEvent[], now: number): Promise<FeatureContext> => {
    const visitor = await store.visitorState(now);
    const sessionsInEvents = new Set(events.map((e) => e.session_id)).size;
    return {
      now,
      visitor: { priorSessions: Math.max(0, visitor.visitCount - sessionsInEvents), persistent: store.kind === 'indexeddb' },
      ...(opts.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: opts.utcOffsetMinutes } : {}),
    };
  };
  const lastSession = (events: readonly StoredEvent[]): StoredEvent[] => {
    const last = events[events.length - 1];
    return last ? events.filter((e) => e.session_id === last.session_id) : [];
  };
  const verdict = (raw: RawFeatureRecord): FeatureState => {
    const bot = detectBot(sessionEvents, { webdriver: opts.webdriver === true });
    return { raw, bot: bot.bot, botReasons: [...bot.reasons] };
  };

  const build = async (): Promise<FeatureAccumulator> => {
    const store = await opts.store();
    const events = await store.allEvents();
    const now = clock();
    const a = createAccumulator(await contextFor(store, events, now));
    for (const e of events) a.add(e);
    sessionEvents = lastSession(events);
    // Events ingested while the history was being read are folded in afterwards, once (the accumulator dedupes by id).
    for (const e of early.splice(0)) fold(a, e);
    return a;
  };
  const fold = (a: FeatureAccumulator, e: StoredEvent) => {
    a.add(e);
    if (sessionEvents.length && sessionEvents[sessionEvents.length - 1]!.session_id !== e.session_id) sessionEvents = [];
    sessionEvents.push(e);
  };

  return {
    add(events) {
      for (const e of events) {
        if (acc) fold(acc, e);
        else if (building) early.push(e);
      }
    },
    async current(now = clock()) {
      acc ??= await (building ??= build());
      return verdict(acc.raw(now));
    },
    async fullRecompute(now = clock()) {
      const store = await opts.store();
      const events = await store.allEvents();
      sessionEvents = lastSession(events);
      return verdict(computeFeatures(events, await contextFor(store, events, now)));
    },
    reset() {
      acc = null;
      building = null;
      sessionEvents = [];
      early.length = 0;
    },
  };
}
