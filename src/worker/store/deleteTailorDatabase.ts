/** The fallback of "Delete my data" when this worker never opened a store: another tab may have made one. */
import { DB_NAME } from './schema';

/** Deletes the `tailor` database when no store was opened in this worker (another tab may have made one). */
export function deleteTailorDatabase(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve();
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}
