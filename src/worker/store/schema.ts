/**
 * The shape of Tailor's on-device database: the `tailor` IndexedDB database and the records its stores hold.
 *
 * Persisted records use snake_case like the events themselves, so what a privacy reviewer sees in DevTools
 * matches the event schema. The schema only ever changes through a new step in `migrations.ts`;
 * {@link DB_VERSION} is derived from the number of steps so the two cannot drift apart.
 */
import type { DBSchema } from 'idb';
import type { EventName, PageType, TailorEvent } from '../../core/events/schema';
import { MIGRATIONS } from './migrations';

/** Name of the IndexedDB database (one per origin, shared by every tab). */
export const DB_NAME = 'tailor';

/** The object stores a database at {@link DB_VERSION} has (checked on open: other code may have made one without them). */
export const STORE_NAMES = ['events', 'sessions', 'decisions', 'outbox', 'meta'] as const;

/** Current schema version: one version per migration step. */
export const DB_VERSION = MIGRATIONS.length;

/**
 * An event as handed to the store: a validated event plus the id the page assigned it (a random 128-bit hex
 * string or `crypto.randomUUID()`), which makes appends idempotent across retries and tabs. A `session_id` on
 * the input is ignored: the store assigns sessions.
 */
export type StoredEventInput = TailorEvent & { id: string; session_id?: string };

/** An event as stored: the validated envelope, its id and the session the store assigned. */
export type StoredEvent = TailorEvent & { id: string; session_id: string };

/** One visit: events no more than 30 minutes apart (see `lib/sessionRule.ts`), with counters for features. */
export interface SessionRecord {
  id: string;
  /** ts of the first event. */
  start: number;
  /** ts of the last event. */
  end: number;
  events: number;
  page_views: number;
  product_views: number;
  add_to_cart: number;
  purchases: number;
  /** Sum of `purchase.props.value`, in shop currency units. */
  revenue: number;
  /** Page type of the first event (the landing page), when the tracker knew it. */
  landing_page_type?: PageType;
}

/**
 * A decision the policy took (filled by a later issue). Only `id` and `ts` are the store's business; the rest
 * belongs to the policy, hence the open record.
 */
export interface DecisionRecord {
  id: string;
  ts: number;
  [field: string]: unknown;
}

/** A report waiting to be synced (filled by a later issue); only `id` and `ts` are the store's business. */
export interface OutboxRecord {
  id: string;
  ts: number;
  [field: string]: unknown;
}

/**
 * Visitor-level summary kept in `meta` under {@link VISITOR_META_KEY}. It survives retention on purpose: the
 * events behind "days since last visit" may be older than the retention window, the summary is not personal.
 */
export interface VisitorRecord {
  /** ts of the earliest event ever stored. */
  first_seen: number;
  /** Sessions ever started (late events that bridge two sessions merge them and decrement it). */
  visit_count: number;
  /** The session with the latest start. */
  latest_session?: { id: string; start: number; end: number };
  /** End of the session before `latest_session`. */
  previous_session_end?: number;
  /** ts of the latest purchase event. */
  last_purchase_ts?: number;
}

/** The `meta` key holding the {@link VisitorRecord}; reserved for the store. */
export const VISITOR_META_KEY = 'visitor';

/** The `tailor` database, typed for idb v8. */
export interface TailorDB extends DBSchema {
  events: {
    key: string;
    value: StoredEvent;
    indexes: {
      'by-ts': number;
      'by-name': EventName;
      'by-session': string;
      /** `props.transaction_id` of purchases, so a reloaded thank-you page is not counted twice. */
      'by-transaction': string;
    };
  };
  sessions: { key: string; value: SessionRecord; indexes: { 'by-start': number; 'by-end': number } };
  decisions: { key: string; value: DecisionRecord; indexes: { 'by-ts': number } };
  outbox: { key: string; value: OutboxRecord; indexes: { 'by-ts': number } };
  meta: { key: string; value: unknown };
}
