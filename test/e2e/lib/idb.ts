/**
 * Reads Tailor's IndexedDB database from inside a page, the way an auditor
 * would in DevTools. Never creates the database: if it does not exist yet
 * the creation is aborted and an empty list comes back.
 */
import type { Page } from 'playwright-core';

/** A stored event as the tests see it. */
export interface StoredEventView {
  id: string;
  name: string;
  ts: number;
  page_type?: string;
  path?: string;
  session_id: string;
  props: Record<string, any>;
}

/** All records of one object store of the `tailor` database, ordered by ts when present. */
export async function readStore<T = StoredEventView>(page: Page, store = 'events'): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<any[]>((resolve, reject) => {
        const req = indexedDB.open('tailor');
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onerror = () => (req.error?.name === 'AbortError' ? resolve([]) : reject(req.error));
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result.sort((a: { ts?: number }, b: { ts?: number }) => (a.ts ?? 0) - (b.ts ?? 0)));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  ) as Promise<T[]>;
}
