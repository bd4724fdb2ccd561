/**
 * Building and combining session rows. Counters are additive, so a row can be folded one event at a time,
 * batch after batch, and two rows can be merged when a late event bridges them.
 */
import type { PageType, TailorEvent } from '../../../core/events/schema';
import type { SessionRecord } from '../schema';

/** The page an event happened on; a `page_view` also names the page it viewed. */
function pageTypeOf(event: TailorEvent): PageType | undefined {
  return event.page_type ?? (event.name === 'page_view' ? event.props.page_type : undefined);
}

/** A new session row holding nothing but its id and time span; fold events into it. */
export function newSession(id: string, ts: number): SessionRecord {
  return {
    id, start: ts, end: ts, events: 0, page_views: 0, product_views: 0, add_to_cart: 0, purchases: 0, revenue: 0,
  };
}

/** Returns `session` with `event` counted; an event earlier than the start becomes the landing page. */
export function foldEvent(session: SessionRecord, event: TailorEvent): SessionRecord {
  const next = { ...session, events: session.events + 1 };
  if (event.ts < session.start || session.events === 0) {
    next.start = Math.min(session.start, event.ts);
    const landing = pageTypeOf(event);
    if (landing === undefined) delete next.landing_page_type;
    else next.landing_page_type = landing;
  }
  next.end = Math.max(session.end, event.ts);
  switch (event.name) {
    case 'page_view': next.page_views += 1; break;
    case 'product_view': next.product_views += 1; break;
    case 'add_to_cart': next.add_to_cart += 1; break;
    case 'purchase': next.purchases += 1; next.revenue += event.props.value; break;
    default: break;
  }
  return next;
}

/** Merges `from` into `into`: the id of `into`, the span of both, the landing page of the earlier one. */
export function mergeSessions(into: SessionRecord, from: SessionRecord): SessionRecord {
  const earlier = from.start < into.start ? from : into;
  const merged: SessionRecord = {
    id: into.id,
    start: earlier.start,
    end: Math.max(into.end, from.end),
    events: into.events + from.events,
    page_views: into.page_views + from.page_views,
    product_views: into.product_views + from.product_views,
    add_to_cart: into.add_to_cart + from.add_to_cart,
    purchases: into.purchases + from.purchases,
    revenue: into.revenue + from.revenue,
  };
  if (earlier.landing_page_type !== undefined) merged.landing_page_type = earlier.landing_page_type;
  return merged;
}
