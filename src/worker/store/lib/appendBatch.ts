/**
 * The append algorithm, written once against {@link AppendTx} so that the IndexedDB and the memory backends
 * cannot disagree on idempotency, sessions or the visitor summary.
 *
 * Everything happens inside the one transaction the backend provides: duplicates are checked, the session
 * rows near the batch are read, sessions are planned and written, all before the transaction commits. In
 * IndexedDB, readwrite transactions over the same stores are serialised, so a second tab appending at the same
 * time sees this batch completely or not at all.
 */
import { LIMITS } from '../../../core/events/schema';
import type { SessionRecord, StoredEvent, StoredEventInput, VisitorRecord } from '../schema';
import { compareByTsThenId } from './eventOrder';
import { planSessions } from './planSessions';
import { foldEvent, mergeSessions, newSession } from './sessionRecord';
import { SESSION_IDLE_MS } from './sessionRule';
import { updateVisitor } from './visitorState';

/**
 * The reads and writes the algorithm needs, scoped to one transaction. For IndexedDB, every method must only
 * await requests of that transaction (awaiting anything else lets it commit early).
 */
export interface AppendTx {
  /** The subset of `ids` already stored. */
  storedIds(ids: readonly string[]): Promise<Set<string>>;
  /** The subset of purchase `transactionIds` already stored. */
  storedTransactions(transactionIds: readonly string[]): Promise<Set<string>>;
  /** Stored session rows whose span overlaps `[from, to]` (`end >= from` and `start <= to`). */
  sessionsOverlapping(from: number, to: number): Promise<SessionRecord[]>;
  /** Adds new events; called first among the writes, so a quota failure leaves nothing half-written. */
  addEvents(events: readonly StoredEvent[]): Promise<void>;
  /** Moves every event of session `from` to session `into` and deletes the row of `from`. */
  mergeSession(from: string, into: string): Promise<void>;
  putSessions(rows: readonly SessionRecord[]): Promise<void>;
  /** Up to `count` session rows with the latest start, latest first. */
  newestSessions(count: number): Promise<SessionRecord[]>;
  getVisitor(): Promise<VisitorRecord | undefined>;
  putVisitor(record: VisitorRecord): Promise<void>;
}

/** A batch after validation and in-batch de-duplication. */
export interface PreparedBatch {
  events: StoredEventInput[];
  duplicates: number;
  rejected: number;
}

function isAcceptable(event: unknown): event is StoredEventInput {
  if (!event || typeof event !== 'object') return false;
  const { id, ts, name, props } = event as Partial<StoredEventInput>;
  return (
    typeof id === 'string' && id.length > 0 && id.length <= LIMITS.text &&
    typeof ts === 'number' && Number.isFinite(ts) && typeof name === 'string' &&
    !!props && typeof props === 'object'
  );
}

function transactionIdOf(event: StoredEventInput): string | undefined {
  return event.name === 'purchase' ? event.props.transaction_id : undefined;
}

/**
 * Checks the fields the store relies on (the rest was validated by `validateEvent`) and drops repeats inside
 * the batch, by id and by purchase `transaction_id`.
 */
export function prepareBatch(input: readonly unknown[]): PreparedBatch {
  const ids = new Set<string>();
  const transactions = new Set<string>();
  const prepared: PreparedBatch = { events: [], duplicates: 0, rejected: 0 };
  for (const event of input) {
    if (!isAcceptable(event)) {
      prepared.rejected += 1;
      continue;
    }
    const transactionId = transactionIdOf(event);
    if (ids.has(event.id) || (transactionId !== undefined && transactions.has(transactionId))) {
      prepared.duplicates += 1;
      continue;
    }
    ids.add(event.id);
    if (transactionId !== undefined) transactions.add(transactionId);
    prepared.events.push(event);
  }
  return prepared;
}

/** Appends a prepared batch through `tx`; returns the events written (as stored, in store order) and how many were already stored. */
export async function appendBatch(
  tx: AppendTx,
  batch: readonly StoredEventInput[],
  newId: () => string,
): Promise<{ written: StoredEvent[]; duplicates: number }> {
  const transactionIds = batch.map(transactionIdOf).filter((id): id is string => id !== undefined);
  const [storedIds, storedTransactions, visitor] = await Promise.all([
    tx.storedIds(batch.map((e) => e.id)),
    tx.storedTransactions(transactionIds),
    tx.getVisitor(),
  ]);
  const fresh = batch
    .filter((e) => {
      const transactionId = transactionIdOf(e);
      return !storedIds.has(e.id) && (transactionId === undefined || !storedTransactions.has(transactionId));
    })
    .sort(compareByTsThenId);
  const duplicates = batch.length - fresh.length;
  const first = fresh[0];
  const last = fresh[fresh.length - 1];
  if (!first || !last) return { written: [], duplicates };

  const near = await tx.sessionsOverlapping(first.ts - SESSION_IDLE_MS, last.ts + SESSION_IDLE_MS);
  const plan = planSessions(near, fresh, newId);
  const rows = new Map(near.map((row) => [row.id, row]));

  const written: StoredEvent[] = fresh.map((e) => ({ ...e, session_id: plan.assigned.get(e.id)! }));
  await tx.addEvents(written);

  await Promise.all([...plan.merges].map(([from, into]) => tx.mergeSession(from, into)));
  for (const [from, into] of plan.merges) {
    const absorbed = rows.get(from);
    if (!absorbed) continue;
    const target = rows.get(into);
    rows.set(into, target ? mergeSessions(target, absorbed) : { ...absorbed, id: into });
    rows.delete(from);
  }
  for (const event of written) {
    const row = rows.get(event.session_id) ?? newSession(event.session_id, event.ts);
    rows.set(event.session_id, foldEvent(row, event));
  }
  const touched = new Set(plan.assigned.values());
  await tx.putSessions([...rows.values()].filter((row) => touched.has(row.id)));

  const lastPurchaseTs = written.reduce((max, e) => (e.name === 'purchase' && e.ts > max ? e.ts : max), -Infinity);
  const newest = await tx.newestSessions(2);
  await tx.putVisitor(
    updateVisitor(
      visitor,
      {
        minTs: first.ts,
        sessionsAdded: plan.created.length - plan.merges.size,
        ...(Number.isFinite(lastPurchaseTs) ? { lastPurchaseTs } : {}),
      },
      newest,
    ),
  );
  return { written, duplicates };
}
