/**
 * The central channel's device side: finished decisions → measurement reports (core/learning) → the outbox.
 *
 * Which decisions count. Only a draw of the served allocation (or a holdout decision) is a measurement of the
 * cell's arm: a guardrail "no offer" (caps, cool-down, a bot) is not tier 0 chosen at random, and counting it
 * as one would bias tier 0 by whoever the guardrails stop.
 *
 * The contribution bound. At most `reportsPerDeviceWeek` in any 7 days, enforced through the one budget ledger
 * (contribution.ts): the earliest measurable decisions win, in time order, so which one is sent never depends
 * on its outcome; the rest are marked and never sent. The audit view shows the same ledger.
 */
import { LEARNING_TIERS, measurementReport, type LearningTier, type MeasurementReport, type ServedCells } from '../../core/learning';
import { checkBudget, emptyLedger, recordSpend, utcDay, type BudgetPolicy } from '../../core/privacy';
import type { Store } from '../store/store';
import type { OutboxRecord } from '../store/schema';
import { OUTCOME_WINDOW_MS, outcomeOf, type ReportableDecision } from './outcomes';
import { BUDGET_KEY, sendAfter, type BudgetState } from './ledger';

/** A queued measurement. */
export interface QueuedMeasurement extends OutboxRecord {
  measurement: MeasurementReport;
  sendAfter: number;
}

/** A decision as this module reads it. */
type MeasurableDecision = ReportableDecision & { allocated?: true; cell?: { spec: string; index: number } };

/** What queueing needs. */
export interface MeasurementSettings {
  cells: ServedCells;
  epsilon: number;
  budget: BudgetPolicy;
  rng: () => number;
}

/** The arm a decision measured, or null when it is not a draw the measurement has an arm for. */
function armOf(d: MeasurableDecision): LearningTier | 'holdout' | null {
  if (d.kind === 'holdout') return 'holdout';
  if (d.allocated !== true) return null;
  // An offer decided but never shown (no code offline) exposed the shopper to no discount.
  const tier = d.shown ? d.tier : 0;
  return (LEARNING_TIERS as readonly number[]).includes(tier) ? (tier as LearningTier) : null;
}

/** Queues the measurements of every finished decision the bound allows; marks every finished decision reported. */
export async function queueMeasurements(store: Store, now: number, settings: MeasurementSettings): Promise<{ queued: number; overBudget: number }> {
  const decisions = (await store.decisions({ since: now - 30 * 86_400_000 })) as MeasurableDecision[];
  const ready = decisions.filter((d) => !d.reported && d.ts + OUTCOME_WINDOW_MS <= now).sort((a, b) => a.ts - b.ts);
  if (ready.length === 0) return { queued: 0, overBudget: 0 };
  const events = await store.eventsSince(ready[0]!.ts);
  const state = (await store.getMeta<BudgetState>(BUDGET_KEY)) ?? { policy: settings.budget, epsilon: settings.epsilon, ledger: emptyLedger() };
  let ledger = state.ledger;
  let queued = 0;
  let overBudget = 0;
  for (const d of ready) {
    const arm = armOf(d);
    if (arm === null || d.cell?.spec !== settings.cells.spec.version) {
      await store.putDecision({ ...d, reported: true, reportSkipped: 'not a draw of the served allocation under the served cell spec' });
      continue;
    }
    const verdict = checkBudget(ledger, settings.budget, settings.epsilon, now);
    if (!verdict.allowed) {
      overBudget++;
      await store.putDecision({ ...d, reported: true, reportSkipped: `contribution bound: ${verdict.reason}` });
      continue;
    }
    const bought = outcomeOf(d, events).orderValue !== null;
    const measurement = measurementReport(settings.cells.spec, { day: utcDay(d.ts), cell: d.cell.index, arm, bought });
    ledger = recordSpend(ledger, settings.budget, settings.epsilon, now);
    await store.outboxPut({ id: measurement.idempotencyKey, ts: now, measurement, sendAfter: sendAfter(now, settings.rng) } satisfies QueuedMeasurement);
    await store.putDecision({ ...d, reported: true });
    queued++;
  }
  await store.setMeta(BUDGET_KEY, { policy: settings.budget, epsilon: settings.epsilon, ledger } satisfies BudgetState);
  return { queued, overBudget };
}
