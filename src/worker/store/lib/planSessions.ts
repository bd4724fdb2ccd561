/**
 * Session assignment for a batch, as a pure function of the batch and the stored sessions near it.
 *
 * The invariant the store keeps: sessions are exactly the maximal runs of events (ordered by ts) whose
 * neighbours are less than 30 minutes apart. Adding events can only close gaps, so runs can only grow or
 * merge: a batch event joins the stored session of its run, a run with no stored session becomes a new session,
 * and a run that now spans several stored sessions merges them into the earliest. The result is therefore the
 * same whatever order batches arrive in, which is what keeps two tabs writing at once consistent.
 *
 * Because of the invariant, a stored session can be read as its `[start, end]` span: a time inside the span is
 * always less than 30 minutes from one of its events. So the plan needs the few session rows near the batch,
 * not the (possibly thousands of) events behind them.
 */
import { isNewSession } from './sessionRule';

/** A batch event, as far as sessions are concerned. */
export interface SessionPoint {
  id: string;
  ts: number;
}

/** A stored session, as far as planning is concerned. */
export interface SessionSpan {
  id: string;
  start: number;
  end: number;
}

/** What to write. */
export interface SessionPlan {
  /** Batch event id → session id. */
  assigned: Map<string, string>;
  /** Stored session id → the session it is merged into. */
  merges: Map<string, string>;
  /** Ids of the sessions created for this batch. */
  created: string[];
}

interface Item {
  id: string;
  start: number;
  end: number;
  stored: boolean;
}

function byStartThenId(a: Item, b: Item): number {
  if (a.start !== b.start) return a.start - b.start;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Plans sessions for `batch`. `stored` must hold every stored session whose span comes within 30 minutes of a
 * batch event (the store reads the sessions overlapping `[min - 30 min, max + 30 min]`); sessions further
 * away cannot change the plan.
 */
export function planSessions(
  stored: readonly SessionSpan[],
  batch: readonly SessionPoint[],
  newId: () => string,
): SessionPlan {
  const items: Item[] = [
    ...stored.map(({ id, start, end }) => ({ id, start, end, stored: true })),
    ...batch.map(({ id, ts }) => ({ id, start: ts, end: ts, stored: false })),
  ].sort(byStartThenId);

  const plan: SessionPlan = { assigned: new Map(), merges: new Map(), created: [] };
  const close = (run: Item[]): void => {
    const events = run.filter((item) => !item.stored);
    if (events.length === 0) return;
    // Runs are sorted by start, so the first stored session is the earliest; the others merge into it.
    const [target, ...absorbed] = run.filter((item) => item.stored);
    let id: string;
    if (target) {
      id = target.id;
      for (const other of absorbed) plan.merges.set(other.id, id);
    } else {
      id = newId();
      plan.created.push(id);
    }
    for (const event of events) plan.assigned.set(event.id, id);
  };

  let run: Item[] = [];
  let runEnd = -Infinity;
  for (const item of items) {
    // Sorted by start, so an item either overlaps the run (start <= runEnd) or follows it.
    if (run.length > 0 && item.start > runEnd && isNewSession(runEnd, item.start)) {
      close(run);
      run = [];
    }
    run.push(item);
    runEnd = Math.max(runEnd, item.end);
  }
  close(run);
  return plan;
}
