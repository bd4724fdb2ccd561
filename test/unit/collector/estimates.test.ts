import { afterEach, describe, expect, it } from 'vitest';
import { simulateReports, HOLDOUT_TRUTH, TIER10_TRUTH } from '../privacy/lib/simulate';
import { rig as plainRig, TODAY, type Rig } from './lib/harness';
import { asReader } from '../lib/merchants';

/** A rig whose sites already have versions 1 and 2 issued, the versions these reports are made under. */
const rig: typeof plainRig = (deps) => {
  const made = plainRig(deps);
  for (const site of ['default', 'demo']) made.issue(site, 1, 2);
  return made;
};

let r: Rig;
afterEach(() => r?.db.close());

const get = async (path: string) => {
  const res = await r.app.request(path, asReader);
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
};

describe('GET /v1/estimates', () => {
  it('answers an empty site with every cell suppressed, not an error', async () => {
    r = rig();
    const { status, body } = await get('/v1/estimates?site=demo');
    expect(status).toBe(200);
    expect(body.empty).toBe(true);
    expect(body.groups.map((g: any) => g.group)).toEqual(['holdout', 'none', 'tier5', 'tier10', 'tier15', 'tier20', 'policy']);
    for (const g of body.groups) expect(g).toEqual({ group: g.group, suppressed: true });
    expect(body.privacy).toMatchObject({ epsilonPerReport: Math.log(3), k: 50, budget: { maxReportsPerDay: 2 } });
  });

  it('publishes arms with at least k reports, with intervals, and hides the rest without numbers', async () => {
    r = rig();
    await r.uploadAll(
      [
        ...simulateReports('holdout', HOLDOUT_TRUTH, 400, 1, { day: TODAY }),
        ...simulateReports('tier10', TIER10_TRUTH, 400, 2, { day: TODAY - 1 }),
        ...simulateReports('tier5', TIER10_TRUTH, 49, 3, { day: TODAY }),
      ],
      'demo',
    );
    const { body } = await get('/v1/estimates?site=demo');
    const group = (name: string) => body.groups.find((g: any) => g.group === name);
    expect(group('tier5')).toEqual({ group: 'tier5', suppressed: true });
    const tier10 = group('tier10');
    expect(tier10).toMatchObject({ suppressed: false, n: 400 });
    const conv = tier10.rates.purchased;
    expect(conv.ci[0]).toBeLessThanOrEqual(conv.estimate);
    expect(conv.estimate).toBeLessThanOrEqual(conv.ci[1]);
    expect(conv.ci[0]).toBeGreaterThanOrEqual(0);
    expect(tier10.vsHoldout.conversionLift.se).toBeCloseTo(Math.sqrt(tier10.rates.purchased.se ** 2 + group('holdout').rates.purchased.se ** 2), 9);
    expect(group('holdout').vsHoldout).toBeNull();
    // The policy group contains tier5 (49 < k): publishing it would reveal tier5's count by subtraction.
    expect(group('policy')).toEqual({ group: 'policy', suppressed: true });
    expect(body.reports).toBeNull();
    // Nothing numeric about tier5 anywhere in the body.
    expect(JSON.stringify(body)).not.toContain('"n":49');
    // A query for the other site sees nothing of demo's.
    expect((await get('/v1/estimates?site=other')).body.empty).toBe(true);
  });

  it('publishes the pooled policy group and totals once every hidden cell is safe', async () => {
    r = rig({ k: 20 });
    await r.uploadAll([...simulateReports('holdout', HOLDOUT_TRUTH, 100, 1, { day: TODAY }), ...simulateReports('tier10', TIER10_TRUTH, 100, 2, { day: TODAY })]);
    const { body } = await get('/v1/estimates');
    expect(body.reports).toBe(200);
    expect(body.offersShown).toBe(100);
    const policy = body.groups.find((g: any) => g.group === 'policy');
    expect(policy).toMatchObject({ suppressed: false, n: 100 });
    expect(policy.vsHoldout.incrementalConversions.estimate).toBeCloseTo(policy.vsHoldout.conversionLift.estimate * 100, 9);
    expect(body.versions).toEqual(['1']);
  });

  it('filters by date range and policy version', async () => {
    r = rig({ k: 10 });
    await r.uploadAll([
      ...simulateReports('holdout', HOLDOUT_TRUTH, 30, 1, { day: TODAY - 5, policyVersion: '1' }),
      ...simulateReports('holdout', HOLDOUT_TRUTH, 20, 2, { day: TODAY, policyVersion: '2' }),
    ]);
    const n = async (q: string) => (await get(`/v1/estimates?${q}`)).body.groups[0].n;
    expect(await n('')).toBe(50);
    expect(await n('policyVersion=2')).toBe(20);
    expect(await n(`from=${TODAY - 5}&to=${TODAY - 1}`)).toBe(30);
    const iso = new Date((TODAY - 5) * 86_400_000).toISOString().slice(0, 10);
    expect(await n(`from=${iso}&to=${iso}`)).toBe(30);
  });

  it.each([
    ['from=yesterday', 'from'],
    ['to=2026-02-30', 'to'],
    ['from=2026-11-20&to=2026-11-01', 'from'],
    ['from=2024-01-01&to=2026-01-01', 'from'],
    ['policyVersion=abc', 'policyVersion'],
    ['site=Not%20A%20Site', 'site'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    r = rig();
    const { status, body } = await get(`/v1/estimates?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_query', field });
  });
});

describe('GET /v1/estimates/daily', () => {
  it('lists every day, holdout vs policy, suppressing small days', async () => {
    r = rig({ k: 30 });
    await r.uploadAll([
      ...simulateReports('holdout', HOLDOUT_TRUTH, 40, 1, { day: TODAY }),
      ...simulateReports('tier10', TIER10_TRUTH, 40, 2, { day: TODAY }),
      ...simulateReports('tier10', TIER10_TRUTH, 10, 3, { day: TODAY - 1 }),
    ]);
    const { body } = await get(`/v1/estimates/daily?from=${TODAY - 2}&to=${TODAY}`);
    expect(body.days.map((d: any) => d.day)).toEqual([TODAY - 2, TODAY - 1, TODAY]);
    expect(body.days[1]).toMatchObject({ holdout: { suppressed: true }, policy: { suppressed: true }, conversionLift: null });
    expect(body.days[2]).toMatchObject({ holdout: { suppressed: false, n: 40 }, policy: { suppressed: false, n: 40 } });
    expect(body.days[2].conversionLift.se).toBeGreaterThan(0);
  });
});
