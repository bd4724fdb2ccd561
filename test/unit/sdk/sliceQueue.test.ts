/**
 * The slice queue: order kept between a backlog and later offers, slices bounded by their budget, the first slice
 * at once, and drain() finishing everything synchronously.
 */
import { describe, expect, it } from 'vitest';
import { SLICE_MS, sliceQueue } from '../../../src/sdk/lib/sliceQueue';

/** A manual scheduler and a clock that advances 1 ms per handled item. */
function setup() {
  const handled: number[] = [];
  const slices: ((budgetMs: number) => void)[] = [];
  let clock = 0;
  const q = sliceQueue<number>(
    (n) => {
      handled.push(n);
      clock += 1;
    },
    (slice) => slices.push(slice),
    () => clock,
  );
  const runNext = (budget = SLICE_MS) => slices.shift()?.(budget);
  return { q, handled, slices, runNext };
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('sliceQueue', () => {
  it('handles an offer at once when nothing waits', () => {
    const { q, handled, slices } = setup();
    q.offer(1);
    q.offer(2);
    expect(handled).toEqual([1, 2]);
    expect(slices).toHaveLength(0);
  });

  it('reads a backlog in bounded slices, the first at once, and queues later offers behind it', () => {
    const { q, handled, slices, runNext } = setup();
    q.addAll(range(0, 10));
    expect(handled).toEqual(range(0, SLICE_MS)); // the first slice, in this task
    expect(slices).toHaveLength(1);
    q.offer(100);
    expect(handled).toHaveLength(SLICE_MS); // behind the backlog, not ahead of it
    runNext();
    expect(handled).toEqual(range(0, 2 * SLICE_MS));
    runNext(0.5); // an idle period with almost no time left still makes progress
    expect(handled).toHaveLength(2 * SLICE_MS + 1);
    while (slices.length) runNext();
    expect(handled).toEqual([...range(0, 10), 100]);
    expect(q.waiting).toBe(0);
    q.offer(101);
    expect(handled.at(-1)).toBe(101);
  });

  it('drain() finishes the backlog and what was offered, in order, now', () => {
    const { q, handled } = setup();
    q.addAll(range(0, 50));
    q.offer(100);
    q.addAll([200, 201]);
    q.drain();
    expect(handled).toEqual([...range(0, 50), 100, 200, 201]);
    expect(q.waiting).toBe(0);
  });

  it('stop() drops what waits and ignores what comes after', () => {
    const { q, handled, runNext } = setup();
    q.addAll(range(0, 20));
    q.stop();
    runNext();
    q.offer(1);
    q.drain();
    expect(handled).toEqual(range(0, SLICE_MS));
  });
});
