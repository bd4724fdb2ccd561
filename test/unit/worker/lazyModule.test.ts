import { describe, expect, it } from 'vitest';
import { importBackoffMs, lazyModule } from '../../../src/worker/lib/lazyModule';

describe('lazyModule', () => {
  it('keeps a loaded chunk, and retries a failed import after a growing backoff instead of caching the failure', async () => {
    let clock = 0;
    let calls = 0;
    let up = false;
    const get = lazyModule(async () => {
      calls += 1;
      if (!up) throw new Error(`chunk fetch failed (${calls})`);
      return { ok: true };
    }, () => clock);
    await expect(get()).rejects.toThrow('chunk fetch failed (1)');
    // Within the backoff: the same error at once, no new import.
    clock = 500;
    await expect(get()).rejects.toThrow('chunk fetch failed (1)');
    expect(calls).toBe(1);
    clock = 1000;
    await expect(get()).rejects.toThrow('chunk fetch failed (2)');
    clock = 2500;
    await expect(get()).rejects.toThrow('chunk fetch failed (2)');
    expect(calls).toBe(2);
    up = true;
    clock = 3000;
    await expect(get()).resolves.toEqual({ ok: true });
    await get();
    expect(calls).toBe(3);
    expect([1, 2, 3, 7, 30].map(importBackoffMs)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });
});
