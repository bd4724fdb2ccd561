import { afterEach, describe, expect, it } from 'vitest';
import { effectivePolicy } from '../../../src/worker/sync/policyConfig';
import { simulateReports, HOLDOUT_TRUTH, TIER10_TRUTH } from '../privacy/lib/simulate';
import { rig, TODAY, type Rig } from './lib/harness';
import { asReader } from '../lib/merchants';

let r: Rig;
afterEach(() => r?.db.close());

const getConfig = (site = 'demo', headers: Record<string, string> = {}) => r.app.request(`/v1/config?site=${site}`, { headers });
const policies = () => (r.db.prepare('SELECT version FROM privacy_policies ORDER BY version').all() as { version: number }[]).map((p) => p.version);
// ε = 8 per report (2.4 on 'purchased') so 1500 reports per arm measure conversion well enough to move calibration;
// at ln 3 the shrinkage rightly keeps every factor at 1 for samples this small. The collector must serve that ε
// (LOUD), since it counts only reports made with the ε it serves, and 'default' is the version before any is issued.
const LOUD = { epsilon: 8 };
const data = () => [
  ...simulateReports('holdout', HOLDOUT_TRUTH, 1500, 1, { day: TODAY, epsilon: 8, policyVersion: 'default' }),
  ...simulateReports('tier10', TIER10_TRUTH, 1500, 2, { day: TODAY, epsilon: 8, policyVersion: 'default' }),
];

describe('GET /v1/config', () => {
  it('serves the built-in default to a site without data, cacheable, with an ETag, storing nothing', async () => {
    r = rig();
    const res = await getConfig();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ site: 'demo', version: 'default', epsilon: Math.log(3), k: 50, calibration: { '0': 1, '10': 1 }, exploration: { rate: 0.05 } });
    expect(res.headers.get('etag')).toBe(`"default.${body.hash}"`);
    expect(policies()).toEqual([]);
  });

  it('answers 304 to a matching If-None-Match, and 200 once the config changed', async () => {
    const prior: Record<string, number> = { '0': 0.05, '10': 0.03 };
    r = rig({ ...LOUD, modelPrior: prior });
    const etag = (await getConfig()).headers.get('etag')!;
    const same = await getConfig('demo', { 'If-None-Match': `W/${etag}, "other"` });
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe(etag);
    expect(await same.text()).toBe('');
    await r.uploadAll(data(), 'demo');
    // Still cached: recomputed at most every 15 minutes.
    expect((await getConfig('demo', { 'If-None-Match': etag })).status).toBe(304);
    r.clock.now += 15 * 60_000;
    const fresh = await getConfig('demo', { 'If-None-Match': etag });
    expect(fresh.status).toBe(200);
    const body = (await fresh.json()) as any;
    expect(body.version).toBe('1');
    // Each factor is the measured conversion over the prior, shrunk towards 1 by its standard error
    // (posterior mean under N(1, 0.25²)), recomputed here from the published estimates.
    const estimates = (await (await r.app.request('/v1/estimates?site=demo', asReader)).json()) as any;
    for (const [tier, arm] of [['0', 'holdout'], ['10', 'tier10']] as const) {
      const { estimate, se } = estimates.groups.find((g: any) => g.group === arm).rates.purchased;
      const raw = estimate / prior[tier]!;
      const seRaw = se / prior[tier]!;
      const expected = 1 + (0.0625 / (0.0625 + seRaw ** 2)) * (raw - 1);
      expect(body.calibration[tier]).toBeCloseTo(expected, 2);
      expect(Math.abs(body.calibration[tier] - 1)).toBeGreaterThan(0.05);
    }
    expect(policies()).toEqual([1]);
    // The device takes the body as it is (src/worker/sync/policyConfig.ts).
    const device = effectivePolicy(body);
    expect(device.policy).toMatchObject({ version: '1', calibration: body.calibration, explorationWeights: body.exploration.weights, explorationRate: 0.05, grossMargin: 0.4 });
    expect(device.epsilon).toBe(8);
    // Nothing new: the same version, nothing stored.
    r.clock.now += 15 * 60_000;
    expect((await getConfig('demo', { 'If-None-Match': fresh.headers.get('etag')! })).status).toBe(304);
    expect(policies()).toEqual([1]);
  });

  it('refuses a malformed site', async () => {
    r = rig();
    expect((await getConfig('NOT OK')).status).toBe(400);
  });
});

describe('POST /v1/config/recompute', () => {
  const recompute = (token?: string) => r.app.request('/v1/config/recompute?site=demo', { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });

  it('is disabled without TAILOR_ADMIN_TOKEN', async () => {
    r = rig();
    const res = await recompute('anything');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'forbidden' });
  });

  it('needs the token, and then recomputes at once', async () => {
    r = rig({ ...LOUD, adminToken: 's3cret-token', modelPrior: { '0': 0.05, '10': 0.05 } });
    expect((await getConfig()).headers.get('etag')).toContain('default');
    await r.uploadAll(data(), 'demo');
    const denied = await recompute('wrong');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer');
    expect((await recompute()).status).toBe(401);
    const ok = await recompute('s3cret-token');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).version).toBe('1');
    // GET now serves the recomputed config without waiting for the interval.
    expect(((await (await getConfig()).json()) as any).version).toBe('1');
  });

  it('limits token guessing', async () => {
    r = rig({ adminToken: 't' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await recompute('guess')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('the merchant policy in GET /v1/config', () => {
  it('is served to devices, wins over learned values there, and changes the ETag', async () => {
    r = rig();
    const plain = await getConfig();
    const plainEtag = plain.headers.get('etag');
    r.db.close();
    r = rig({ merchantPolicy: { tiers: [10, 20], maxDiscount: 10, holdoutRate: 0.2, explorationRate: 0 } });
    const res = await getConfig();
    const body = (await res.json()) as any;
    expect(body.policy).toEqual({ tiers: [10, 20], maxDiscount: 10, holdoutRate: 0.2, explorationRate: 0 });
    expect(res.headers.get('etag')).not.toBe(plainEtag);
    const device = effectivePolicy(body).policy;
    expect(device).toMatchObject({ tiers: [10, 20], maxDiscount: 10, holdoutRate: 0.2, explorationRate: 0, version: body.version });
    expect(device.calibration).toEqual(body.calibration);
  });

  it('refuses to start with a policy devices would reject, naming the field', () => {
    expect(() => rig({ merchantPolicy: { grossMargin: 3 } })).toThrow("'grossMargin' passed to 'parsePolicyConfig'");
  });
});

describe('the page-value table in /v1/config', () => {
  const table = { version: 1, source: 'orders', asOf: '2024-03-01', currency: 'EUR', values: { '/p/tea': 12.5, '/cart': 3 } } as const;

  it('is served as pageValues, part of the ETag, and priced the way devices price it', async () => {
    r = rig();
    const plainEtag = (await getConfig()).headers.get('etag');
    r.db.close();
    r = rig({ pageValues: table });
    const res = await getConfig();
    const body = (await res.json()) as any;
    expect(body.pageValues).toEqual(table);
    expect(res.headers.get('etag')).not.toBe(plainEtag);
    expect((await getConfig('demo', { 'If-None-Match': res.headers.get('etag')! })).status).toBe(304);
    const { pageValueTableOrNull } = await import('../../../src/core/pageValues');
    expect(pageValueTableOrNull(body.pageValues)).toEqual(table);
  });

  it('refuses to start with a table devices would reject, naming the field', () => {
    expect(() => rig({ pageValues: { ...table, values: { '/p/tea': -2 } } })).toThrow(/'table.values\["\/p\/tea"\]' passed to 'mountCollector'/);
  });
});
