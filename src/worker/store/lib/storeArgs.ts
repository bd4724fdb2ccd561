/**
 * Argument checks shared by both backends, so misuse fails the same way (and with the same message) whatever
 * the store runs on.
 */

/** Returns `value` if it is a non-empty string; otherwise throws naming `arg` and `method`. */
export function checkKey(value: unknown, arg: string, method: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`'${arg}' passed to '${method}' must be a non-empty string, got ${typeof value}`);
  }
  return value;
}

/** Returns `limit` if absent or a positive integer (IndexedDB reads a count of 0 as "no limit", so 0 is refused). */
export function checkLimit(limit: unknown, method: string): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`'limit' passed to '${method}' must be a positive integer, got ${String(limit)}`);
  }
  return limit;
}

/** Returns `record` if it has a non-empty string `id` and a finite `ts`, the two fields the store indexes. */
export function checkRecord<T extends { id: string; ts: number }>(record: T, arg: string, method: string): T {
  if (!record || typeof record !== 'object' || typeof record.id !== 'string' || record.id.length === 0 ||
      typeof record.ts !== 'number' || !Number.isFinite(record.ts)) {
    throw new TypeError(`'${arg}' passed to '${method}' must be an object with a non-empty string 'id' and a finite 'ts'`);
  }
  return record;
}

/** The last `limit` items of an ascending list (all of them without a limit). */
export function keepNewest<T>(list: T[], limit: number | undefined): T[] {
  return limit === undefined ? list : list.slice(Math.max(0, list.length - limit));
}
