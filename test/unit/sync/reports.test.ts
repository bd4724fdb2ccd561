import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openStore } from '../../../src/worker/store/openStore';
import { BUDGET_KEY, backoffMs, flushOutbox, queueReports, type BudgetState, type QueuedReport } from '../../../src/worker/sync/reports';
import { OUTCOME_WINDOW_MS, outcomeOf } from '../../../src/worker/sync/outcomes';
import { DEFAULT_BUDGET, DEFAULT_EPSILON, validateReport } from '../../../src/core/privacy';
import type { StoredEvent } from '../../../src/worker/store/schema';

const T0 = Date.UTC(2026, 10, 20, 10);
const DAY = 86_400_000;
const settings = { epsilon: DEFAULT_EPSILON, budget: DEFAULT_BUDGET, rng: () => 0.5 };

const decision = (id: string, ts: number, extra: Record<string, unknown> = {}) => ({
  id,
  ts,
  tier: 10,
  kind: 'greedy',
  shown: true,
  code: 'ABCD-EFGH',
  policyVersion: 'default',
  reason: 'r',
  ...extra,
});
const ev = (id: string, name: string, ts: number, props: object): StoredEvent => ({ id, name, ts, props, session_id: 's' }) as unknown as StoredEvent;

async function store() {
  return openStore({ indexedDB: new IDBFactory(), clock: () => T0 });
}

describe('outcomeOf', () => {
  it('reads clicks, copies, redemption by code, the purchase and the feedback inside the window only', () => {
    const d = decision('d1', T0);
    const events = [
      ev('1', 'offer_clicked', T0 + 10, { tier: 10, offer_id: 'd1' }),
      ev('2', 'offer_copied', T0 + 20, { tier: 10, offer_id: 'd1' }),
      ev('3', 'offer_clicked', T0 + 20, { tier: 10, offer_id: 'other' }),
      ev('4', 'purchase', T0 + 60_000, { items: [], value: 64.5, coupon: 'abcd-efgh' }),
      ev('5', 'offer_feedback', T0 + 70_000, { tier: 10, offer_id: 'd1', useful: false }),
    ];
    expect(outcomeOf(d, events)).toEqual({ arm: 'tier10', clicked: true, copied: true, redeemed: true, orderValue: 64.5, satisfaction: 'down' });
    const late = [ev('6', 'purchase', T0 + OUTCOME_WINDOW_MS + 1, { items: [], value: 10 })];
    expect(outcomeOf(d, late)).toMatchObject({ orderValue: null, redeemed: false });
    expect(outcomeOf(decision('h', T0, { kind: 'holdout', tier: 0, shown: false }), []).arm).toBe('holdout');
    expect(outcomeOf(decision('n', T0, { tier: 10, shown: false }), []).arm).toBe('none');
  });
});

describe('queueReports', () => {
  it('queues one valid, noised report per finished decision, with a jittered send time, within the budget', async () => {
    const s = await store();
    await s.putDecision(decision('a', T0));
    await s.putDecision(decision('b', T0 + 1000, { tier: 0, kind: 'greedy', shown: false }));
    await s.putDecision(decision('c', T0 + 2000, { tier: 0, kind: 'greedy', shown: false }));
    await s.putDecision(decision('young', T0 + DAY));
    const now = T0 + DAY + 60_000;
    const result = await queueReports(s, now, settings);
    // a (shown) + one no-offer decision of that day; c is folded into b's exposure; 'young' is still in its window.
    expect(result).toEqual({ queued: 2, overBudget: 0 });
    const outbox = (await s.outboxList()) as QueuedReport[];
    expect(outbox).toHaveLength(2);
    for (const r of outbox) {
      expect(validateReport(r.report).ok).toBe(true);
      expect(r.report.day).toBe(Math.floor(T0 / DAY));
      expect(r.sendAfter).toBeGreaterThan(now);
      expect(Object.keys(r.report).sort()).toEqual(['arm', 'clicked', 'copied', 'day', 'epsilon', 'idempotencyKey', 'orderValueBucket', 'policyVersion', 'purchased', 'redeemed', 'satisfaction', 'schema']);
    }
    expect(new Set(outbox.map((r) => r.report.idempotencyKey)).size).toBe(2);
    expect(outbox.map((r) => r.report.arm).sort()).toEqual(['none', 'tier10']);
    const decisions = await s.decisions();
    expect(decisions.filter((d) => d.reported).map((d) => d.id).sort()).toEqual(['a', 'b', 'c']);
    // Running again queues nothing new: each decision is reported once.
    expect(await queueReports(s, now + 1000, settings)).toEqual({ queued: 0, overBudget: 0 });
    const budget = (await s.getMeta<BudgetState>(BUDGET_KEY))!;
    expect(budget.epsilon).toBe(DEFAULT_EPSILON);
  });

  it('stops at the daily report cap and records why', async () => {
    const s = await store();
    for (let i = 0; i < 4; i++) await s.putDecision(decision(`d${i}`, T0 + i));
    const result = await queueReports(s, T0 + DAY + 10, { ...settings, budget: { ...DEFAULT_BUDGET, maxReportsPerDay: 2 } });
    expect(result).toEqual({ queued: 2, overBudget: 2 });
    const skipped = (await s.decisions()).filter((d) => typeof d.reportSkipped === 'string');
    expect(skipped).toHaveLength(2);
    expect(String(skipped[0]!.reportSkipped)).toContain('daily-cap');
  });
});

describe('flushOutbox', () => {
  async function queued() {
    const s = await store();
    await s.putDecision(decision('a', T0));
    await queueReports(s, T0 + DAY, settings);
    return s;
  }

  it('keeps reports while the collector is down, backs off, then delivers each once', async () => {
    const s = await queued();
    const later = T0 + 2 * DAY;
    let up = false;
    const bodies: string[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      if (!up) throw new TypeError('Failed to fetch');
      bodies.push(String(init.body));
      return new Response('{"accepted":1,"duplicates":0}', { status: 200 });
    }) as unknown as typeof fetch;
    const deps = { endpoint: 'http://c.test', store: s, site: 'demo', rng: () => 0.5, fetch: fetchImpl, now: () => later };
    const down = await flushOutbox(deps);
    expect(down.sent).toBe(0);
    expect(down.retryAt).toBeGreaterThan(later);
    expect(await s.outboxList()).toHaveLength(1);
    // Still backing off: nothing is attempted before retryAt.
    expect((await flushOutbox({ ...deps })).sent).toBe(0);
    up = true;
    const ok = await flushOutbox({ ...deps, now: () => down.retryAt! + 1 });
    expect(ok.sent).toBe(1);
    expect(await s.outboxList()).toHaveLength(0);
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ site: 'demo', reports: [{ schema: 1 }] });
  });

  it('drops reports the collector refuses for good (4xx) and retries on 429 and 5xx', async () => {
    for (const [status, left] of [[400, 0], [429, 1], [503, 1]] as const) {
      const s = await queued();
      const fetchImpl = (async () => new Response('{}', { status })) as unknown as typeof fetch;
      await flushOutbox({ endpoint: 'http://c.test', store: s, site: 'demo', rng: () => 0.5, fetch: fetchImpl, now: () => T0 + 2 * DAY });
      expect(await s.outboxList(), String(status)).toHaveLength(left);
    }
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(0, () => 0.5)).toBe(30_000);
    expect(backoffMs(3, () => 0.5)).toBe(240_000);
    expect(backoffMs(30, () => 0.5)).toBe(6 * 60 * 60 * 1000);
    expect(backoffMs(1, () => 0)).toBe(30_000);
    expect(backoffMs(1, () => 0.999)).toBeCloseTo(60_000 * 1.499, 0);
  });
});
