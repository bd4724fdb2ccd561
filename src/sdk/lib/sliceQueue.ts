/**
 * Work the page may have a lot of (a dataLayer of thousands of entries a long-lived page built up before Tailor
 * loaded) done in slices of at most {@link SLICE_MS}, the first at once and the rest in idle time, so reading it
 * adds no long task. Order is kept:
 * an item offered while older ones wait is queued behind them; with nothing waiting it is handled at once, so an
 * entry pushed right before navigation (a purchase in a submit handler) is read in the same task. `drain()`
 * finishes everything synchronously: the page calls it on page hide, before it saves its buffer.
 */

/** Longest slice of queued work per idle callback (well under the 50 ms of a long task). */
export const SLICE_MS = 4;
/** At the latest, a slice runs this long after the previous one, however busy the page. */
const IDLE_TIMEOUT_MS = 1000;

/** What a slice may spend: the idle deadline's time left where there is one. */
type Schedule = (slice: (budgetMs: number) => void) => void;

/** The queue in front of `handle`. */
export interface SliceQueue<T> {
  /** Handles `item` at once when nothing waits, or queues it behind what does. */
  offer(item: T): void;
  /**
   * Queues `items` (a backlog) behind what waits; with nothing waiting, the first slice runs now (a page's usual
   * few entries are read in this task), the rest in idle slices.
   */
  addAll(items: readonly T[]): void;
  /** Handles everything queued, now. */
  drain(): void;
  /** Drops what is queued and stops scheduling. */
  stop(): void;
  /** How many items wait. */
  readonly waiting: number;
}

/** The page's idle callbacks, or a macrotask where the browser has none. */
export const idleSlices: Schedule = (slice) => {
  const ric = (globalThis as { requestIdleCallback?: (cb: (d: { timeRemaining(): number; didTimeout: boolean }) => void, o: { timeout: number }) => void }).requestIdleCallback;
  if (ric) ric((deadline) => slice(deadline.didTimeout ? SLICE_MS : Math.min(SLICE_MS, deadline.timeRemaining())), { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(() => slice(SLICE_MS), 0);
};

/** A queue in front of `handle`, which must not throw (the caller catches per item). */
export function sliceQueue<T>(handle: (item: T) => void, schedule: Schedule = idleSlices, now: () => number = () => performance.now()): SliceQueue<T> {
  const queue: T[] = [];
  let head = 0;
  let scheduled = false;
  let stopped = false;
  const waiting = () => queue.length - head;
  const compact = () => {
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    }
  };
  const runSlice = (budgetMs: number) => {
    scheduled = false;
    if (stopped) return;
    const end = now() + Math.max(1, budgetMs);
    // At least one item per slice, so a page that is never idle still makes progress at the timeout.
    do handle(queue[head++] as T);
    while (head < queue.length && now() < end);
    compact();
    ensureScheduled();
  };
  const ensureScheduled = () => {
    if (scheduled || stopped || waiting() === 0) return;
    scheduled = true;
    schedule(runSlice);
  };
  return {
    offer(item) {
      if (stopped) return;
      if (waiting() === 0) handle(item);
      else queue.push(item);
    },
    addAll(items) {
      if (stopped || items.length === 0) return;
      const idle = waiting() === 0 && !scheduled;
      for (const item of items) queue.push(item);
      if (idle) runSlice(SLICE_MS);
      else ensureScheduled();
    },
    drain() {
      while (!stopped && head < queue.length) handle(queue[head++] as T);
      compact();
    },
    stop() {
      stopped = true;
      queue.length = 0;
      head = 0;
    },
    get waiting() {
      return waiting();
    },
  };
}
