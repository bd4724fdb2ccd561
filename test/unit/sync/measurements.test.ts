import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openStore } from '../../../src/worker/store/openStore';
import { flushOutbox, queueReports } from '../../../src/worker/sync/reports';
import type { QueuedMeasurement } from '../../../src/worker/sync/measurements';
import { decideOffer, type OfferDeps } from '../../../src/worker/offers/decideOffer';
import { HOLDOUT_KEY } from '../../../src/worker/offers/shopperState';
import {
  DEFAULT_CELL_SPEC,
  DEFAULT_CENTRAL_DP,
  cellCount,
  cellOf,
  learnCellPolicy,
  measurementIndex,
  servedCells,
  stopLossOf,
  validateMeasurementBatch,
} from '../../../src/core/learning';
import { effectivePolicy, parsePolicyConfig, type TierScore } from '../../../src/core/policy';
import type { StoredEvent } from '../../../src/worker/store/schema';

const T0 = Date.UTC(2026, 10, 20, 10);
const DAY = 86_400_000;
const spec = DEFAULT_CELL_SPEC;
const prior = Array.from({ length: cellCount(spec) }, () => [0.1, 0.11, 0.12, 0.13, 0.14]);
const cells = servedCells(spec, learnCellPolicy({ spec, batches: [], prior, grossMargin: 0.4 }), DEFAULT_CENTRAL_DP, stopLossOf(spec, [], 0.4));
const central = effectivePolicy({ version: '4', channel: 'central', cells: JSON.parse(JSON.stringify(cells)) });
const settings = { epsilon: central.epsilon, budget: central.budget, cells: central.cells, rng: () => 0.5 };

const decision = (id: string, ts: number, extra: Record<string, unknown> = {}) => ({
  id, ts, tier: 10, kind: 'greedy', shown: true, code: 'ABCD-EFGH', policyVersion: '4', reason: 'r', allocated: true,
  cell: { spec: spec.version, index: 5, allocation: { '0': 0.2, '5': 0.2, '10': 0.2, '15': 0.2, '20': 0.2 } }, ...extra,
});
const purchase = (ts: number): StoredEvent => ({ id: `p${ts}`, name: 'purchase', ts, props: { items: [], value: 40 }, session_id: 's' }) as unknown as StoredEvent;

const store = () => openStore({ indexedDB: new IDBFactory(), clock: () => T0 });

describe('queueReports on the central channel', () => {
  it('measures a draw of the allocation as its (cell, arm, bought) entry, and skips what was not drawn', async () => {
    const s = await store();
    await s.putDecision(decision('drawn', T0));
    await s.putDecision(decision('guardrail', T0 + 1000, { tier: 0, kind: 'guardrail', allocated: undefined, shown: false }));
    await s.appendEvents([purchase(T0 + 60_000)]);
    const result = await queueReports(s, T0 + DAY + 60_000, settings);
    expect(result).toEqual({ queued: 1, overBudget: 0 });
    const outbox = (await s.outboxList()) as QueuedMeasurement[];
    expect(outbox).toHaveLength(1);
    expect(Object.keys(outbox[0]!.measurement).sort()).toEqual(['day', 'idempotencyKey', 'index', 'schema', 'spec']);
    expect(outbox[0]!.measurement.index).toBe(measurementIndex(spec, 5, 10, true));
    expect(outbox[0]!.measurement.day).toBe(Math.floor(T0 / DAY));
    const stored = await s.decisions();
    expect(stored.find((d) => d.id === 'guardrail')!.reportSkipped).toMatch(/not a draw of the served allocation/);
  });

  it('measures an offer that was never shown as no discount, and a holdout decision in the holdout arm', async () => {
    for (const [extra, arm] of [[{ shown: false, code: undefined }, 0], [{ kind: 'holdout', tier: 0, shown: false, allocated: undefined }, 'holdout']] as const) {
      const s = await store();
      await s.putDecision(decision('d', T0, extra));
      await queueReports(s, T0 + DAY + 1, settings);
      const [queued] = (await s.outboxList()) as QueuedMeasurement[];
      expect(queued!.measurement.index).toBe(measurementIndex(spec, 5, arm, false));
    }
  });

  it('holds every device to one report in any 7 days, across days, whatever the outcomes', async () => {
    const s = await store();
    for (let d = 0; d < 4; d++) await s.putDecision(decision(`d${d}`, T0 + d * DAY));
    await s.putDecision(decision('next-week', T0 + 8 * DAY));
    await s.appendEvents([purchase(T0 + DAY + 60_000)]);
    let queued = 0;
    let overBudget = 0;
    for (let d = 1; d <= 10; d++) {
      const r = await queueReports(s, T0 + d * DAY + 3_600_000, settings);
      queued += r.queued;
      overBudget += r.overBudget;
    }
    // The first decision of each week is the one sent (time order, never the outcome): d0, then next-week.
    expect({ queued, overBudget }).toEqual({ queued: 2, overBudget: 3 });
    const skipped = (await s.decisions()).filter((d) => typeof d.reportSkipped === 'string').map((d) => d.id).sort();
    expect(skipped).toEqual(['d1', 'd2', 'd3']);
  });

  it('sends measurements to /v1/measurements in bodies the collector validates, apart from local reports', async () => {
    const s = await store();
    await s.putDecision(decision('m', T0));
    await queueReports(s, T0 + DAY, settings);
    await s.putDecision(decision('r', T0 + 10 * DAY, { allocated: undefined, cell: undefined }));
    await queueReports(s, T0 + 11 * DAY, { epsilon: 1, budget: { maxReportsPerDay: 2, weeklyEpsilon: 6 }, rng: () => 0.5 });
    const calls: { url: string; body: unknown }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch;
    const flushed = await flushOutbox({ endpoint: 'http://c.test', store: s, site: 'demo', rng: () => 0.5, fetch: fetchImpl, now: () => T0 + 12 * DAY });
    expect(flushed.sent).toBe(2);
    expect(calls.map((c) => new URL(c.url).pathname).sort()).toEqual(['/v1/measurements', '/v1/reports']);
    const measured = calls.find((c) => c.url.endsWith('/v1/measurements'))!;
    expect(validateMeasurementBatch(measured.body).ok).toBe(true);
  });
});

describe('decideOffer with a served allocation', () => {
  const SCORES: TierScore[] = [0.2, 0.25, 0.3, 0.33, 0.36].map((p, i) => ({ tier: i * 5, p }));
  async function deps(over: Partial<OfferDeps> = {}): Promise<OfferDeps> {
    const s = await openStore({ indexedDB: new IDBFactory(), clock: () => T0 });
    await s.setMeta(HOLDOUT_KEY, { holdout: false, rate: 0.1, assignedAt: T0 });
    return { store: s, config: parsePolicyConfig({ explorationRate: 0 }), cells: central.cells, site: 'demo', endpoint: null, features: async () => ({ raw: { VisitorType: 'New_Visitor', Month: 'Nov', ProductRelated: 12 }, bot: false }), score: async () => SCORES, rng: () => 0.5, now: () => T0, ...over };
  }

  it("records the shopper's cell, the allocation it drew from and that allocation's weight as the propensity", async () => {
    const d = await deps();
    const { decision } = await decideOffer(d, { trigger: 'exit_intent', pageType: 'product', productPrice: 80 }, 'x');
    const cell = cellOf({ VisitorType: 'New_Visitor', Month: 'Nov', ProductRelated: 12 }, 0.2, 80, spec);
    expect(decision!.cell).toEqual({ spec: spec.version, index: cell, allocation: Object.fromEntries([0, 5, 10, 15, 20].map((t, i) => [String(t), cells.weights[cell]![i]])) });
    expect(decision!.allocated).toBe(true);
    expect(decision!.propensity).toBeCloseTo(decision!.cell!.allocation[String(decision!.tier)]!, 12);
  });

  it('decides with the model, as on the local channel, without one', async () => {
    const { decision } = await decideOffer(await deps({ cells: null }), { trigger: 'exit_intent', pageType: 'product', productPrice: 80 }, 'y');
    expect(decision!.cell).toBeUndefined();
    expect(decision!.allocated).toBeUndefined();
  });
});
