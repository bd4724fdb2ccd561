/**
 * Local aggregation → local differential privacy → outbox → collector.
 *
 * Each reportable decision becomes one fixed-schema report, noised on the
 * device with randomized response (ε per report, `core/privacy`), charged to
 * the device's contribution budget (reports per day, ε per week), and queued
 * in the IndexedDB outbox with a random send time, so its arrival cannot be
 * tied to a page view. Delivery retries with exponential backoff and jitter;
 * a random idempotency key makes a retried upload count once.
 *
 * Outbox overflow policy: at most {@link OUTBOX_MAX} reports wait; beyond
 * that the oldest are dropped (they are the least useful: the server ignores
 * reports older than 30 days anyway).
 */
import {
  DEFAULT_BUDGET,
  DEFAULT_EPSILON,
  MAX_BATCH,
  checkBudget,
  emptyLedger,
  privatizeReport,
  recordSpend,
  utcDay,
  type BudgetPolicy,
  type Report,
} from '../../core/privacy';
import type { Store } from '../store/store';
import type { OutboxRecord } from '../store/schema';
import { readyOutcomes } from './outcomes';
import { COLLECTOR_PAUSE_KEY, send, type SendDeps } from './send';
import { queueMeasurements, type QueuedMeasurement } from './measurements';
import { BUDGET_KEY, sendAfter, type BudgetState } from './ledger';

export { BUDGET_KEY, SEND_JITTER_MS, type BudgetState } from './ledger';
import type { ServedCells } from '../../core/learning';

/** The `meta` key of the delivery state (backoff). */
export const DELIVERY_KEY = 'report-delivery';
/** Most reports waiting in the outbox. */
export const OUTBOX_MAX = 200;

/** A queued report. */
export interface QueuedReport extends OutboxRecord {
  report: Report;
  sendAfter: number;
}

/** Settings of the report pipeline (from the server config, or defaults). */
export interface ReportSettings {
  epsilon: number;
  budget: BudgetPolicy;
  rng: () => number;
  /** The central channel's allocation: measurements replace local-DP reports (sync/measurements.ts). */
  cells?: ServedCells | null;
}

/** Default settings: ε = ln 3 per report, 2 reports a day, 5·ln 3 a week. */
export const DEFAULT_REPORT_SETTINGS: Omit<ReportSettings, 'rng'> = { epsilon: DEFAULT_EPSILON, budget: DEFAULT_BUDGET };

/** Makes reports for every decision whose outcome is known; returns how many were queued and dropped. */
export async function queueReports(store: Store, now: number, settings: ReportSettings): Promise<{ queued: number; overBudget: number }> {
  if (settings.cells) {
    const result = await queueMeasurements(store, now, { cells: settings.cells, epsilon: settings.epsilon, budget: settings.budget, rng: settings.rng });
    await trimOutbox(store);
    return result;
  }
  const ready = await readyOutcomes(store, now);
  const state = (await store.getMeta<BudgetState>(BUDGET_KEY)) ?? { policy: settings.budget, epsilon: settings.epsilon, ledger: emptyLedger() };
  let ledger = state.ledger;
  let queued = 0;
  let overBudget = 0;
  for (const { decision, outcome } of ready) {
    const verdict = checkBudget(ledger, settings.budget, settings.epsilon, now);
    if (!verdict.allowed) {
      overBudget++;
      await store.putDecision({ ...decision, reported: true, reportSkipped: `privacy budget: ${verdict.reason}` });
      continue;
    }
    const report = privatizeReport(outcome, {
      day: utcDay(decision.ts),
      policyVersion: /^(default|[1-9][0-9]{0,8})$/.test(decision.policyVersion ?? '') ? decision.policyVersion! : 'default',
      epsilon: settings.epsilon,
    });
    ledger = recordSpend(ledger, settings.budget, settings.epsilon, now);
    const record: QueuedReport = { id: report.idempotencyKey, ts: now, report, sendAfter: sendAfter(now, settings.rng) };
    await store.outboxPut(record);
    await store.putDecision({ ...decision, reported: true });
    queued++;
  }
  await store.setMeta(BUDGET_KEY, { policy: settings.budget, epsilon: settings.epsilon, ledger } satisfies BudgetState);
  await trimOutbox(store);
  return { queued, overBudget };
}

/** Drops the oldest queued reports beyond {@link OUTBOX_MAX}. */
async function trimOutbox(store: Store): Promise<void> {
  const all = await store.outboxList();
  if (all.length > OUTBOX_MAX) await store.outboxDelete(all.slice(0, all.length - OUTBOX_MAX).map((r) => r.id));
}

/** A queued upload of either channel. */
type Queued = QueuedReport | QueuedMeasurement;

/** Delivers a batch of one channel's queued uploads (each path literal, so the manifest test reads it). */
function upload(deps: SendDeps, site: string, batch: readonly Queued[], keepalive: boolean): Promise<Response> {
  if ('measurement' in batch[0]!) return send(deps, 'POST', '/v1/measurements', { site, measurements: (batch as QueuedMeasurement[]).map((r) => r.measurement) }, { keepalive });
  return send(deps, 'POST', '/v1/reports', { site, reports: (batch as QueuedReport[]).map((r) => r.report) }, { keepalive });
}

/** Up to {@link MAX_BATCH} due uploads of the channel of the first due one (one request carries one kind). */
function dueBatch(queued: readonly Queued[], now: number): Queued[] {
  const due = queued.filter((r) => r.sendAfter <= now && ('report' in r || 'measurement' in r));
  if (due.length === 0) return [];
  const central = 'measurement' in due[0]!;
  return due.filter((r) => 'measurement' in r === central).slice(0, MAX_BATCH);
}

/** Backoff state of delivery. */
interface DeliveryState {
  attempts: number;
  nextAttemptAt: number;
}

/** Exponential backoff with ±50 % jitter: 30 s · 2ⁿ, capped at 6 h. */
export function backoffMs(attempts: number, rng: () => number): number {
  const base = Math.min(6 * 60 * 60 * 1000, 30_000 * 2 ** Math.min(attempts, 20));
  return base * (0.5 + rng());
}

/** Result of one delivery attempt. */
export interface FlushResult {
  sent: number;
  dropped: number;
  retryAt: number | null;
}

/** Sends due reports (≤ 50 per request) until none are due, a request fails, or `maxBatches` is reached. */
export async function flushOutbox(deps: SendDeps & { store: Store; site: string; rng: () => number; keepalive?: boolean; maxBatches?: number }): Promise<FlushResult> {
  const now = (deps.now ?? Date.now)();
  const state = (await deps.store.getMeta<DeliveryState>(DELIVERY_KEY)) ?? { attempts: 0, nextAttemptAt: 0 };
  if (state.nextAttemptAt > now && !deps.keepalive) return { sent: 0, dropped: 0, retryAt: state.nextAttemptAt };
  let sent = 0;
  let dropped = 0;
  for (let batch = 0; batch < (deps.maxBatches ?? 4); batch++) {
    // Page hide only changes the transport (keepalive), never the random send time.
    const due = dueBatch((await deps.store.outboxList()) as Queued[], now);
    if (due.length === 0) break;
    // keepalive bodies are capped at 64 KB by browsers; 50 reports are ~10 KB.
    // 0 stands for a network failure (collector down, offline): retried like a 5xx.
    const status = await upload(deps, deps.site, due, deps.keepalive === true).then(
      (r) => r.status,
      () => 0,
    );
    if (status >= 200 && status < 300) {
      await deps.store.outboxDelete(due.map((r) => r.id));
      sent += due.length;
      await deps.store.setMeta(DELIVERY_KEY, { attempts: 0, nextAttemptAt: 0 } satisfies DeliveryState);
      continue;
    }
    if (status >= 400 && status < 500 && status !== 429 && status !== 408) {
      // The collector will never accept these (schema or age): keeping them would block the queue forever.
      await deps.store.outboxDelete(due.map((r) => r.id));
      dropped += due.length;
      continue;
    }
    // A Retry-After the collector sent (send.ts keeps it) is the earliest next attempt, whatever the backoff says.
    const pause = await deps.store.getMeta<{ until: number }>(COLLECTOR_PAUSE_KEY).catch(() => undefined);
    const next: DeliveryState = { attempts: state.attempts + 1, nextAttemptAt: Math.max(now + backoffMs(state.attempts, deps.rng), pause?.until ?? 0) };
    await deps.store.setMeta(DELIVERY_KEY, next);
    return { sent, dropped, retryAt: next.nextAttemptAt };
  }
  return { sent, dropped, retryAt: null };
}
