/**
 * The local event store as the rest of the worker sees it. `openStore` returns one; whether it is backed by
 * IndexedDB or by memory is visible only through `kind` and `reason`, both implementations keep the same
 * contract (the unit suite runs against both).
 */
import type { EventName } from '../../core/events/schema';
import type { DecisionRecord, OutboxRecord, SessionRecord, StoredEvent, StoredEventInput } from './schema';

/** Which backend holds the data. */
export type StoreKind = 'indexeddb' | 'memory';

/** An error reported in a result instead of being thrown (same shape as the worker's wire errors). */
export interface StoreError {
  name: string;
  message: string;
}

/** Outcome of {@link Store.appendEvents}. */
export interface AppendResult {
  /** Events newly stored. */
  written: number;
  /** Events skipped because their id (or their purchase's `transaction_id`) was already stored or repeated. */
  duplicates: number;
  /** Events skipped because they lack a non-empty string `id` or a finite `ts`. */
  rejected: number;
  /** Present when the storage quota was hit: the retention sweep run before the single retry. */
  quotaRecovery?: RetentionResult;
  /** Present when nothing of the batch could be stored. */
  error?: StoreError;
  /** The events newly stored, with their session ids, in store order (absent when the append failed). */
  readonly stored?: readonly StoredEvent[];
}

/** Answer to {@link Store.eventStamp}. */
export interface EventStamp {
  count: number;
  /** The last event in store order (ts, then id); null when there is none. */
  newest: { ts: number; id: string } | null;
}

/** Options of {@link Store.applyRetention}. */
export interface RetentionOptions {
  /** Events, sessions, decisions and outbox records older than this are deleted. Default 30. */
  maxAgeDays?: number;
  /** Beyond this many events, the oldest are deleted. Default 50 000. */
  maxEvents?: number;
  /** Current time in ms; defaults to the store's clock. */
  now?: number;
}

/** Outcome of {@link Store.applyRetention}. */
export interface RetentionResult {
  deletedByAge: number;
  deletedByCap: number;
  sessionsDeleted: number;
  decisionsDeleted: number;
  outboxDeleted: number;
  /** Present when the sweep failed; nothing was deleted then (the sweep is one transaction). */
  error?: StoreError;
}

/** What the policy needs to know about the visitor, as seen at a given time. */
export interface VisitorState {
  /** ts of the earliest event ever stored; absent for a visitor with no events. */
  firstSeen?: number;
  /** Sessions recorded so far, the current one included. */
  visitCount: number;
  /** Whether the latest session is still open at `now` (its last event is less than 30 minutes old). */
  inSession: boolean;
  /** Id of the open session (absent outside a session). */
  sessionId?: string;
  /** Whether the visitor had a visit before the current one (or before the next one, outside a session). */
  returning: boolean;
  /** End of the visit before the current one (or of the latest visit, outside a session). */
  lastVisitEnd?: number;
  /** `(now - lastVisitEnd)` in fractional days. */
  daysSinceLastVisit?: number;
  lastPurchaseTs?: number;
  /** `(now - lastPurchaseTs)` in fractional days. */
  daysSinceLastPurchase?: number;
}

/** Paging for reads. */
export interface ListOptions {
  /** At most this many records (see each method for which end is kept). */
  limit?: number;
}

/**
 * The store. Reads return copies ordered by `(ts, id)` ascending. `appendEvents` never rejects: failures come
 * back in the result, because the caller is a tracker that must not break the page. Other methods reject on
 * misuse (bad arguments, closed store) and on storage failures.
 */
export interface Store {
  readonly kind: StoreKind;
  /** Why the store runs in memory (IndexedDB unavailable, blocked, timed out, closed by another tab…). */
  readonly reason?: string;

  /**
   * Stores a batch in one transaction, idempotently by id; assigns sessions (30 minutes idle) and updates the
   * session rows and the visitor state in the same transaction. On a quota error, deletes the oldest 20 % of
   * events and retries once.
   */
  appendEvents(events: readonly StoredEventInput[]): Promise<AppendResult>;
  /** Events with `ts >= since`; `limit` keeps the oldest. */
  eventsSince(since: number, options?: ListOptions): Promise<StoredEvent[]>;
  /** Events of one session. */
  eventsInSession(sessionId: string): Promise<StoredEvent[]>;
  /** Events with one of `names`, in store order (ts, then id): e.g. the cart's events, without reading the rest. */
  eventsNamed(names: readonly EventName[]): Promise<StoredEvent[]>;
  /** All events; `limit` keeps the newest. */
  allEvents(options?: ListOptions): Promise<StoredEvent[]>;
  countEvents(): Promise<number>;
  /**
   * The event count and the newest event's key (ts, id) in one read, without reading any event: how a reader
   * that folded events tells whether the store has changed since (another tab's writes or sweep).
   */
  eventStamp(): Promise<EventStamp>;
  /** Session rows ordered by start. */
  sessions(): Promise<SessionRecord[]>;
  /** The visitor state at `now` (default: the store's clock). */
  visitorState(now?: number): Promise<VisitorState>;

  /** Adds or replaces a decision by id. */
  putDecision(decision: DecisionRecord): Promise<void>;
  /** Decisions with `ts >= since` (default all); `limit` keeps the newest. */
  decisions(options?: ListOptions & { since?: number }): Promise<DecisionRecord[]>;
  /** Adds or replaces an outbox record by id. */
  outboxPut(record: OutboxRecord): Promise<void>;
  /** Outbox records; `limit` keeps the oldest (they are sent first). */
  outboxList(options?: ListOptions): Promise<OutboxRecord[]>;
  /** Deletes outbox records by id; returns how many existed. */
  outboxDelete(ids: readonly string[]): Promise<number>;
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  /** Writes a meta value; the key `visitor` is reserved for the store. */
  setMeta(key: string, value: unknown): Promise<void>;

  /** Approximate UTF-8 size of the stored events as JSON, in bytes. */
  estimateBytes(): Promise<number>;
  /** Deletes by age and by count (oldest first), at most one tab at a time (Web Locks when available). */
  applyRetention(options?: RetentionOptions): Promise<RetentionResult>;
  /** Empties every object store (events, sessions, decisions, outbox, meta) and keeps the store open. */
  clearAll(): Promise<void>;
  /** Closes and deletes the whole database; the store is closed afterwards. */
  deleteDatabase(): Promise<void>;
  /** Closes the store; later calls reject (and `appendEvents` reports an error). */
  close(): void;
}
