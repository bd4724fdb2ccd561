/**
 * What only the memory store has: a byte quota standing in for the disk, so the fallback cannot grow without
 * bound and the quota recovery runs for real rather than through an injected fault.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/worker/store/memoryStore';
import { jsonBytes } from '../../../src/worker/store/lib/jsonBytes';
import { pageView, T0 } from './lib/harness';

const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => pageView(from + i, T0 + (from + i) * 1000));

describe('memory store quota', () => {
  it('drops the oldest 20 % when full and then fits the batch', async () => {
    // Measure the events as stored (with their session ids) in a store without a tight quota.
    const probe = createMemoryStore({ reason: 'probe' });
    await probe.appendEvents(events(0, 110));
    const sizes = (await probe.allEvents()).map(jsonBytes);
    const sum = (from: number, to: number) => sizes.slice(from, to).reduce((a, b) => a + b, 0);
    expect(await probe.estimateBytes()).toBe(sum(0, 110));

    const store = createMemoryStore({ reason: 'test', quotaBytes: sum(0, 110) - 1, clock: () => T0 });
    expect(await store.appendEvents(events(0, 100))).toMatchObject({ written: 100 });
    const result = await store.appendEvents(events(100, 10));
    expect(result).toMatchObject({ written: 10, quotaRecovery: { deletedByCap: 20 } });
    expect(await store.countEvents()).toBe(90);
    expect(await store.estimateBytes()).toBe(sum(20, 110));
    expect((await store.allEvents())[0]?.id).toBe(pageView(20, 0).id);
  });

  it('reports a batch larger than the whole quota instead of throwing', async () => {
    const store = createMemoryStore({ reason: 'test', quotaBytes: 1000, clock: () => T0 });
    const result = await store.appendEvents(events(0, 20));
    expect(result).toMatchObject({ written: 0, error: { name: 'QuotaExceededError' } });
    expect(await store.countEvents()).toBe(0);
  });

  it('refuses a quota that is not positive', () => {
    expect(() => createMemoryStore({ reason: 'x', quotaBytes: 0 })).toThrow(/'quotaBytes' passed to 'createMemoryStore'/);
  });
});
