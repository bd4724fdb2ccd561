/**
 * The session rule the store applies: GA4's 30 minutes without events, from src/core/events/session.ts so the
 * worker, the features and training cut sessions identically.
 *
 * The store does not use that module's per-event reducer (`nextVisitorState`): it treats an event older than the
 * latest as never opening a session, while the store, which must agree across tabs flushing late, lets such an
 * event open (or bridge) a session wherever it falls (see planSessions.ts).
 */
export { isNewSession, SESSION_IDLE_MS } from '../../../core/events/session';

/** One day in ms, for "days since" figures. */
export const DAY_MS = 24 * 60 * 60 * 1000;
