/**
 * The page-side buffers' storage chain: localStorage, else sessionStorage, else nothing, never a throw; and the
 * page-hide buffer's bounds (count, characters, the larger carry while the worker holds events in memory only).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_MAX, clearPending, hasOptedOut, rememberOptOut, savePending, takePending } from '../../../src/sdk/lib/pendingBuffer';
import { durableArea, readDurable, writeDurable } from '../../../src/sdk/lib/webStorage';
import { EARLY_CALLS_KEY, saveEarly, takeEarly } from '../../../src/sdk/lib/earlyBuffer';

type Fault = 'none' | 'setItem throws' | 'global throws';

/** A Map-backed Storage that can refuse writes (a full quota, old Safari private mode) or not exist at all. */
function fakeStorage(fault: () => Fault): { data: Map<string, string>; storage: Storage } {
  const data = new Map<string, string>();
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (fault() === 'setItem throws') throw new DOMException('full', 'QuotaExceededError');
      data.set(k, String(v));
    },
    removeItem: (k: string) => void data.delete(k),
  } as unknown as Storage;
  return { data, storage };
}

function install(name: 'localStorage' | 'sessionStorage', fault: () => Fault): Map<string, string> {
  const { data, storage } = fakeStorage(fault);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      if (fault() === 'global throws') throw new DOMException('denied', 'SecurityError');
      return storage;
    },
  });
  return data;
}

const ev = (i: number, pad = 0) => ({ id: `e${i}`, name: 'custom', ts: i, props: { pad: 'x'.repeat(pad) } });

describe('page-side Web Storage', () => {
  let local: Fault;
  let session: Fault;
  let ls: Map<string, string>;
  let ss: Map<string, string>;
  beforeEach(() => {
    local = 'none';
    session = 'none';
    ls = install('localStorage', () => local);
    ss = install('sessionStorage', () => session);
    (globalThis as any).window = { dataLayer: [] };
  });
  afterEach(() => {
    delete (globalThis as any).localStorage;
    delete (globalThis as any).sessionStorage;
    delete (globalThis as any).window;
  });

  it('keeps the buffer in localStorage, and takes it back once', () => {
    expect(savePending([ev(1), ev(2)])).toBe('localStorage');
    expect(ss.size).toBe(0);
    expect(takePending()).toEqual([ev(1), ev(2)]);
    expect(takePending()).toEqual([]);
    expect(ls.size).toBe(0);
  });

  it.each(['setItem throws', 'global throws'] as const)('falls back to sessionStorage when localStorage %s, and finds it there', (fault) => {
    local = fault;
    expect(savePending([ev(1)])).toBe('sessionStorage');
    expect(savePending([ev(2)])).toBe('sessionStorage');
    expect(durableArea()).toBe('sessionStorage');
    expect(takePending()).toEqual([ev(1), ev(2)]);
    expect(ss.size).toBe(0);
  });

  it('merges what either area holds, by id, the newest copy last', () => {
    local = 'setItem throws';
    savePending([ev(1), ev(2)]);
    local = 'none';
    // localStorage works again: the buffer moves there, and sessionStorage no longer holds it.
    expect(savePending([ev(3), ev(1)])).toBe('localStorage');
    expect(ss.size).toBe(0);
    expect(takePending<{ id: string }>().map((e) => e.id)).toEqual(['e2', 'e3', 'e1']);
  });

  it('says where nothing could be kept, without throwing', () => {
    local = 'setItem throws';
    session = 'global throws';
    expect(savePending([ev(1)])).toBeNull();
    expect(durableArea()).toBeNull();
    expect(takePending()).toEqual([]);
    expect(() => clearPending()).not.toThrow();
    expect(() => rememberOptOut(true)).not.toThrow();
    expect(hasOptedOut()).toBe(false);
  });

  it('holds 200 events while the worker writes to IndexedDB, and the newest JOURNAL_MAX while it holds them in memory', () => {
    savePending(Array.from({ length: 300 }, (_, i) => ev(i)));
    const kept = takePending<{ id: string }>();
    expect(kept).toHaveLength(200);
    expect(kept[0]!.id).toBe('e100');
    savePending(Array.from({ length: 700 }, (_, i) => ev(i)), JOURNAL_MAX);
    const carried = takePending<{ id: string }>();
    expect(carried).toHaveLength(JOURNAL_MAX);
    expect(carried.at(-1)!.id).toBe('e699');
    // No caller can raise it further.
    savePending(Array.from({ length: 700 }, (_, i) => ev(i)), 10_000);
    expect(takePending()).toHaveLength(JOURNAL_MAX);
  });

  it('drops the oldest events until the JSON fits its character bound', () => {
    savePending(Array.from({ length: 400 }, (_, i) => ev(i, 2000)), JOURNAL_MAX);
    const raw = readDurable('tailor:pending:v1')[0]!;
    expect(raw.length).toBeLessThanOrEqual(400_000);
    const kept = JSON.parse(raw) as { id: string }[];
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.at(-1)!.id).toBe('e399');
  });

  it('remembers an opt-out in whichever area works, and the early buffer honours it', () => {
    local = 'global throws';
    rememberOptOut(true);
    expect(hasOptedOut()).toBe(true);
    saveEarly('p1', [['track', 'x', {}]], 1000);
    expect(takeEarly(EARLY_CALLS_KEY, 2000)).toEqual([]);
    rememberOptOut(false);
    expect(hasOptedOut()).toBe(false);
    saveEarly('p1', [['track', 'x', {}]], 1000);
    expect(ss.has(EARLY_CALLS_KEY)).toBe(true);
    expect(takeEarly(EARLY_CALLS_KEY, 2000)).toEqual([['track', 'x', {}]]);
  });

  it('counts one page batch of the early buffer once when a removal was refused', () => {
    saveEarly('p1', [['track', 'x', {}]], 1000);
    // The same value left behind in sessionStorage (its removal failed earlier).
    ss.set(EARLY_CALLS_KEY, ls.get(EARLY_CALLS_KEY)!);
    expect(takeEarly(EARLY_CALLS_KEY, 2000)).toEqual([['track', 'x', {}]]);
    expect(writeDurable('k', 'v')).toBe('localStorage');
  });
});
