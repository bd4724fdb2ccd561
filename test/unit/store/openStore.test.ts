/**
 * Opening the store: the schema and its migrations, and every road to the memory fallback.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { installIdbClasses, MINUTE, pageView, T0 } from './lib/harness';
import { openStore } from '../../../src/worker/store/openStore';
import { DB_NAME, DB_VERSION } from '../../../src/worker/store/schema';
import { MIGRATIONS, runMigrations } from '../../../src/worker/store/migrations';
import { openIdb } from '../../../src/worker/store/lib/openIdb';
import { STORE_LOCK_NAME, type LockManagerLike } from '../../../src/worker/store/lib/withStoreLock';

beforeAll(installIdbClasses);
afterAll(() => vi.unstubAllGlobals());

/** Opens `name` on `factory` without any upgrade logic, as another script or an older Tailor would. */
function rawOpen(factory: IDBFactory, name: string, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

describe('schema and migrations', () => {
  it('creates every store and index from an empty database, and reopens without changing them', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory });
    expect(store.kind).toBe('indexeddb');
    await store.appendEvents([pageView(1, T0)]);
    store.close();

    const raw = await rawOpen(factory, DB_NAME);
    expect(raw.version).toBe(DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual(['decisions', 'events', 'meta', 'outbox', 'sessions']);
    const tx = raw.transaction(['events', 'sessions', 'decisions', 'outbox']);
    expect([...tx.objectStore('events').indexNames].sort()).toEqual(['by-name', 'by-session', 'by-transaction', 'by-ts']);
    expect([...tx.objectStore('sessions').indexNames].sort()).toEqual(['by-end', 'by-start']);
    expect([...tx.objectStore('decisions').indexNames]).toEqual(['by-ts']);
    expect([...tx.objectStore('outbox').indexNames]).toEqual(['by-ts']);
    raw.close();

    const reopened = await openStore({ indexedDB: factory });
    expect(reopened.kind).toBe('indexeddb');
    expect((await reopened.allEvents()).map((e) => e.id)).toEqual([pageView(1, T0).id]);
    expect(await reopened.sessions()).toHaveLength(1);
  });

  it('derives the version from the step list', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(DB_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('runs exactly the missing steps, in order', async () => {
    const calls: number[] = [];
    const steps = [0, 1, 2, 3].map((i) => async () => {
      await Promise.resolve();
      calls.push(i);
    });
    await runMigrations(steps, null, 0, 4, null);
    expect(calls).toEqual([0, 1, 2, 3]);
    calls.length = 0;
    await runMigrations(steps, null, 2, 4, null);
    expect(calls).toEqual([2, 3]);
    calls.length = 0;
    await runMigrations(steps, null, 1, null, null);
    expect(calls).toEqual([1, 2, 3]);
    await expect(runMigrations(steps, null, 0, 5, null)).rejects.toThrow(/'oldVersion' 0 and 'newVersion' 5 passed to 'runMigrations'/);
    await expect(runMigrations(steps, null, 3, 2, null)).rejects.toThrow(RangeError);
  });
});

describe('memory fallback', () => {
  it('runs in memory when there is no IndexedDB', async () => {
    const onFallback = vi.fn();
    const implicit = await openStore({ onFallback }); // Node has no global indexedDB
    expect([implicit.kind, implicit.reason]).toEqual(['memory', 'IndexedDB unavailable']);
    expect(onFallback).toHaveBeenCalledWith('IndexedDB unavailable');
    const explicit = await openStore({ indexedDB: null });
    expect(explicit.kind).toBe('memory');
    expect(await explicit.appendEvents([pageView(1, T0)])).toMatchObject({ written: 1 });
  });

  it('runs in memory when open() throws (sandboxed frames, old private modes)', async () => {
    const factory = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const store = await openStore({ indexedDB: factory });
    expect(store.kind).toBe('memory');
    expect(store.reason).toBe('IndexedDB unavailable: open threw SecurityError: denied');
  });

  it('runs in memory when open never answers, after the timeout', async () => {
    const silent = { open: () => ({}) } as unknown as IDBFactory;
    const started = performance.now();
    const store = await openStore({ indexedDB: silent, timeoutMs: 50 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect([store.kind, store.reason]).toEqual(['memory', 'open timed out after 50 ms']);
  });

  it("times out when queued behind another tab's blocked version change, and closes the late connection", async () => {
    const factory = new IDBFactory();
    const old = await rawOpen(factory, 'queued', 1); // a tab that ignores versionchange
    const upgrading = rawOpen(factory, 'queued', 2).catch(() => undefined); // blocked by `old`
    const store = await openStore({ indexedDB: factory, name: 'queued', timeoutMs: 50 });
    expect([store.kind, store.reason]).toEqual(['memory', 'open timed out after 50 ms']);
    old.close();
    const upgraded = await upgrading;
    expect(upgraded?.version).toBe(2);
    upgraded?.close();
  });

  it('reports a blocked upgrade at once instead of waiting', async () => {
    const factory = new IDBFactory();
    const old = await rawOpen(factory, 'blocked', 1);
    const outcome = await openIdb(factory, 'blocked', { timeoutMs: 5000, onLost: () => undefined, version: 2 });
    expect(outcome).toEqual({ reason: 'blocked: another tab keeps an older version of the database open' });
    old.close();
  });

  it("runs in memory when a database of Tailor's name and version lacks its object stores (another script made it)", async () => {
    const factory = new IDBFactory();
    (await rawOpen(factory, DB_NAME, DB_VERSION)).close(); // created empty, by someone else's upgrade
    const store = await openStore({ indexedDB: factory });
    expect([store.kind, store.reason]).toEqual(['memory', "the database lacks Tailor's object stores (events, sessions, decisions, outbox, meta): another script created it"]);
    expect(await store.appendEvents([pageView(1, T0)])).toMatchObject({ written: 1 });
  });

  it('runs in memory when a newer Tailor already upgraded the database', async () => {
    const factory = new IDBFactory();
    (await rawOpen(factory, DB_NAME, DB_VERSION + 1)).close();
    const store = await openStore({ indexedDB: factory });
    expect([store.kind, store.reason]).toEqual(['memory', 'a newer version of the database exists (opened by a newer Tailor)']);
  });

  it('steps aside for another tab upgrading the database, and carries on in memory', async () => {
    const factory = new IDBFactory();
    const onFallback = vi.fn();
    const store = await openStore({ indexedDB: factory, onFallback });
    await store.appendEvents([pageView(1, T0)]);
    const newer = await rawOpen(factory, DB_NAME, DB_VERSION + 1); // not blocked: our store closed for it
    expect(newer.version).toBe(DB_VERSION + 1);
    expect([store.kind, store.reason]).toEqual(['memory', 'closed: another tab upgraded or deleted the database']);
    expect(onFallback).toHaveBeenCalledTimes(1);
    expect(await store.appendEvents([pageView(2, T0 + MINUTE)])).toMatchObject({ written: 1 });
    expect(await store.countEvents()).toBe(1);
    newer.close();
  });

  it('carries on in memory when the browser closes the connection', async () => {
    const factory = new IDBFactory();
    // Keep hold of the connections this factory hands out, to close them "from the browser".
    const connections: IDBDatabase[] = [];
    const open = factory.open.bind(factory);
    factory.open = (name, version) => {
      const request = open(name, version);
      request.addEventListener('success', () => connections.push(request.result));
      return request;
    };
    const store = await openStore({ indexedDB: factory });
    expect(connections).toHaveLength(1);
    // fake-indexeddb's stand-in for "the user cleared site data"; its typings ask for the class, it takes a connection.
    forceCloseDatabase(connections[0] as never);
    expect([store.kind, store.reason]).toEqual(['memory', 'closed by the browser (storage cleared or failing)']);
    expect(await store.appendEvents([pageView(1, T0)])).toMatchObject({ written: 1 });
  });

  it('deletes the database for good, and other tabs let it go', async () => {
    const factory = new IDBFactory();
    const tabA = await openStore({ indexedDB: factory });
    const tabB = await openStore({ indexedDB: factory });
    await tabA.appendEvents([pageView(1, T0)]);
    await tabA.deleteDatabase();
    expect((await factory.databases()).map((d) => d.name)).not.toContain(DB_NAME);
    expect(tabB.kind).toBe('memory');
    expect(await tabB.countEvents()).toBe(0);
  });
});

describe('retention across tabs', () => {
  it('sweeps under the tailor-store Web Lock, one tab at a time', async () => {
    const factory = new IDBFactory();
    const held: string[] = [];
    let active = 0;
    let maxActive = 0;
    let queue = Promise.resolve();
    const locks: LockManagerLike = {
      request<T>(name: string, callback: () => Promise<T>): Promise<T> {
        const run = queue.then(async () => {
          held.push(name);
          maxActive = Math.max(maxActive, ++active);
          try {
            return await callback();
          } finally {
            active -= 1;
          }
        });
        queue = run.then(() => undefined, () => undefined);
        return run;
      },
    };
    const [a, b] = [await openStore({ indexedDB: factory, locks }), await openStore({ indexedDB: factory, locks })];
    await a.appendEvents([pageView(1, T0), pageView(2, T0 + 40 * 24 * 60 * MINUTE)]);
    const results = await Promise.all([a.applyRetention({ now: T0 + 41 * 24 * 60 * MINUTE }), b.applyRetention({ now: T0 + 41 * 24 * 60 * MINUTE })]);
    expect(held).toEqual([STORE_LOCK_NAME, STORE_LOCK_NAME]);
    expect(maxActive).toBe(1);
    expect(results.map((r) => r.deletedByAge).sort()).toEqual([0, 1]);
  });
});
