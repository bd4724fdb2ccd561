/**
 * Turns stored decisions whose outcome window has closed into true outcomes
 * (what happened after each decision), ready to be noised. Everything here
 * stays on the device; only `privatizeReport`'s output ever leaves.
 */
import { armOfTier, type Arm, type Satisfaction, type TrueOutcome } from '../../core/privacy';
import type { Store } from '../store/store';
import type { DecisionRecord, StoredEvent } from '../store/schema';

/** How long after a decision its outcome is observed. */
export const OUTCOME_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A decision as the sync module reads it. */
export type ReportableDecision = DecisionRecord & {
  tier: number;
  kind: string;
  shown?: boolean;
  code?: string;
  reported?: boolean;
  policyVersion?: string;
};

/** One decision and what followed it. */
export interface DecisionOutcome {
  decision: ReportableDecision;
  outcome: TrueOutcome;
}

/** The experiment arm of a decision. */
export function armOf(d: ReportableDecision): Arm {
  if (d.kind === 'holdout') return 'holdout';
  // Whatever tier the merchant set: a shown offer is never reported as 'none'.
  if (d.shown && Number.isInteger(d.tier) && d.tier >= 1 && d.tier <= 99) return armOfTier(d.tier);
  return 'none';
}

/** The true outcome of one decision from the events in its window. */
export function outcomeOf(d: ReportableDecision, events: readonly StoredEvent[]): TrueOutcome {
  const end = d.ts + OUTCOME_WINDOW_MS;
  const mine = (e: StoredEvent) => e.ts >= d.ts && e.ts < end;
  const about = (name: string) =>
    events.some((e) => mine(e) && e.name === name && (e.props as { offer_id?: string }).offer_id === d.id);
  const purchase = events.find((e) => mine(e) && e.name === 'purchase');
  const redeemedByCode = d.code !== undefined && purchase?.name === 'purchase' && purchase.props.coupon?.toUpperCase() === d.code.toUpperCase();
  const feedback = events.find((e) => mine(e) && e.name === 'offer_feedback' && e.props.offer_id === d.id);
  const satisfaction: Satisfaction = feedback?.name === 'offer_feedback' ? (feedback.props.useful ? 'up' : 'down') : 'none';
  return {
    arm: armOf(d),
    clicked: about('offer_clicked'),
    copied: about('offer_copied'),
    redeemed: about('offer_redeemed') || redeemedByCode,
    orderValue: purchase?.name === 'purchase' ? purchase.props.value : null,
    satisfaction,
  };
}

/**
 * Decisions ready to report (window closed, not yet reported), with outcomes.
 * Per UTC day, shown offers come first, then at most one holdout or no-offer
 * decision: triggers fire many times a visit, and reporting each would spend
 * the privacy budget on near-duplicates of the same exposure.
 */
export async function readyOutcomes(store: Store, now: number): Promise<DecisionOutcome[]> {
  const decisions = (await store.decisions({ since: now - 30 * 86_400_000 })) as ReportableDecision[];
  const ready = decisions.filter((d) => !d.reported && d.ts + OUTCOME_WINDOW_MS <= now);
  if (ready.length === 0) return [];
  const events = await store.eventsSince(Math.min(...ready.map((d) => d.ts)));
  const byDay = new Map<number, ReportableDecision[]>();
  for (const d of ready) {
    const day = Math.floor(d.ts / 86_400_000);
    byDay.set(day, [...(byDay.get(day) ?? []), d]);
  }
  const chosen: ReportableDecision[] = [];
  for (const list of byDay.values()) {
    const shown = list.filter((d) => armOf(d).startsWith('tier'));
    const other = list.find((d) => !armOf(d).startsWith('tier'));
    chosen.push(...shown, ...(other ? [other] : []));
  }
  // Everything else of those days is marked reported too, so it is never reconsidered.
  for (const d of ready) if (!chosen.includes(d)) await store.putDecision({ ...d, reported: true, reportSkipped: 'one exposure per day per arm group' });
  return chosen.map((decision) => ({ decision, outcome: outcomeOf(decision, events) }));
}
