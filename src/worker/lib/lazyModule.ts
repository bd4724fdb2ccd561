/**
 * A lazily imported chunk that a network blip does not lose for the rest of the page: a successful import is
 * kept; a failed one is forgotten and tried again on the next use after a backoff (1 s, 2 s, 4 s … up to 60 s),
 * and until then each use fails at once with the import's own error (no request storm while the network is down).
 */

/** Backoff after the `n`-th consecutive failure (1-based), in ms. */
export function importBackoffMs(n: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, n - 1));
}

/** `load` once it succeeds; retried with backoff while it fails. `now` is the clock (ms). */
export function lazyModule<T>(load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  let failures = 0;
  let lastError: unknown = null;
  let retryAt = 0;
  return () => {
    if (loaded) return loaded;
    if (failures > 0 && now() < retryAt) return Promise.reject(lastError);
    const attempt = load();
    loaded = attempt;
    attempt.then(
      () => {
        failures = 0;
      },
      (error: unknown) => {
        if (loaded === attempt) loaded = null;
        failures += 1;
        lastError = error;
        retryAt = now() + importBackoffMs(failures);
      },
    );
    return attempt;
  };
}
