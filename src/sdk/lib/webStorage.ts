/**
 * The page's Web Storage, the one place on the page side that touches it. Tailor's page-side buffers fall back in
 * order: localStorage (survives the tab), then sessionStorage (survives a navigation within the tab, and works
 * where localStorage throws: Safari's old private mode, storage blocked for third parties, a merchant's full
 * quota). Each key lives in one area at a time; readers look in both, so a value written to either is found.
 * Nothing here throws.
 */

/** Where a value was kept. */
export type WebStorageKind = 'localStorage' | 'sessionStorage';

const KINDS: readonly WebStorageKind[] = ['localStorage', 'sessionStorage'];

/** The area, or null where merely reading the global throws (storage blocked) or it is missing. */
function area(kind: WebStorageKind): Storage | null {
  try {
    return (globalThis as Partial<Record<WebStorageKind, Storage>>)[kind] ?? null;
  } catch {
    return null;
  }
}

/** Writes `value` under `key` into the first area that takes it and removes it from the others; where, or null. */
export function writeDurable(key: string, value: string): WebStorageKind | null {
  for (const kind of KINDS) {
    try {
      const storage = area(kind);
      if (!storage) continue;
      storage.setItem(key, value);
      for (const other of KINDS) if (other !== kind) removeFrom(other, key);
      return kind;
    } catch {
      // Full or refused: the next area may take it.
    }
  }
  return null;
}

/** The values stored under `key`, localStorage's first. */
export function readDurable(key: string): string[] {
  const values: string[] = [];
  for (const kind of KINDS) {
    try {
      const value = area(kind)?.getItem(key);
      if (typeof value === 'string') values.push(value);
    } catch {
      // Unreadable: as if absent.
    }
  }
  return values;
}

/** The JSON arrays stored under `key` in both areas, concatenated (localStorage's first); unparsable values are skipped. */
export function readDurableArrays<T>(key: string): T[] {
  return readDurable(key).flatMap((raw) => {
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as T[]) : [];
    } catch {
      return [];
    }
  });
}

/** Removes `key` from both areas. */
export function removeDurable(key: string): void {
  for (const kind of KINDS) removeFrom(kind, key);
}

function removeFrom(kind: WebStorageKind, key: string): void {
  try {
    area(kind)?.removeItem(key);
  } catch {
    // Nothing stored there, nothing to remove.
  }
}

/** The first area that accepts a write now (probed with a throwaway key), or null when neither does. */
export function durableArea(): WebStorageKind | null {
  const probe = 'tailor:probe';
  const kind = writeDurable(probe, '1');
  if (kind) removeDurable(probe);
  return kind;
}
