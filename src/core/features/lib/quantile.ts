/**
 * Quantile of an ascending-sorted sample with linear interpolation between order statistics
 * (the "type 7" definition used by NumPy and R by default), so learned clip bounds match what
 * an analyst would compute by hand.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error(`'sorted' passed to 'quantileSorted' must be non-empty`);
  if (!(q >= 0 && q <= 1)) throw new Error(`'q' passed to 'quantileSorted' must be in [0, 1], got ${q}`);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}
