import { describe, expect, it, vi } from 'vitest';
import { takeQueuedCalls } from '../../../src/sdk/lib/replayQueue';
import { replay } from '../../../src/sdk/lib/replayQueue';
import type { TailorApi } from '../../../src/sdk/tailorApi';
import { createLogger } from '../../../src/core/logger';

function args(..._a: unknown[]) {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

describe('takeQueuedCalls', () => {
  it('reads the array queue, the stub queue and Arguments objects in order', () => {
    expect(takeQueuedCalls([['track', 'a', { x: 1 }], ['track', 'b']])).toEqual([['track', 'a', { x: 1 }], ['track', 'b']]);
    expect(takeQueuedCalls({ q: [args('track', 'c', {})] })).toEqual([['track', 'c', {}]]);
  });

  it('ignores anything that is not a call', () => {
    expect(takeQueuedCalls(undefined)).toEqual([]);
    expect(takeQueuedCalls('x')).toEqual([]);
    expect(takeQueuedCalls([1, null, [2, 'x'], {}, ['ok']])).toEqual([['ok']]);
  });
});

describe('replay', () => {
  const fake = () => {
    const api: TailorApi = {
      version: 't',
      track: vi.fn(),
      cart: vi.fn(),
      consent: vi.fn(),
      ready: vi.fn(async () => ({ ok: false as const, reason: 'r' })),
      push: vi.fn(() => 0),
      audit: vi.fn(async () => null),
      exportData: vi.fn(async () => null),
      forget: vi.fn(async () => {}),
      openAudit: vi.fn(async () => {}),
    };
    return api;
  };

  it('dispatches track and ready callbacks', async () => {
    const api = fake();
    const cb = vi.fn();
    replay(api, ['track', 'signup', { plan: 'pro' }], createLogger('silent'));
    replay(api, ['ready', cb], createLogger('silent'));
    replay(api, ['cart', { items: [{ id: 'tea', price: 12, quantity: 1 }] }], createLogger('silent'));
    expect(api.track).toHaveBeenCalledWith('signup', { plan: 'pro' });
    expect(api.cart).toHaveBeenCalledWith({ items: [{ id: 'tea', price: 12, quantity: 1 }] });
    await vi.waitFor(() => expect(cb).toHaveBeenCalledWith({ ok: false, reason: 'r' }));
  });

  it('warns on unknown methods instead of throwing', () => {
    const warn = vi.fn();
    const log = createLogger('warn', { debug() {}, info() {}, warn, error() {} });
    expect(() => replay(fake(), ['nope'], log)).not.toThrow();
    expect(() => replay(fake(), 42 as never, log)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
