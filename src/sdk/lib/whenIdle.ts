/**
 * Runs `fn` when the main thread is idle, or after `timeoutMs` at the latest,
 * so Tailor's start-up never competes with the merchant's first paint.
 */
export function whenIdle(fn: () => void, timeoutMs = 2000): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number })
    .requestIdleCallback;
  if (typeof ric === 'function') ric(fn, { timeout: timeoutMs });
  else setTimeout(fn, 1);
}
