/**
 * The types of the page API (`window.tailor`): what merchants call, the `data-debug` support hooks, and what the
 * runtime hands to `createTailor`. Types only, so the ESM entry and tests can name them without the runtime.
 */
import type { TailorConfig } from '../core/config';
import type { Logger } from '../core/logger';
import type { AuditData, WorkerHealth } from '../worker/protocol';

/** What `ready()` resolves to: never a rejection, so `await tailor.ready()` is always safe. */
export type ReadyState = { ok: true; health: WorkerHealth } | { ok: false; reason: string };

/** The object merchants call. */
export interface TailorApi {
  /** Tailor's version. */
  readonly version: string;
  /** Records an event: a schema name (`add_to_cart`, …) or any custom name with flat primitive props. */
  track(name: string, props?: Record<string, unknown>): void;
  /**
   * Tells Tailor the whole cart, for shops whose page publishes it in no form Tailor reads by itself (GA4
   * dataLayer, Shopify, WooCommerce): `{ items: [{ id, price, quantity, name? }], value?, currency? }`; an empty
   * `items` list empties it. The margin of an offer is computed on the cart's value.
   */
  cart(cart: { items: unknown[]; value?: number; currency?: string }): void;
  /** Grants or withdraws consent. Withdrawn: capture stops and nothing more is stored. */
  consent(granted: boolean): void;
  /** Resolves once the worker has answered a health call, or with the reason it could not. */
  ready(): Promise<ReadyState>;
  /** Queue compatibility: `tailor.push(['track', name, props])` works before and after load. */
  push(...calls: unknown[]): number;
  /** Everything stored on this device, every payload ever sent, and the data manifest. */
  audit(): Promise<AuditData | null>;
  /** The same as a JSON file; `{download: true}` also saves it (data portability). */
  exportData(options?: { download?: boolean }): Promise<Blob | null>;
  /** Deletes everything Tailor stored, in every tab; capture stops until `consent(true)`. */
  forget(): Promise<void>;
  /** Opens the audit panel (also opened by the `#tailor-audit` URL fragment). */
  openAudit(): Promise<void>;
  /** Only with `data-debug`: support and test hooks (worker clock, sync now, features). */
  debug?: TailorDebug;
}

/** Hooks available with `data-debug` on the tag. */
export interface TailorDebug {
  /** Moves the worker's clock forward by `ms`; resolves with the worker's new time. */
  advanceClock(ms: number): Promise<number>;
  /** Runs a sync round now (config pull, reports, delivery). */
  syncNow(): Promise<unknown>;
  /** The current feature vector (`full: true` recomputes from the store). */
  features(full?: boolean): Promise<unknown>;
  /** The cart as the worker knows it (what an offer's order value is computed on). */
  cart(): Promise<unknown>;
  /** Runs the offer decision for a trigger, as the trigger logic would. */
  trigger(trigger: 'exit_intent' | 'product_dwell' | 'idle_cart' | 'return_visit'): Promise<void>;
  /** Loads the model now (if not yet) and resolves with its diagnostics. */
  model(): Promise<unknown>;
  /**
   * Replays recorded events (e.g. the `events` of an export) into this device's store with their own ids and
   * timestamps, through the worker's validation: to reproduce a shopper's features in support, and for parity tests.
   */
  ingest(events: unknown[]): Promise<unknown>;
}

/** Where the worker lives and how to talk to it. */
export interface TailorDeps {
  config: TailorConfig;
  log: Logger;
  /** Absolute URL of the worker chunk. */
  workerUrl: string;
  /** Absolute URLs of the chunks the worker imports statically (requested with it, see startWorker). */
  workerDeps?: readonly string[];
  /** Absolute URL of the directory tailor.js was served from. */
  sdkBase: string;
  /** How long `ready()` waits for the worker before giving up. */
  readyTimeoutMs?: number;
}
