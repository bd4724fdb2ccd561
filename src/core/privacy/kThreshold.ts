/**
 * The k-threshold: a cell (any group of reports a number is computed from)
 * with fewer than k reports is shown nowhere, neither in the API nor on the
 * dashboard, as a second line of defence behind local DP: a rate over a
 * handful of reports is noise anyway, and its report count is exact.
 */

/** Default minimum reports per published cell. */
export const DEFAULT_K = 50;

/** What a suppressed cell is replaced by: no numbers at all, not even n. */
export interface Suppressed {
  suppressed: true;
}

function checkK(k: number, fn: string): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`'k' passed to '${fn}' must be an integer ≥ 1, got ${String(k)}`);
}

/** Whether a cell of `n` reports may be published. */
export function passesK(n: number, k: number = DEFAULT_K): boolean {
  checkK(k, 'passesK');
  return n >= k;
}

/** The cell itself when it holds at least k reports, else `{suppressed: true}`. */
export function kThreshold<T extends { n: number }>(cell: T, k: number = DEFAULT_K): T | Suppressed {
  checkK(k, 'kThreshold');
  return cell.n >= k ? cell : { suppressed: true };
}

/**
 * Whether a total over cells may be published next to them: only when the
 * suppressed cells it contains add up to 0 or to at least k reports, so the
 * total minus the published cells never reveals a suppressed cell.
 */
export function complementSafe(ns: readonly number[], k: number = DEFAULT_K): boolean {
  checkK(k, 'complementSafe');
  const hidden = ns.filter((n) => n < k).reduce((a, n) => a + n, 0);
  return hidden === 0 || hidden >= k;
}
