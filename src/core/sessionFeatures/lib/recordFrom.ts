/**
 * The one definition of every feature value, from history counters and the current session's aggregate.
 * Both computation paths end here, so they can only disagree about the aggregate, never about a formula.
 */
import type { RawFeatureRecord } from '../../features/definition';
import { MONTH_LEVELS } from '../../features/spec';
import { civilDateOf, isWeekend } from '../../calendar/civilDate';
import { specialDay } from '../../calendar/specialDay';
import type { HistorySummary } from '../historySummary';
import type { ResolvedContext } from '../featureContext';
import type { SessionAggregate } from './sessionAggregate';
import type { SessionSums } from './rates';
import { finishRates } from './rates';
import { DAY_MS } from './sessionRule';
import type { PageValueTable } from '../../pageValues/pageValueTable';
import { sessionPageValue } from '../../pageValues/sessionPageValue';

/** Spec maximum of `recency_days`: older purchases are capped there rather than turned into "missing" (never). */
const MAX_RECENCY_DAYS = 3650;

/** Everything a feature record is computed from. */
export interface RecordInputs {
  /** Ended sessions, the current one excluded. */
  readonly history: HistorySummary;
  /** The current session (the one holding the latest event), or null before any event. */
  readonly session: SessionAggregate | null;
  /** Bounce, exit, page-value and category-affinity sums of the current session (zeros before any event). */
  readonly sums: SessionSums;
  /** Sessions in the handed-over events before the current one. */
  readonly earlierSessions: number;
  readonly context: ResolvedContext;
  /** The clock for recency: `context.now` or later, never before the latest event. */
  readonly now: number;
  /** The page-value table in force (`context.pageValues` unless the caller passes a newer one). */
  readonly pageValues: PageValueTable | null;
}

/**
 * PageValues and whether it is known. With the site's table every page is priced (an unlisted page is worth 0, as
 * in GA). Without it only the device's own history prices a page, and a session none of whose pages it priced
 * above 0 is "unknown", not "worth 0": a first visit must not look like a visit to worthless pages.
 */
function pageValue(inputs: RecordInputs, historyValue: number): { value: number; missing: 0 | 1 } {
  if (inputs.pageValues) return { value: inputs.session ? sessionPageValue(inputs.session.paths, inputs.pageValues) : 0, missing: 0 };
  return inputs.sums.valueSum > 0 ? { value: historyValue, missing: 0 } : { value: 0, missing: 1 };
}

function visitorType(inputs: RecordInputs): 'Returning_Visitor' | 'New_Visitor' | 'Other' {
  const { visitor } = inputs.context;
  if (inputs.earlierSessions > 0 || inputs.history.sessions > 0 || (visitor?.priorSessions ?? 0) > 0) return 'Returning_Visitor';
  return visitor?.persistent ? 'New_Visitor' : 'Other';
}

/** The raw feature record (spec names; `null` = missing, imputed by the vectorizer with training statistics). */
export function recordFrom(inputs: RecordInputs): RawFeatureRecord {
  const { history: h, session: s, context } = inputs;
  const seconds = (ms: number) => ms / 1000;
  const when = civilDateOf(s?.start ?? inputs.now, context.utcOffsetMinutes);
  const rates = finishRates(inputs.sums, s?.pageViews ?? 0, context.rates);
  const purchased = h.purchases > 0;
  const pv = pageValue(inputs, rates.value);
  return {
    Administrative: s?.counts.administrative ?? 0,
    Administrative_Duration: seconds(s?.durationMs.administrative ?? 0),
    Informational: s?.counts.informational ?? 0,
    Informational_Duration: seconds(s?.durationMs.informational ?? 0),
    ProductRelated: s?.counts.productRelated ?? 0,
    ProductRelated_Duration: seconds(s?.durationMs.productRelated ?? 0),
    BounceRates: rates.bounce,
    ExitRates: rates.exit,
    PageValues: pv.value,
    SpecialDay: specialDay(when, context.calendar),
    Month: MONTH_LEVELS[when.month - 1] ?? null,
    VisitorType: visitorType(inputs),
    Weekend: isWeekend(when) ? 1 : 0,
    recency_days: h.lastPurchaseTs === null ? null
      : Math.min(MAX_RECENCY_DAYS, Math.max(0, (inputs.now - h.lastPurchaseTs) / DAY_MS)),
    frequency: h.purchases,
    monetary: h.spend,
    cart_abandons: h.cartAbandons,
    sale_share: purchased && h.purchasedLines > 0 ? h.saleLines / h.purchasedLines : null,
    coupon_use: purchased ? h.couponPurchases / h.purchases : null,
    offer_response: h.offersShown > 0 ? Math.min(1, h.offersRedeemed / h.offersShown) : null,
    // min: the shares are ≤ 1 exactly, but a sum of floating-point shares may overshoot by an ulp.
    category_affinity: h.categoryViews > 0 && s !== null && s.categorisedViews > 0
      ? Math.min(1, inputs.sums.affinitySum / s.categorisedViews) : null,
    PageValues_missing: pv.missing,
  };
}
