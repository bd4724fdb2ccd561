import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { LEARNING_TIERS, measurementLength, parseServedCells, type MeasurementReport, type ServedCells } from '../../../src/core/learning';
import type { CellsView } from '../../../src/server/collector';
import { dueBatches } from '../../../src/server/collector/cellService';
import { report, rig, TODAY, type Rig } from './lib/harness';
import { DAY_MS, PRIOR, SPEC, centralRig, centralRows, exposures, measurement, postMeasurements, secondCollector, uploadMeasurements } from './lib/central';
import { asReader } from '../lib/merchants';

let r: Rig;
afterEach(() => r?.db.close());

const TIER10 = LEARNING_TIERS.indexOf(10);

async function config(app: Hono, site = 'demo'): Promise<{ res: Response; body: Record<string, unknown>; cells: ServedCells | null }> {
  const res = await app.request(`/v1/config?site=${site}`);
  const body = (await res.json()) as Record<string, unknown>;
  return { res, body, cells: body.cells === undefined ? null : parseServedCells(body.cells) };
}

async function learningState(app: Hono, site = 'demo'): Promise<CellsView> {
  const res = await app.request(`/v1/cells?site=${site}`, asReader);
  expect(res.status).toBe(200);
  return (await res.json()) as CellsView;
}

/** Cell 0: tier 10 converts at 50 %, every other arm (holdout included) at 5 %; 200 exposures each. */
function tier10Wins(): MeasurementReport[] {
  return [...LEARNING_TIERS, 'holdout' as const].flatMap((arm, a) => exposures(a * 1000, 0, arm, 200, arm === 10 ? 100 : 10));
}

/** Holdout buys at 40 %, every tier at 5 %, across four cells. */
function discountsLose(): MeasurementReport[] {
  return [0, 1, 2, 3].flatMap((cell) => [
    ...exposures(cell * 10_000, cell, 'holdout', 100, 40),
    ...LEARNING_TIERS.flatMap((tier, t) => exposures(cell * 10_000 + (t + 1) * 1000, cell, tier, 40, 2)),
  ]);
}

describe('POST /v1/measurements → released batch → config cells', () => {
  it('releases a batch after the lag, serves cells learned from it, and changes the ETag', async () => {
    r = centralRig();
    const before = await config(r.app);
    expect(before.body.channel).toBe('central');
    expect(before.cells!.spec).toEqual(SPEC);
    expect(before.cells!.dp).toEqual({ epsilon: 8, delta: 1e-4, reportsPerDeviceWeek: 1, k: 50 });
    const etag0 = before.res.headers.get('etag')!;

    expect(await uploadMeasurements(r.app, tier10Wins())).toEqual({ accepted: 1200, duplicates: 0, late: 0 });
    expect(centralRows(r)).toMatchObject({ epochs: 1, keys: 1200, batches: 0 });

    // Day 0 is batch 0 (one day); it closes once its last day plus the 2-day lag is past.
    r.clock.now += 2 * DAY_MS;
    let state = await learningState(r.app);
    expect(state.batches).toEqual([]);
    expect(state.open).toMatchObject({ batch: 0, releaseOn: new Date((TODAY + 3) * DAY_MS).toISOString().slice(0, 10) });
    r.clock.now += DAY_MS;

    const after = await config(r.app);
    expect(after.res.headers.get('etag')).not.toBe(etag0);
    const cell0 = after.cells!.weights[0]!;
    expect(cell0[TIER10]).toBeGreaterThan(0.8);
    expect(Math.max(...cell0)).toBe(cell0[TIER10]);
    expect(after.cells!.stopLoss.active).toBe(false);
    // The untouched cells keep exploring.
    expect(Math.max(...after.cells!.weights[5]!)).toBeLessThan(0.9);

    state = await learningState(r.app);
    expect(state.batches).toHaveLength(1);
    expect(state.batches[0]).toMatchObject({ batch: 0, status: 'released', firstDay: TODAY, lastDay: TODAY, learned: true });
    expect(Math.abs(state.batches[0]!.reports! - 1200)).toBeLessThan(60);
    const c0 = state.cells[0]!;
    expect(c0.label).toBe('returning visitor, off season, < 10 product pages');
    expect(c0.tiers.find((t) => t.tier === 10)!.conversion).toBeGreaterThan(0.4);
    expect(c0.tiers.map((t) => t.weight)).toEqual(cell0);
  });

  it('keeps no exact sums after release: the counters of the batch are deleted with it', async () => {
    r = centralRig();
    await uploadMeasurements(r.app, tier10Wins());
    expect(centralRows(r).counts).toBeGreaterThan(0);
    r.clock.now += 3 * DAY_MS;
    await config(r.app);
    expect(centralRows(r)).toMatchObject({ counts: 0, batches: 1 });
    const row = r.db.prepare('SELECT withheld, sums, reports, sigma FROM measurement_batches').get() as { withheld: number; sums: string; reports: number; sigma: number };
    expect(row.withheld).toBe(0);
    expect(JSON.parse(row.sums)).toHaveLength(measurementLength(SPEC));
    expect(row.sigma).toBeGreaterThan(0);
  });

  it('counts a retried measurement once, in one upload and across uploads', async () => {
    r = centralRig();
    const res = await postMeasurements(r.app, { site: 'demo', measurements: [measurement(1), measurement(2), measurement(1)] });
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 1, late: 0 });
    const retry = await postMeasurements(r.app, { site: 'demo', measurements: [measurement(1), measurement(2)] });
    expect(await retry.json()).toEqual({ accepted: 0, duplicates: 2, late: 0 });
    expect(r.db.prepare('SELECT SUM(count) AS n FROM measurement_counts').get()).toEqual({ n: 2 });
    expect(centralRows(r).keys).toBe(2);
  });

  it('counts a measurement whose batch was released as late and stores nothing of it', async () => {
    r = centralRig();
    await uploadMeasurements(r.app, tier10Wins());
    r.clock.now += 3 * DAY_MS;
    await config(r.app);
    const rows = centralRows(r);
    const late = await postMeasurements(r.app, { site: 'demo', measurements: [measurement(99_999, 0, 10, true), measurement(1)] });
    // A retry of a counted one is still a duplicate; the new one for day 0 is late.
    expect(await late.json()).toEqual({ accepted: 0, duplicates: 1, late: 1 });
    expect(centralRows(r)).toEqual(rows);
    // A measurement of the open batch (day 1, batch 1) is counted as usual.
    const fresh = await postMeasurements(r.app, { site: 'demo', measurements: [measurement(99_998, 0, 10, true, { day: TODAY + 1 })] });
    expect(await fresh.json()).toEqual({ accepted: 1, duplicates: 0, late: 0 });
  });

  it('withholds a batch whose noised total is under k, releasing nothing and keeping no exact sums', async () => {
    r = centralRig();
    const prior = (await config(r.app)).cells;
    await uploadMeasurements(r.app, [measurement(1), measurement(2), measurement(3)]);
    r.clock.now += 3 * DAY_MS;
    const after = await config(r.app);
    const state = await learningState(r.app);
    expect(state.batches).toEqual([expect.objectContaining({ batch: 0, status: 'withheld', reports: null, sigma: null, learned: false })]);
    expect(centralRows(r)).toMatchObject({ counts: 0, batches: 1 });
    expect(after.cells).toEqual(prior);
  });

  it('serves a site without measurements the prior-only allocation and stores nothing for it', async () => {
    r = centralRig();
    const { cells } = await config(r.app, 'other');
    expect(cells!.weights).toHaveLength(12);
    for (const row of cells!.weights) expect(row.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 6);
    const state = await learningState(r.app, 'other');
    expect(state).toMatchObject({ site: 'other', batches: [], open: null, schedule: { epoch: null, maxBatchDays: 7, reportLagDays: 2, windowDays: 28 } });
    expect(centralRows(r)).toEqual({ counts: 0, keys: 0, epochs: 0, batches: 0 });
  });

  it('learns the same cells from the same released batches: two collectors over one database agree', async () => {
    r = centralRig();
    await uploadMeasurements(r.app, tier10Wins());
    r.clock.now += 3 * DAY_MS;
    const first = await config(r.app);
    const other = secondCollector(r);
    const second = await config(other);
    expect(second.body.cells).toEqual(first.body.cells);
    expect(second.res.headers.get('etag')).toBe(first.res.headers.get('etag'));
    expect(await learningState(other)).toEqual(await learningState(r.app));
    // A recompute over unchanged batches changes nothing either.
    r.clock.now += 20 * 60_000;
    expect((await config(r.app)).body.cells).toEqual(first.body.cells);
  });
});

describe('the stop-loss', () => {
  it('serves no discount (tier 0 ≥ 0.99 in every cell) when the holdout earns clearly more', async () => {
    r = centralRig();
    await uploadMeasurements(r.app, discountsLose());
    r.clock.now += 3 * DAY_MS;
    const { cells } = await config(r.app);
    expect(cells!.stopLoss.active).toBe(true);
    expect(cells!.stopLoss.reason).toContain('significantly less');
    for (const row of cells!.weights) expect(row[0]).toBeGreaterThanOrEqual(0.99);
    const state = await learningState(r.app);
    expect(state.stopLoss).toMatchObject({ active: true });
    expect(state.stopLoss.holdoutMargin!).toBeGreaterThan(state.stopLoss.policyMargin!);
    expect(state.batches[0]!.holdoutMargin!).toBeGreaterThan(state.batches[0]!.policyMargin!);
  });
});

describe('refused uploads', () => {
  const cases: [string, MeasurementReport, string, RegExp][] = [
    ['another spec', measurement(2, 0, 10, false, { spec: 'cells-2' }), 'measurements[1].spec', /served cell spec 'cells-1', got 'cells-2'/],
    ['an index past the spec', measurement(2, 0, 10, false, { index: measurementLength(SPEC) }), 'measurements[1].index', /must be below 144/],
    ['a day too old', measurement(2, 0, 10, false, { day: TODAY - 31 }), 'measurements[1].day', /within the last 30 days/],
    ['a day in the future', measurement(2, 0, 10, false, { day: TODAY + 2 }), 'measurements[1].day', /within the last 30 days/],
    ['a wrong schema', { ...measurement(2), schema: 'measurement-0' as 'measurement-1' }, 'measurements[1].schema', /must be 'measurement-1'/],
  ];
  it.each(cases)('refuses %s with a 400 naming the field, storing nothing of the batch', async (_, bad, field, message) => {
    r = centralRig();
    const res = await postMeasurements(r.app, { site: 'demo', measurements: [measurement(1), bad] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string; message: string };
    expect(body).toMatchObject({ error: 'invalid_measurement', field });
    expect(body.message).toMatch(message);
    expect(centralRows(r)).toEqual({ counts: 0, keys: 0, epochs: 0, batches: 0 });
  });

  it('refuses malformed JSON and an unknown field', async () => {
    r = centralRig();
    expect((await postMeasurements(r.app, '{not json')).status).toBe(400);
    const extra = await postMeasurements(r.app, { measurements: [{ ...measurement(1), cell: 3 }] });
    expect(await extra.json()).toMatchObject({ field: 'measurements[0].cell' });
  });

  it('shares the upload rate limit with /v1/reports: 429 with Retry-After', async () => {
    r = centralRig({ rateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await r.upload({ reports: [report(1)] }, '10.0.0.1')).status).toBe(200);
    const post = () => r.app.request('/v1/measurements', { method: 'POST', body: JSON.stringify({ measurements: [measurement(1)] }) }, { incoming: { socket: { remoteAddress: '10.0.0.1' } } });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the local channel', () => {
  it('answers 404 to measurements and cells, and serves no cells in the config', async () => {
    r = rig();
    const res = await postMeasurements(r.app, { measurements: [measurement(1)] });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'channel_off', message: expect.stringContaining('central report channel is off') });
    expect((await r.app.request('/v1/cells?site=demo', asReader)).status).toBe(404);
    const { body } = await config(r.app);
    expect(body).not.toHaveProperty('cells');
    expect(body).not.toHaveProperty('channel');
  });
});

describe('GET /v1/cells', () => {
  it('refuses a malformed site like /v1/estimates does, and is never cached', async () => {
    r = centralRig();
    const bad = await r.app.request('/v1/cells?site=NOT%20OK', asReader);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_query', field: 'site' });
    expect((await r.app.request('/v1/cells', asReader)).headers.get('cache-control')).toBe('no-store');
  });

  it('states the privacy settings and the trust model', async () => {
    r = centralRig();
    const state = await learningState(r.app);
    expect(state.privacy.epsilonPerDeviceWeek).toBeLessThanOrEqual(8);
    expect(state.privacy).toMatchObject({ delta: 1e-4, reportsPerDeviceWeek: 1, k: 50 });
    expect(state.privacy.sigma).toBeGreaterThan(0.5);
    expect(state.trust.model).toBe('ideal-aggregator');
    expect(state.trust.planned).toContain('Prio3');
  });
});

describe('central settings', () => {
  it('need the cell prior, naming deps.cellPrior', () => {
    expect(() => rig({ reportChannel: 'central' })).toThrow(RangeError);
    expect(() => rig({ reportChannel: 'central' })).toThrow(/'deps.cellPrior' passed to 'mountCollector' is required/);
  });

  it('refuse what devices or the learner would refuse, naming the field', () => {
    expect(() => centralRig({ centralDp: { epsilon: 1, delta: 0.1, reportsPerDeviceWeek: 1, k: 50 } })).toThrow(/'deps.centralDp.delta'/);
    expect(() => centralRig({ maxBatchDays: 0 })).toThrow(/'deps.maxBatchDays'/);
    expect(() => centralRig({ reportLagDays: 31 })).toThrow(/'deps.reportLagDays'/);
    expect(() => centralRig({ learnerTuning: { explorationFloor: 0.5 } })).toThrow(/'deps.learnerTuning.explorationFloor'/);
    expect(() => centralRig({ merchantPolicy: { tiers: [7, 10] } })).toThrow(/'deps.merchantPolicy.tiers'/);
    expect(() => centralRig({ reportChannel: 'other' as 'local' })).toThrow(/'deps.reportChannel'/);
    expect(() => centralRig({ cellPrior: { ...PRIOR, prior: PRIOR.prior.slice(1) } })).toThrow(/'deps.cellPrior' passed to 'mountCollector': 'prior'/);
  });

  it('close batches on the growing schedule, after the lag', () => {
    // Batches of 1, 2, 3 days from day 100: [100], [101–102], [103–105]; each due 2 days after its end.
    expect(dueBatches(100, 103, 7, 2).map((b) => [b.firstDay, b.lastDay])).toEqual([[100, 100]]);
    expect(dueBatches(100, 105, 7, 2).map((b) => [b.firstDay, b.lastDay])).toEqual([[100, 100], [101, 102]]);
    expect(dueBatches(100, 102, 7, 2)).toEqual([]);
  });
});
