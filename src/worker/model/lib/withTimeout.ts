/**
 * Races `work` against a timer. A backend whose initialisation hangs (a wedged GPU driver, a
 * .wasm download that never finishes) must cost one timeout, not the whole prediction.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  if (!(ms > 0)) throw new Error(`'ms' passed to 'withTimeout' must be a positive number, got ${ms}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
