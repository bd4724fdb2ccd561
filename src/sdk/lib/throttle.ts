/**
 * Trailing-edge throttle: `fn` runs at most once per `ms`, and always once
 * after the last call, so a burst of DOM mutations costs one parse.
 */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}
