/**
 * Runs tasks with at most `parallel` in flight, in order of their index, and
 * collects each result or error. Each task also gets its lane (0 ≤ lane <
 * `parallel`), which runs one task at a time, so a lane can own a resource
 * such as a browser context; stops starting new tasks once `abort`
 * returns true (e.g. when nearly everything fails, which means a setup error).
 */

/** The outcome of one task. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs `task(0..count-1, lane)`; `onSettled` sees each outcome as it lands. */
export async function runPool<T>(
  count: number,
  parallel: number,
  task: (index: number, lane: number) => Promise<T>,
  onSettled: (index: number, outcome: Settled<T>) => void = () => {},
  abort: () => boolean = () => false,
): Promise<Settled<T>[]> {
  if (!Number.isInteger(parallel) || parallel < 1) throw new RangeError(`'parallel' passed to 'runPool' must be an integer ≥ 1, got ${String(parallel)}`);
  const out: Settled<T>[] = new Array(count);
  let next = 0;
  const worker = async (_: unknown, lane: number): Promise<void> => {
    while (next < count && !abort()) {
      const index = next++;
      try {
        out[index] = { ok: true, value: await task(index, lane) };
      } catch (error) {
        out[index] = { ok: false, error };
      }
      onSettled(index, out[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return out.filter((x) => x !== undefined);
}
