/**
 * What only the IndexedDB store can run into: values the structured clone refuses.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { installIdbClasses, MINUTE, pageView, T0 } from './lib/harness';
import { openStore } from '../../../src/worker/store/openStore';

beforeAll(installIdbClasses);
afterAll(() => vi.unstubAllGlobals());

it('fails a batch holding an uncloneable value as a whole, reports it, and stays usable', async () => {
  const store = await openStore({ indexedDB: new IDBFactory() });
  await store.appendEvents([pageView(1, T0)]);
  // validateEvent keeps such values out; the store must still not half-write a batch if one slips through.
  const poisoned = { ...pageView(3, T0 + 2 * MINUTE), props: { page_type: 'product', path: '/p', hook: () => 1 } };
  const result = await store.appendEvents([pageView(2, T0 + MINUTE), poisoned as never, pageView(4, T0 + 3 * MINUTE)]);
  expect(result).toMatchObject({ written: 0, error: { name: 'DataCloneError' } });
  expect(result.quotaRecovery).toBeUndefined();
  expect(await store.countEvents()).toBe(1);
  expect((await store.sessions())[0]).toMatchObject({ events: 1, end: T0 });
  expect(await store.appendEvents([pageView(2, T0 + MINUTE)])).toMatchObject({ written: 1 });
});
