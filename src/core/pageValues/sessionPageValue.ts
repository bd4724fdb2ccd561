/**
 * A session's PageValues from the site-wide table: the mean, over the session's distinct product-related paths, of
 * the table's value for each (0 for paths it does not list). The path set is the one the device-history rule
 * averages over (src/core/sessionFeatures/README.md), so the two rules differ only in where a path's value comes
 * from.
 */
import type { PageValueTable } from './pageValueTable';

/** One viewed path of a session, as the session aggregate keeps it. */
export interface ViewedPath {
  readonly productRelated: boolean;
}

/** Mean table value over the product-related paths of `paths`; 0 when the session has none. */
export function sessionPageValue(paths: ReadonlyMap<string, ViewedPath>, table: PageValueTable): number {
  let sum = 0;
  let count = 0;
  for (const [path, seen] of paths) {
    if (!seen.productRelated) continue;
    sum += table.values[path] ?? 0;
    count += 1;
  }
  return count === 0 ? 0 : sum / count;
}
