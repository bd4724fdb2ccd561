import { readFileSync } from 'node:fs';
/**
 * The manifest's storage section against the real store: the stores and indexes the migrations create, the
 * retention the sweep applies (at exactly the declared age), the fields the worker writes into session rows,
 * decisions and the outbox, every meta key the worker defines, and the page-side buffer's key.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import {
  DATABASE_NAME, MAX_STORED_EVENTS, META_KEYS, MODEL_CACHE_PREFIX, OBJECT_STORES, OUTBOUND_LOG_ENTRIES, PENDING_BUFFER_KEY, OPT_OUT_KEY, EARLY_BUFFER_KEYS,
  PENDING_BUFFER_MAX, PENDING_JOURNAL_MAX, RETENTION_DAYS, WEB_STORAGE_PROBE_KEY,
} from '../../../src/core/manifest';
import { openStore } from '../../../src/worker/store/openStore';
import { DB_NAME, STORE_NAMES, VISITOR_META_KEY, type StoredEventInput } from '../../../src/worker/store/schema';
import { DEFAULT_MAX_AGE_DAYS, DEFAULT_MAX_EVENTS } from '../../../src/worker/store/lib/retentionWindow';
import { decideOffer, markDismissed } from '../../../src/worker/offers/decideOffer';
import { HOLDOUT_KEY } from '../../../src/worker/offers/shopperState';
import { OUTBOUND_LOG_MAX } from '../../../src/worker/sync/send';
import { queueReports } from '../../../src/worker/sync/reports';
import { CACHE_PREFIX } from '../../../src/worker/model/lib/artifactStore';
import { AUDIT_META_KEYS } from '../../../src/worker/audit/collectAudit';
import { DEFAULT_BUDGET, DEFAULT_EPSILON } from '../../../src/core/privacy';
import { parsePolicyConfig } from '../../../src/core/policy';
import { matchesIn, source, tsFiles } from './lib/source';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 12);
const spec = (name: string) => OBJECT_STORES.find((s) => s.name === name)!;
const declared = (name: string) => Object.keys(spec(name).fields ?? {});

function openRaw(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB_NAME);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const view = (id: string, ts: number): StoredEventInput => ({ id, name: 'page_view', ts, page_type: 'home', path: '/', props: { page_type: 'home', path: '/' } });

describe('storage section of the manifest', () => {
  it('lists exactly the object stores, key paths and indexes the migrations create', async () => {
    const factory = new IDBFactory();
    const store = await openStore({ indexedDB: factory, locks: null });
    expect(store.kind).toBe('indexeddb');
    store.close();
    const db = await openRaw(factory);
    expect(DATABASE_NAME).toBe(DB_NAME);
    expect([...db.objectStoreNames].sort()).toEqual(OBJECT_STORES.map((s) => s.name).sort());
    expect([...STORE_NAMES].sort()).toEqual([...db.objectStoreNames].sort());
    const tx = db.transaction([...db.objectStoreNames]);
    for (const s of OBJECT_STORES) {
      const os = tx.objectStore(s.name);
      expect(os.keyPath, s.name).toEqual(s.keyPath);
      const indexes = Object.fromEntries([...os.indexNames].map((n) => [n, os.index(n).keyPath]));
      expect(indexes, s.name).toEqual(s.indexes);
    }
    db.close();
  });

  it('states the retention defaults of the store', () => {
    expect(RETENTION_DAYS).toBe(DEFAULT_MAX_AGE_DAYS);
    expect(MAX_STORED_EVENTS).toBe(DEFAULT_MAX_EVENTS);
  });

  it('deletes events, visits, decisions and outbox records just past the declared age, and keeps those just inside it', async () => {
    const store = await openStore({ indexedDB: new IDBFactory(), locks: null, clock: () => NOW });
    // 80 minutes apart: two visits, so the old visit's row must go with its event.
    const old = NOW - RETENTION_DAYS * DAY - 40 * 60_000;
    const kept = NOW - RETENTION_DAYS * DAY + 40 * 60_000;
    await store.appendEvents([view('old', old), view('kept', kept)]);
    for (const [id, ts] of [['old', old], ['kept', kept]] as const) {
      await store.putDecision({ id, ts });
      await store.outboxPut({ id, ts });
    }
    const result = await store.applyRetention();
    expect(result.error).toBeUndefined();
    expect((await store.allEvents()).map((e) => e.id)).toEqual(['kept']);
    expect((await store.sessions()).map((s) => s.start)).toEqual([kept]);
    expect((await store.decisions()).map((d) => d.id)).toEqual(['kept']);
    expect((await store.outboxList()).map((r) => r.id)).toEqual(['kept']);
    store.close();
  });

  it('declares every field of a session row', async () => {
    const store = await openStore({ indexedDB: new IDBFactory(), locks: null, clock: () => NOW });
    await store.appendEvents([view('a', NOW - 5000), { id: 'b', name: 'purchase', ts: NOW, page_type: 'purchase', props: { items: [], value: 20 } }]);
    const [session] = await store.sessions();
    expect(Object.keys(session!).sort()).toEqual(declared('sessions').sort());
    store.close();
  });

  it('declares every field the worker writes into decisions and the outbox', async () => {
    const store = await openStore({ indexedDB: new IDBFactory(), locks: null, clock: () => NOW });
    await store.setMeta(HOLDOUT_KEY, { holdout: false, rate: 0.1, assignedAt: NOW });
    const expiresAt = NOW + 7 * DAY;
    const book = { codes: [5, 10, 15, 20].map((tier) => ({ tier, code: `CODE-${tier}`, expiresAt })), expiresAt };
    const deps = {
      store,
      config: parsePolicyConfig({ explorationRate: 0 }),
      site: 'demo',
      endpoint: 'http://collector.test',
      features: async () => ({ raw: { PageValues: 0 }, vector: [0.1, 0.2], bot: false }),
      score: async () => [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p })),
      rng: () => 0.5,
      now: () => NOW - 2 * DAY,
      fetch: (async () => new Response(JSON.stringify(book))) as unknown as typeof fetch,
    };
    const { offer } = await decideOffer(deps, { trigger: 'exit_intent', pageType: 'product', productPrice: 100 }, 'dec-1');
    expect(offer).not.toBeNull();
    await markDismissed(store, 'dec-1', 0);
    await queueReports(store, NOW, { epsilon: DEFAULT_EPSILON, budget: DEFAULT_BUDGET, rng: () => 0.5 });
    const decisions = await store.decisions();
    const outbox = await store.outboxList();
    expect(decisions).toHaveLength(1);
    expect(outbox).toHaveLength(1);
    const undeclared = (keys: string[], store: string) => keys.filter((k) => !declared(store).includes(k));
    expect(undeclared(Object.keys(decisions[0]!), 'decisions')).toEqual([]);
    expect(undeclared(Object.keys(outbox[0]!), 'outbox')).toEqual([]);
    // The fields this run must have produced are really there (the check above is not vacuous).
    expect(decisions[0]).toMatchObject({ shown: true, dismissed: true, reported: true, code: 'CODE-10' });
    store.close();
  });

  it('declares every meta key the worker defines, and the audit shows every declared key', () => {
    const keys = META_KEYS.map((k) => k.key);
    const defined = matchesIn(tsFiles('src/worker'), /\b[A-Z_]*KEY\s*=\s*'([^']+)'/g).map(({ match }) => match[1]!);
    expect(defined.length).toBeGreaterThanOrEqual(5);
    expect(defined.filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys).toContain(VISITOR_META_KEY);
    expect(keys.filter((k) => !AUDIT_META_KEYS.includes(k))).toEqual([]);
  });

  it('names the page-side buffer, the outbound log bound and the model caches as the code does', () => {
    const buffer = source('src/sdk/lib/pendingBuffer.ts');
    expect(/const KEY = '([^']+)'/.exec(buffer)?.[1]).toBe(PENDING_BUFFER_KEY);
    expect(/const OPT_OUT_KEY = '([^']+)'/.exec(buffer)?.[1]).toBe(OPT_OUT_KEY);
    expect(Number(/const MAX = (\d+)/.exec(buffer)?.[1])).toBe(PENDING_BUFFER_MAX);
    expect(Number(/const JOURNAL_MAX = (\d+)/.exec(buffer)?.[1])).toBe(PENDING_JOURNAL_MAX);
    expect(OUTBOUND_LOG_ENTRIES).toBe(OUTBOUND_LOG_MAX);
    expect(MODEL_CACHE_PREFIX).toBe(CACHE_PREFIX);
    // Nothing else on the page side touches localStorage, sessionStorage or cookies.
    // (Code, not prose: comments are stripped first; webStorage.ts reaches the areas by name, so names count.)
    const code = (file: string) => source(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const direct = tsFiles('src/sdk').filter((file) => /(?<!['"])\b(localStorage|sessionStorage)\b(?!['"])|document\.cookie/.test(code(file)));
    expect(direct).toEqual([]);
    // The areas are reached by name in one module only.
    const byName = tsFiles('src/sdk').filter((file) => /globalThis[^;]*\)\[kind\]/.test(code(file)));
    expect(byName).toEqual(['src/sdk/lib/webStorage.ts']);
    expect(code('src/sdk/lib/webStorage.ts')).toContain("['localStorage', 'sessionStorage']");
    // And its keys are the manifest's: every key written through it is declared.
    const written = matchesIn(tsFiles('src/sdk'), /(?:writeDurable|readDurable|removeDurable)\((?:'([^']+)'|([A-Z_]+))/g).map(({ match }) => match[1] ?? match[2]!);
    const constants = Object.fromEntries(matchesIn(tsFiles('src/sdk'), /const ([A-Z_]+) = '(tailor:[^']+)'/g).map(({ match }) => [match[1]!, match[2]!]));
    const declaredKeys = new Set([PENDING_BUFFER_KEY, OPT_OUT_KEY, ...EARLY_BUFFER_KEYS, WEB_STORAGE_PROBE_KEY]);
    expect(written.length).toBeGreaterThanOrEqual(6);
    expect(written.map((k) => constants[k] ?? k).filter((k) => !declaredKeys.has(k))).toEqual([]);
    // The early buffer's keys are the ones the manifest declares, and it honours the opt-out flag.
    const early = readFileSync('src/sdk/lib/earlyBuffer.ts', 'utf8');
    expect([...early.matchAll(/_KEY = '(tailor:[^']+)'/g)].map((m) => m[1])).toEqual([...EARLY_BUFFER_KEYS]);
    expect(early).toContain(`'${OPT_OUT_KEY}'`);
  });
});
