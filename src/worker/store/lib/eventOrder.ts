/**
 * The one order of events in the store: by `ts`, ties broken by `id`. It is the order of the IndexedDB `by-ts`
 * index (equal index keys are ordered by primary key, compared by UTF-16 code units like `<` on strings), so
 * the memory backend sorts with it to return exactly what the IndexedDB backend returns.
 */
export function compareByTsThenId(a: { ts: number; id: string }, b: { ts: number; id: string }): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
