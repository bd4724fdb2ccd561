/**
 * The return-visit trigger's condition: the shopper has been here before and this is the first page of the
 * visit. Without it the trigger would fire on every page load of every visit, and each would be a decision
 * (stored, counted against the daily caps, reported after 24 h) about nothing new.
 */
import type { Store } from '../store/store';

/** True on the landing page (at most one page view so far) of a returning visitor's open session. */
export async function isReturnLanding(store: Store, now: number): Promise<boolean> {
  const visitor = await store.visitorState(now);
  if (!visitor.returning || !visitor.inSession || visitor.sessionId === undefined) return false;
  const events = await store.eventsInSession(visitor.sessionId);
  return events.filter((e) => e.name === 'page_view').length <= 1;
}
