/**
 * The worker-side implementation of {@link TailorWorkerApi}.
 *
 * The store is opened lazily, on the first write after consent: a shopper
 * who never consents never gets a database. Events from the page are
 * validated again here, because the page is not ours and anything could
 * have called `postMessage`.
 */
import { lazyModule } from './lib/lazyModule';
import { clockShift } from './lib/clockShift';
import { deleteTailorDatabase } from './store/deleteTailorDatabase';
import type { AuditData, SyncSummary, FeatureView, IngestResult, OfferRequest, OfferView, TailorWorkerApi, WireEvent, WorkerHealth, WorkerInit } from './protocol';
import { VERSION } from '../core/version';
import { createLogger } from '../core/logger';
import { validateEvent } from '../core/events/validate';
import { createServerClock, SERVER_CLOCK_KEY, type SavedOffset } from './lib/serverClock';
import { DEFAULT_POLICY, type PolicyConfig } from '../core/policy';
import type { Capabilities } from '../core/consent';
import { openStore } from './store/openStore';
import { isReturnLanding } from './offers/isReturnLanding';
import { FEATURES_SNAPSHOT_KEY } from './features/snapshotKey';
import type { Store } from './store/store';
import type { StoredEventInput } from './store/schema';
import { DECISION_LOCK_NAME, defaultLockManager, withLock, type LockManagerLike } from './store/lib/withStoreLock';
import type { FeatureSource, OfferDeps } from './decisionModule';
import { secureRandom } from './lib/secureRandom';
import { newDecisionId } from './lib/newDecisionId';
import { collectAudit } from './audit/collectAudit';
import { createSyncScheduler } from './sync/syncScheduler';
import { modelRuntime, type ModelRuntime } from './model';

/** How often (at most) the retention sweep runs, per worker. */
const RETENTION_EVERY_MS = 10 * 60 * 1000;

/** Where a store keeps what it is given (a store of kind 'none' does not exist past opening). */
const heldIn = (s: Store): IngestResult['held'] => (s.kind === 'indexeddb' ? 'indexeddb' : 'memory');

/** Options for tests: a custom store opener, clock and scorer. */
export interface WorkerApiOptions {
  open?: () => Promise<Store>;
  now?: () => number;
  score?: OfferDeps['score'];
  fetch?: typeof fetch;
  /** Delay before the running features are saved after a fold (default 2 s). */
  snapshotDelayMs?: number;
  /** Cross-tab locks (default: the browser's Web Locks, when it has them). */
  locks?: LockManagerLike;
}

function parseCapabilities(value: unknown, fn: string): Capabilities {
  const v = value as Partial<Capabilities> | null;
  if (!v || typeof v.store !== 'boolean' || typeof v.personalise !== 'boolean' || typeof v.sync !== 'boolean') {
    throw new TypeError(`'consent' passed to '${fn}' must be {store, personalise, sync} booleans`);
  }
  return { store: v.store, personalise: v.personalise, sync: v.sync };
}

/** Builds the worker API; separate from the entry so tests can call it without comlink. */
export function createWorkerApi(options: WorkerApiOptions = {}): TailorWorkerApi & { store(): Promise<Store> } {
  const log = createLogger();
  const baseNow = options.now ?? Date.now;
  let clockOffset = 0;
  // The device clock, corrected where the collector's Date says it is wrong (lib/serverClock.ts).
  const serverClock = createServerClock();
  const now = () => baseNow() + clockOffset + serverClock.offsetMs();
  const onServerDate = (dateHeader: string | null, sentAt: number, receivedAt: number) => {
    // A debug clock shift is deliberate time travel (tests, support), not an error to correct.
    const changed = serverClock.observe(dateHeader, sentAt - clockOffset, receivedAt - clockOffset);
    if (changed === null) return;
    if (changed !== 0) log.warn(`this device's clock is ${Math.round(-changed / 60_000)} min off the collector's; Tailor's times are corrected`);
    const saved: SavedOffset = { offsetMs: changed, measuredAt: now() };
    void store().then((s) => s.setMeta(SERVER_CLOCK_KEY, saved)).catch(() => {});
  };
  let init: WorkerInit | null = null;
  let consent: Capabilities = { store: false, personalise: false, sync: false };
  let eventsReceived = 0;
  let clockSkewLogged = false;
  let storePromise: Promise<Store> | null = null;
  let lastSweep = 0;
  let features: FeatureSource | null = null;
  let activePolicy: PolicyConfig = { ...DEFAULT_POLICY, tiers: [...DEFAULT_POLICY.tiers] };

  // A failed chunk import is retried with backoff, not cached for the page's life (lib/lazyModule.ts).
  const syncing = lazyModule(() => import('./syncModule'));
  const fetchImpl = options.fetch;
  const sync = createSyncScheduler({
    allowed: () => consent.sync && consent.store && Boolean(init?.config.endpoint),
    round: async (roundOptions) => {
      const { syncCycle } = await syncing();
      const config = init!.config;
      return syncCycle({ store: await store(), endpoint: config.endpoint!, site: config.site, rng: secureRandom, now, onServerDate, ...(fetchImpl ? { fetch: fetchImpl } : {}) }, roundOptions);
    },
    log,
    random: secureRandom,
  });

  let modelRt: ModelRuntime | null = null;
  const model = (): ModelRuntime => {
    if (!init) throw new Error("'init' must be called before the model is used");
    return (modelRt ??= modelRuntime(init.sdkBase));
  };

  // Said once per worker: from here on the page carries the events to the next page (IngestResult.held).
  const onFallback = (reason: string) => log.warn(`events are kept in memory only (${reason}); the page keeps the newest in Web Storage for the next page`);
  const store = (): Promise<Store> => (storePromise ??= (options.open ?? (() => openStore({ onFallback })))());
  // Features, policy and coupon code arrive in their own chunk, on first use.
  const decisions = lazyModule(() => import('./decisionModule'));
  const featureSource = async (): Promise<FeatureSource> => {
    const { createFeatureSource, servedPageValues } = await decisions();
    return (features ??= createFeatureSource({
      store,
      pageValues: servedPageValues(store),
      webdriver: init?.webdriver === true,
      clock: now,
      ...(options.snapshotDelayMs !== undefined ? { snapshotDelayMs: options.snapshotDelayMs } : {}),
    }));
  };

  const sweep = async (s: Store) => {
    const t = now();
    if (t - lastSweep < RETENTION_EVERY_MS) return;
    lastSweep = t;
    const result = await s.applyRetention({ now: t });
    if (result.error) log.warn('retention sweep failed:', result.error.message);
    else if (result.deletedByAge + result.deletedByCap > 0) {
      // Deleted events must not live on in the running features nor in their saved snapshot.
      features?.reset();
      await s.setMeta(FEATURES_SNAPSHOT_KEY, null).catch(() => {});
    }
  };

  const api: TailorWorkerApi & { store(): Promise<Store> } = {
    async init(value: WorkerInit): Promise<void> {
      if (!value || typeof value !== 'object' || !value.config) {
        throw new TypeError("'init' passed to 'init' must be an object with a 'config'");
      }
      init = value;
      consent = parseCapabilities(value.consent, 'init');
      log.level = value.config.debug ? 'debug' : 'warn';
      if (consent.store) {
        void store().then(
          async (s) => {
            // A correction an earlier page measured holds until the next collector answer says otherwise.
            serverClock.restore(await s.getMeta(SERVER_CLOCK_KEY).catch(() => undefined));
            return sweep(s);
          },
          (e: unknown) => log.warn('store unavailable:', e),
        );
      }
      if (consent.sync && value.config.endpoint) sync.schedule();
    },
    async health(): Promise<WorkerHealth> {
      const s = storePromise ? await storePromise.catch(() => null) : null;
      return {
        ok: true,
        version: VERSION,
        initialised: init !== null,
        eventsReceived,
        uptimeMs: performance.now(),
        consent: { ...consent },
        store: s ? { kind: s.kind, ...(s.reason ? { reason: s.reason } : {}) } : { kind: 'none' },
      };
    },
    async ingest(events: WireEvent[], sentAt?: number): Promise<IngestResult> {
      if (!Array.isArray(events)) throw new TypeError("'events' passed to 'ingest' must be an array");
      eventsReceived += events.length;
      if (!consent.store) return { written: 0, duplicates: 0, rejected: events.length, held: 'none' };
      const valid: StoredEventInput[] = [];
      let rejected = 0;
      const t = now(); // the worker's clock, so that a debug clock shift moves the accepted window too
      const shift = clockShift(t, sentAt);
      if (shift !== 0 && !clockSkewLogged) {
        clockSkewLogged = true;
        log.warn(`the page's clock is ${Math.round(-shift / 60_000)} min off the worker's${serverClock.offsetMs() !== 0 ? ' (checked against the collector)' : ''}; event times are corrected by the worker`);
      }
      for (const raw of events) {
        const e = shift !== 0 && raw && typeof raw.ts === 'number' ? { ...raw, ts: raw.ts + shift } : raw;
        const result = validateEvent(e, t);
        if (result.ok && typeof e?.id === 'string' && e.id.length > 0 && e.id.length <= 64) valid.push({ ...result.event, id: e.id });
        else rejected++;
      }
      const s = await store();
      if (valid.length === 0) return { written: 0, duplicates: 0, rejected, held: heldIn(s) };
      const result = await s.appendEvents(valid);
      if (result.error) throw Object.assign(new Error(result.error.message), { name: result.error.name });
      // Only what was written (with its session id) feeds the running features.
      if (result.stored?.length && features) features.add(result.stored);
      void sweep(s);
      return { written: result.written, duplicates: result.duplicates, rejected: rejected + result.rejected, held: heldIn(s) };
    },
    async setConsent(value: Capabilities): Promise<void> {
      consent = parseCapabilities(value, 'setConsent');
      if (!consent.store) features?.reset();
      if (consent.sync && init?.config.endpoint) sync.schedule();
    },
    async decide(request: OfferRequest): Promise<OfferView | null> {
      if (!request || typeof request !== 'object' || typeof request.trigger !== 'string') {
        throw new TypeError("'request' passed to 'decide' must be an object with a 'trigger'");
      }
      if (!consent.store || !consent.personalise || !init) return null;
      try {
        const s = await store();
        if (request.trigger === 'return_visit' && !(await isReturnLanding(s, now()))) return null;
        const [{ decideOffer }, { cachedPolicy, effectivePolicy }] = await Promise.all([decisions(), syncing()]);
        const source = await featureSource();
        // The server's latest policy (calibration, exploration, margin), cached locally; defaults offline.
        const { policy, cells } = effectivePolicy(await cachedPolicy(s));
        activePolicy = policy;
        const deps: OfferDeps = {
          store: s,
          config: policy,
          cells,
          site: init.config.site,
          // No sync consent: no coupon book either (it is a request to the collector).
          endpoint: consent.sync ? init.config.endpoint : null,
          features: async () => {
            const f = await source.current(now());
            return { raw: f.raw, bot: f.bot };
          },
          score: options.score ?? ((raw, tiers) => model().score(raw, tiers)),
          rng: secureRandom,
          now,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        };
        // One decision across tabs: the live-offer check, the decision and its record happen under one lock.
        const { offer } = await withLock(options.locks ?? defaultLockManager(), DECISION_LOCK_NAME, () => decideOffer(deps, request, newDecisionId()));
        return offer;
      } catch (error) {
        log.warn('decision failed; no offer:', error instanceof Error ? error.message : error);
        return null;
      }
    },
    async dismiss(decisionId: string): Promise<void> {
      if (typeof decisionId !== 'string' || decisionId === '') throw new TypeError("'decisionId' passed to 'dismiss' must be a non-empty string");
      if (!consent.store) return;
      const { markDismissed } = await decisions();
      await markDismissed(await store(), decisionId, now() - activePolicy.offerTtlMs);
    },
    async features(opts: { full?: boolean } = {}): Promise<FeatureView> {
      const source = await featureSource();
      const f = opts.full ? await source.fullRecompute(now()) : await source.current(now());
      const standardized = modelRt?.standardize(f.raw) ?? null;
      return {
        raw: { ...f.raw },
        standardized,
        bot: f.bot,
        botReasons: f.botReasons,
        mode: opts.full ? 'full' : 'incremental',
        inputs: f.inputs,
        timing: f.timing,
      };
    },
    async cart() {
      if (!consent.store) return null;
      const [{ storedCart }, s] = await Promise.all([decisions(), store()]);
      return storedCart(s);
    },
    async warmUpModel() {
      return model().warmUp();
    },
    async predict(raw) {
      return model().predictTiers(raw);
    },
    async modelDiagnostics() {
      return model().diagnostics();
    },
    async audit(): Promise<AuditData> {
      const s = storePromise ? await storePromise.catch(() => null) : null;
      return collectAudit({ store: s, now: now(), consent, sdkBase: init?.sdkBase ?? null, features: () => api.features(), cart: () => api.cart() });
    },
    async debugAdvanceClock(ms: number): Promise<number> {
      if (!init?.config.debug) throw new Error("'debugAdvanceClock' is only available with data-debug on the tag");
      if (!(Number.isFinite(ms) && ms >= 0)) throw new TypeError("'ms' passed to 'debugAdvanceClock' must be a finite number ≥ 0");
      clockOffset += ms;
      lastSweep = 0;
      return now();
    },
    async sync(opts: { keepalive?: boolean; forceConfig?: boolean } = {}): Promise<SyncSummary | null> {
      return sync.run({ ...(opts.keepalive ? { keepalive: true } : {}), ...(opts.forceConfig ? { forceConfig: true } : {}) });
    },
    async forget(): Promise<void> {
      consent = { store: false, personalise: false, sync: false };
      sync.stop();
      features?.reset();
      features = null;
      const s = storePromise ? await storePromise.catch(() => null) : null;
      storePromise = null;
      if (s) await s.deleteDatabase();
      else await deleteTailorDatabase();
      if (typeof caches !== 'undefined') {
        for (const name of await caches.keys()) if (name.startsWith('tailor')) await caches.delete(name);
      }
    },
    store,
  };
  return api;
}
