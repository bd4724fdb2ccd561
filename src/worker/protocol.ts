/**
 * The one typed boundary between the page (src/sdk) and the Web Worker.
 *
 * The page only ever holds a `Remote<TailorWorkerApi>`; everything that
 * crosses is structured-cloneable. Errors cross as plain `{name, message}`:
 * stacks stay in the worker, where they belong, and cannot leak paths.
 */
import { transferHandlers } from 'comlink';
import type { TailorConfig } from '../core/config';
import type { TailorEvent } from '../core/events/schema';
import type { Capabilities } from '../core/consent';
import type { RawFeatureRecord } from '../core/features/definition';
import type { PageValueTable } from '../core/pageValues';
import type { CartState } from '../core/cart/cartModel';
import type { ModelDiagnostics, PredictionResult } from './model';

/** What the page hands the worker once, right after it starts. */
export interface WorkerInit {
  config: TailorConfig;
  /** `navigator.webdriver` as read on the page (bot signal). */
  webdriver?: boolean;
  /** What the consent decision allows right now (see core/consent.ts). */
  consent: Capabilities;
  /** Absolute URL of the directory tailor.js was loaded from (for lazily fetched chunks and the model). */
  sdkBase: string;
}

/** Answer to {@link TailorWorkerApi.health}. */
export interface WorkerHealth {
  ok: true;
  version: string;
  /** Whether `init` has run. */
  initialised: boolean;
  /** Tracked events received since the worker started. */
  eventsReceived: number;
  /** Where events are kept: IndexedDB, memory (and why), or nowhere yet (no consent). */
  store: { kind: 'indexeddb' | 'memory' | 'none'; reason?: string };
  /** What the consent decision allows right now. */
  consent: Capabilities;
  /** ms since the worker's time origin when health was answered. */
  uptimeMs: number;
}

/** A validated event with its random id, as the page hands it over (the worker validates again). */
export type WireEvent = TailorEvent & { id: string };

/** Answer to {@link TailorWorkerApi.ingest}: sent once the batch is durably written (or held in memory). */
export interface IngestResult {
  written: number;
  duplicates: number;
  /** Events the worker refused (failed validation in the worker). */
  rejected: number;
  /**
   * Where the batch is kept: 'memory' when IndexedDB is unavailable, refused or full, so the events die with the
   * worker unless the page carries them to the next page (src/sdk/lib/pendingBuffer.ts); 'none' when nothing was
   * kept because storage consent is missing.
   */
  held: 'indexeddb' | 'memory' | 'none';
}

/** What made the page ask for a decision. */
export type Trigger = 'exit_intent' | 'product_dwell' | 'idle_cart' | 'return_visit';

/** A request for a decision, from the page's trigger logic. */
export interface OfferRequest {
  trigger: Trigger;
  pageType: string;
  /** On a product page, the viewed product's price (the worker adds the cart it knows: core/cart `orderValueOf`); else null. */
  productPrice: number | null;
  /** The viewed product's id, so a product already in the cart is not counted twice. */
  productId?: string;
  category?: string;
}

/** An offer to render; null means "no offer". */
export interface OfferView {
  decisionId: string;
  /** Percent off. */
  tier: number;
  code: string;
  /** ms since epoch. */
  expiresAt: number;
  /** Human-readable reason (also in the audit view). */
  reason: string;
  policyVersion: string;
}

/** The worker's API, exposed through comlink. */
export interface TailorWorkerApi {
  /** Configures the worker; must be called once before anything else. */
  init(init: WorkerInit): Promise<void>;
  /** Answers once the worker is up; the loader's `ready()` waits for this. */
  health(): Promise<WorkerHealth>;
  /**
   * Stores a batch of events in one transaction; resolves once written. `sentAt` is the page's clock when it sent
   * the batch: when it disagrees with the worker's by more than a minute, the batch's timestamps are moved by
   * the difference (the page's clock was faked or skewed; the events keep their spacing).
   */
  ingest(events: WireEvent[], sentAt?: number): Promise<IngestResult>;
  /** Applies a new consent decision: no `store` stops storing, no `sync` stops all sending. */
  setConsent(consent: Capabilities): Promise<void>;
  /** Runs the policy for a trigger; resolves with the offer to show, or null. Never rejects for policy reasons. */
  decide(request: OfferRequest): Promise<OfferView | null>;
  /** Records that the shopper dismissed an offer (the cool-down applies across tabs). */
  dismiss(decisionId: string): Promise<void>;
  /** The current feature vector: raw values by name, and the standardised model input when a model is loaded. */
  features(options?: { full?: boolean }): Promise<FeatureView>;
  /** The cart as this device knows it (folded from the stored cart events, so every tab agrees); null without storage consent. */
  cart(): Promise<CartState | null>;
  /** Loads the model and starts a backend if not yet done; resolves with the model diagnostics. */
  warmUpModel(): Promise<ModelDiagnostics>;
  /** Calibrated P(buy | tier) for every tier of the model, or a typed ModelUnavailable; never rejects. */
  predict(raw: RawFeatureRecord): Promise<PredictionResult>;
  /** The model runtime's state: backend chosen, backends rejected and why, timings. */
  modelDiagnostics(): Promise<ModelDiagnostics>;
  /** Everything stored locally and everything ever sent. */
  audit(): Promise<AuditData>;
  /**
   * Test and support hook, honoured only when the tag has `data-debug`: moves
   * the worker's clock forward (retention, outcome windows, send jitter) so a
   * month can be checked in seconds. Rejects otherwise.
   */
  debugAdvanceClock(ms: number): Promise<number>;
  /** Runs a sync round now (`keepalive` on page hide: deliver what is queued, skip the config pull). */
  sync(options?: { keepalive?: boolean; forceConfig?: boolean }): Promise<SyncSummary | null>;
  /** Deletes the database and every cache Tailor made; storing stops until consent is given again. */
  forget(): Promise<void>;
}

/** The shopper's current features, for the policy's audit trail and the audit view. */
export interface FeatureView {
  raw: Record<string, number | string | boolean | null | undefined>;
  /** Model input column names and values (clipped, imputed, standardised), or null without a model. */
  standardized: { names: string[]; values: number[] } | null;
  bot: boolean;
  botReasons: string[];
  /** 'incremental' (running accumulator) or 'full' (recomputed from the store). */
  mode: 'incremental' | 'full';
  inputs: FeatureInputs;
  timing: FeatureTiming;
}

/**
 * What besides the stored events went into a feature record: `computeFeatures(audit().events, {now, visitor:
 * {priorSessions, persistent}, utcOffsetMinutes, pageValues})` in Node gives the same record (the parity test does exactly this).
 */
export interface FeatureInputs {
  now: number;
  priorSessions: number;
  persistent: boolean;
  /** Absent: the worker's local time zone. */
  utcOffsetMinutes?: number;
  /** The site's page-value table the record was priced with (from `/v1/config`); null: none, PageValues from local history. */
  pageValues: PageValueTable | null;
}

/** Worker-side cost of a feature record. */
export interface FeatureTiming {
  /** Milliseconds for this record: the store read and recompute (full), or the accumulator read. */
  computeMs: number;
  /** Milliseconds the last ingested batch took to fold into the running features (null before any). */
  lastFoldMs: number | null;
  /** True when this read had to (re)build the running features (first read, events that arrived out of order). */
  rebuilt: boolean;
  /** The latest such build (null before any): its duration, and whether an earlier page's snapshot or every stored event gave it. */
  lastBuild: { ms: number; from: 'snapshot' | 'events' } | null;
}

/** Outcome of a sync round. */
export interface SyncSummary {
  queued: number;
  overBudget: number;
  sent: number;
  dropped: number;
  retryAt: number | null;
  policyVersion: string;
}

/** Everything Tailor keeps on this device, for `tailor.audit()` and `tailor.exportData()`. */
export interface AuditData {
  generatedAt: number;
  version: string;
  consent: Capabilities;
  store: { kind: 'indexeddb' | 'memory' | 'none'; reason?: string; bytes: number };
  events: unknown[];
  sessions: unknown[];
  features: FeatureView | null;
  decisions: unknown[];
  outbox: unknown[];
  /** Privacy budget spent, as the sync module records it. */
  budgets: unknown;
  /** Every payload ever sent (bounded log, newest last). */
  outbound: unknown[];
  /** Other local state: holdout assignment, cached coupon book, visitor summary. */
  meta: Record<string, unknown>;
  /** The data manifest served beside the SDK (what may be stored and sent), or null if unreachable. */
  manifest: unknown;
  /** The cart as the device knows it (core/cart), or null without stored events. */
  cart: CartState | null;
  /** Why consent is restricted, if it is (added on the page side). */
  consentReasons?: string[];
  /**
   * Added on the page side: whether the worker holds events in memory only, and how many of the newest the page
   * carries to the next page, at most `max`, in which Web Storage area (null: none works, so they last as long
   * as the page).
   */
  carried?: { heldInMemory: boolean; events: number; max: number; area: 'localStorage' | 'sessionStorage' | null };
  /** What the page's captures skipped on this page (added on the page side): unreadable cart items, failed cart reads. */
  pageCounters?: { ignoredItems: number; failedCartReads: number };
}

/** An error as it crosses the boundary. */
export interface WireError {
  name: string;
  message: string;
}

/** Reduces anything thrown to `{name, message}`. */
export function toWireError(value: unknown): WireError {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value && typeof value === 'object' && 'message' in value) {
    const v = value as { name?: unknown; message?: unknown };
    return { name: typeof v.name === 'string' ? v.name : 'Error', message: String(v.message) };
  }
  return { name: 'Error', message: String(value) };
}

/**
 * Makes comlink send thrown errors as `{name, message}` only, on whichever side
 * calls it (both sides must). The receiving side re-throws a real `Error`.
 */
export function installWireErrors(): void {
  const base = transferHandlers.get('throw');
  if (!base) return;
  transferHandlers.set('throw', {
    canHandle: base.canHandle,
    serialize: (thrown: unknown) => [toWireError((thrown as { value: unknown }).value), []],
    deserialize: (wire: unknown) => {
      const { name, message } = toWireError(wire);
      const error = new Error(message);
      error.name = name;
      throw error;
    },
  });
}
