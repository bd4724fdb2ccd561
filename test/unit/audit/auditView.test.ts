/**
 * The audit panel's view model: newest-first events capped at 50, the latest decision, the outbound log
 * newest first, records of unexpected shapes shown with blanks, and the privacy budget read from the ledger
 * exactly as the sync module stores it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RECENT_EVENTS, auditView, budgetView, featuresView } from '../../../src/sdk/audit/auditView';
import type { AuditData } from '../../../src/worker/protocol';
import { createMemoryStore } from '../../../src/worker/store/memoryStore';
import { BUDGET_KEY, queueReports } from '../../../src/worker/sync/reports';
import { BUDGET_WINDOW_DAYS, DEFAULT_BUDGET, DEFAULT_EPSILON } from '../../../src/core/privacy';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 12);

function data(overrides: Partial<AuditData> = {}): AuditData {
  return {
    generatedAt: NOW, version: 't', consent: { store: true, personalise: true, sync: false },
    store: { kind: 'indexeddb', bytes: 2048 }, events: [], sessions: [], features: null, decisions: [], outbox: [],
    budgets: null, outbound: [], meta: {}, manifest: null, cart: null, ...overrides,
  };
}

describe('auditView', () => {
  it('shows the cart as the worker knows it, and what the page skipped', () => {
    const cart = { lines: [{ id: 'tea', name: 'Longjing', price: 12, quantity: 2 }, { id: 'x', quantity: 1 }], value: 24, currency: 'EUR', changedAt: NOW, changes: 3 };
    const v = auditView(data({ cart, pageCounters: { ignoredItems: 2, failedCartReads: 1 } }));
    expect(v.cart).toEqual({ lines: [{ name: 'Longjing', quantity: 2, price: 12 }, { name: 'x', quantity: 1, price: null }], value: 24, currency: 'EUR', ignoredItems: 2, failedCartReads: 1 });
    expect(auditView(data()).cart).toEqual({ lines: [], value: 0, currency: null, ignoredItems: 0, failedCartReads: 0 });
  });

  it('lists the newest events first, at most 50, with the page type from the envelope or a page view', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ ts: fc.integer({ min: 0, max: NOW }), pv: fc.boolean() }), { maxLength: 120 }), (specs) => {
        const events = specs.map((s, i) => (s.pv ? { id: `e${i}`, name: 'page_view', ts: s.ts, props: { page_type: 'cart', path: '/' } } : { id: `e${i}`, name: 'dwell', ts: s.ts, page_type: 'home', props: {} }));
        const v = auditView(data({ events }));
        expect(v.counts.events).toBe(events.length);
        expect(v.recentEvents).toHaveLength(Math.min(RECENT_EVENTS, events.length));
        const sorted = events.map((e) => e.ts).sort((a, b) => b - a).slice(0, RECENT_EVENTS);
        expect(v.recentEvents.map((e) => e.ts)).toEqual(sorted);
        for (const row of v.recentEvents) expect(row.pageType).toBe(row.name === 'page_view' ? 'cart' : 'home');
      }),
    );
  });

  it('takes the latest decision and the outbound log newest first', () => {
    const v = auditView(data({
      decisions: [
        { id: 'a', ts: NOW - 5000, tier: 10, kind: 'greedy', reason: 'old', shown: true },
        { id: 'b', ts: NOW - 1000, tier: 0, kind: 'holdout', reason: 'in the control group' },
      ],
      outbound: [
        { ts: NOW - 9000, method: 'POST', path: '/v1/coupons/book', body: '{"site":"demo"}', status: 200 },
        { ts: NOW - 100, method: 'GET', path: '/v1/config?site=demo', body: null, status: null, error: 'offline' },
      ],
    }));
    expect(v.lastDecision).toEqual({ ts: NOW - 1000, tier: 0, kind: 'holdout', reason: 'in the control group', shown: false });
    expect(v.outbound.map((o) => o.path)).toEqual(['/v1/config?site=demo', '/v1/coupons/book']);
    expect(v.outbound[0]).toMatchObject({ status: null, error: 'offline', body: null });
    expect(v.counts).toEqual({ events: 0, sessions: 0, decisions: 2, outbox: 0, outbound: 2 });
  });

  it('shows records of unexpected shapes with blanks instead of failing', () => {
    const v = auditView(data({ events: [null, 3, { name: 5 }], decisions: ['x'], outbound: [{}], store: { kind: 'other' as never, bytes: Number.NaN } }));
    expect(v.recentEvents).toEqual([{ ts: null, name: '?', pageType: null }, { ts: null, name: '?', pageType: null }, { ts: null, name: '?', pageType: null }]);
    expect(v.lastDecision).toEqual({ ts: null, tier: 0, kind: '', reason: '', shown: false });
    expect(v.outbound[0]).toEqual({ ts: null, method: '', path: '', status: null, error: null, body: null });
    expect(v.storeKind).toBe('none');
    expect(v.bytes).toBe(0);
  });

  it('passes on consent reasons when the audit carries them', () => {
    const v = auditView(data({ consent: { store: true, personalise: true, sync: false, reasons: ['Global Privacy Control: nothing leaves the device'] } as never }));
    expect(v.consent).toEqual({ store: true, personalise: true, sync: false, reasons: ['Global Privacy Control: nothing leaves the device'] });
  });
});

describe('budgetView', () => {
  it('reads the ledger the sync module stores: ε spent in the window, reports today, the limits', async () => {
    const store = createMemoryStore({ reason: 'test', clock: () => NOW });
    for (const [i, ts] of [NOW - 10 * DAY, NOW - 3 * DAY, NOW - 2 * DAY].entries()) {
      await store.putDecision({ id: `d${i}`, ts, tier: 10, kind: 'greedy', shown: true, policyVersion: 'default' });
      // Each report is charged on the day it is made: queue them on three different days.
      await queueReports(store, ts + 2 * DAY, { epsilon: DEFAULT_EPSILON, budget: DEFAULT_BUDGET, rng: () => 0.5 });
    }
    const stored = await store.getMeta(BUDGET_KEY);
    expect(budgetView(stored, NOW)).toEqual({
      windowDays: BUDGET_WINDOW_DAYS,
      // The report made 8 days ago left the 7-day window; the other two are inside it, one of them today.
      spent: expect.closeTo(2 * DEFAULT_EPSILON, 9),
      limit: DEFAULT_BUDGET.weeklyEpsilon,
      reportsToday: 1,
      maxPerDay: DEFAULT_BUDGET.maxReportsPerDay,
      perReport: DEFAULT_EPSILON,
    });
  });

  it('says "not used yet" without a ledger or with an empty one, and shows an unknown shape as it is', () => {
    expect(budgetView(null, NOW)).toBeNull();
    expect(budgetView({ policy: DEFAULT_BUDGET, epsilon: 1, ledger: { days: [] } }, NOW)).toBeNull();
    expect(budgetView({ spent: 3 }, NOW)).toEqual({ raw: JSON.stringify({ spent: 3 }, null, 2) });
  });
});

describe('featuresView', () => {
  const view = {
    raw: { ProductRelated: 3, BounceRates: 0.0123456, Month: 'Nov', recency_days: null },
    standardized: { names: ['ProductRelated', 'BounceRates', 'Month=Oct', 'Month=Nov', 'recency_days'], values: [0.5, -1.25, -0.3, 2.5, 0] },
    bot: true, botReasons: ['webdriver'],
  };

  it('pairs each raw feature with the model columns it feeds; a one-hot shows only the level that is set', () => {
    expect(featuresView(view)).toEqual({
      rows: [
        { name: 'ProductRelated', value: '3', modelInput: ['ProductRelated = 0.5'] },
        { name: 'BounceRates', value: '0.012', modelInput: ['BounceRates = -1.25'] },
        { name: 'Month', value: 'Nov', modelInput: ['Month=Nov = 2.5'] },
        { name: 'recency_days', value: null, modelInput: ['recency_days = 0'] },
      ],
      bot: true,
      botReasons: ['webdriver'],
    });
  });

  it('shows raw values without a model, and nothing for a missing or malformed vector', () => {
    expect(featuresView({ ...view, standardized: null })?.rows.every((r) => r.modelInput.length === 0)).toBe(true);
    expect(featuresView(null)).toBeNull();
    expect(featuresView({ raw: 'x' })).toBeNull();
    expect(auditView(data({ features: view as never })).features?.rows).toHaveLength(4);
  });
});
