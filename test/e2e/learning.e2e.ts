/**
 * The central channel end to end (issue 13): a collector started with TAILOR_REPORT_CHANNEL=central serves each
 * cell's allocation; a real journey on the demo shop decides by drawing from its cell's allocation (the
 * propensity recorded is that allocation's weight), buys, and after the outcome window the device sends one
 * measurement report, which carries only the measurement's fields and lands in the collector's exact counts
 * of the open batch, unpublished until the batch is released with noise. Nothing goes to /v1/reports.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEFAULT_CELL_SPEC, measurementIndex, parseServedCells, validateMeasurementBatch, type LearningTier } from '../../src/core/learning';
import { useBrowser, useServer } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { assertDebugHooks, bannerCode, deliverReports, fireUntilDecided, readDecisions, readMeta, syncNow, tailorReady } from '../../scripts/simulate/lib/tailorPage';
import { checkout, openVia } from '../../scripts/simulate/lib/shopJourney';
import { captureTailorRequests } from '../../scripts/simulate/lib/capturedRequests';

const browser = useBrowser();
const ADMIN = 'e2e-admin-token';

interface CellDecision {
  id: string;
  kind: string;
  tier: number;
  shown: boolean;
  propensity: number;
  allocated?: true;
  cell?: { spec: string; index: number; allocation: Record<string, number> };
  reported?: boolean;
  reportSkipped?: string;
}

describe('the central channel', () => {
  const server = useServer({ TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }), TAILOR_REPORT_CHANNEL: 'central', TAILOR_ADMIN_TOKEN: ADMIN });

  it('decides by the served cell allocation and sends one measurement, which the collector only counts', async () => {
    const config = (await (await fetch(`${server().tailorUrl}/v1/config?site=demo`)).json()) as { channel?: string; cells?: unknown };
    expect(config.channel).toBe('central');
    const cells = parseServedCells(config.cells);
    expect(cells.spec.version).toBe(DEFAULT_CELL_SPEC.version);

    const context = await asHuman(await browser().newContext());
    const sent = captureTailorRequests(context, server().tailorUrl);
    const page = await context.newPage();
    await page.goto(`${server().shopUrl}/`);
    await tailorReady(page);
    await assertDebugHooks(page);
    await syncNow(page);
    expect((await readMeta<{ snapshot: { channel?: string } }>(page, 'policy-config'))?.snapshot.channel).toBe('central');
    await openVia(page, '[data-testid="product-link"]');
    await page.locator('[data-testid="add-to-cart"]').click();
    await fireUntilDecided(page, 'exit_intent');
    const code = await bannerCode(page);

    const decisions = (await readDecisions(page)) as unknown as CellDecision[];
    const drawn = decisions.filter((d) => d.cell !== undefined);
    expect(drawn.length).toBeGreaterThanOrEqual(1);
    for (const d of drawn) {
      expect(d.cell!.spec).toBe(cells.spec.version);
      expect(d.cell!.allocation).toEqual(Object.fromEntries([0, 5, 10, 15, 20].map((t, i) => [String(t), cells.weights[d.cell!.index]![i]])));
      // The propensity is the weight of the drawn tier in the allocation the device drew from.
      if (d.allocated) expect(d.propensity).toBeCloseTo(d.cell!.allocation[String(d.tier)]!, 12);
      else expect(d.kind).toBe('holdout');
    }

    await checkout(page, code);
    const delivery = await deliverReports(page);
    expect(delivery.dropped).toBe(0);
    // One measurement a week, whatever the device decided: the earliest measurable decision.
    expect(delivery.sent).toBe(1);
    const posts = sent.filter((s) => s.method === 'POST' && (s.path === '/v1/measurements' || s.path === '/v1/reports'));
    expect(posts.map((p) => p.path)).toEqual(['/v1/measurements']);
    const body = JSON.parse(posts[0]!.body!) as { site: string; measurements: Record<string, unknown>[] };
    expect(validateMeasurementBatch(body)).toMatchObject({ ok: true });
    expect(body.measurements).toHaveLength(1);
    const m = body.measurements[0]!;
    expect(Object.keys(m).sort()).toEqual(['day', 'idempotencyKey', 'index', 'schema', 'spec']);
    const first = drawn.find((d) => !d.reportSkipped)!;
    const arm: LearningTier | 'holdout' = first.kind === 'holdout' ? 'holdout' : ((first.shown ? first.tier : 0) as LearningTier);
    expect(m.index).toBe(measurementIndex(cells.spec, first.cell!.index, arm, true));
    const skipped = ((await readDecisions(page)) as unknown as CellDecision[]).filter((d) => d.reportSkipped);
    expect(skipped.length).toBe(decisions.length - 1);

    // The collector holds it in the open batch's exact counts; nothing is published before the release.
    const db = new Database(server().dbPath, { readonly: true, fileMustExist: true });
    try {
      const counts = db.prepare<[], { idx: number; count: number }>("SELECT idx, count FROM measurement_counts WHERE site = 'demo'").all();
      expect(counts).toEqual([{ idx: m.index, count: 1 }]);
    } finally {
      db.close();
    }
    // The learning state is cached like the config; the admin's recompute refreshes it now.
    const recompute = await fetch(`${server().tailorUrl}/v1/config/recompute?site=demo`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(recompute.status).toBe(200);
    const state = (await (await fetch(`${server().tailorUrl}/v1/cells?site=demo`, { headers: { Authorization: `Bearer ${server().demoKeys!.read}` } })).json()) as { batches: unknown[]; open: { batch: number } | null; privacy: { epsilonPerDeviceWeek: number; delta: number } };
    expect(state.batches).toEqual([]);
    expect(state.open?.batch).toBe(0);
    expect(state.privacy.delta).toBe(1e-9);
    expect(state.privacy.epsilonPerDeviceWeek).toBeLessThanOrEqual(1);
    await context.close();
  });
});
