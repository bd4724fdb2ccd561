import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BATCH } from '../../../src/core/privacy';
import { report, rig, TODAY, type Rig } from './lib/harness';
import { asReader } from '../lib/merchants';

let r: Rig;
afterEach(() => r?.db.close());

describe('POST /v1/reports', () => {
  it('counts a valid batch and stores counters only', async () => {
    r = rig();
    const res = await r.upload({ site: 'demo', reports: [report(1), report(2, { arm: 'holdout', purchased: 0, orderValueBucket: 0 })] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0 });
    const purchased = r.db.prepare("SELECT arm, value, count FROM privacy_counts WHERE site = 'demo' AND field = 'purchased' ORDER BY arm").all();
    expect(purchased).toEqual([
      { arm: 'holdout', value: 0, count: 1 },
      { arm: 'tier10', value: 1, count: 1 },
    ]);
    // No table can join a key to a field value: keys live alone.
    const columns = (t: string) => (r.db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('privacy_report_keys')).toEqual(['key', 'day']);
    expect(columns('privacy_counts')).not.toContain('key');
  });

  it('counts a retried batch once, and a key repeated inside a batch once', async () => {
    r = rig();
    const batch = { reports: [report(1), report(2)] };
    await r.upload(batch);
    const before = r.db.prepare('SELECT SUM(count) AS n FROM privacy_counts').get();
    const retry = await r.upload(batch);
    expect(await retry.json()).toEqual({ accepted: 0, duplicates: 2 });
    expect(r.db.prepare('SELECT SUM(count) AS n FROM privacy_counts').get()).toEqual(before);
    const mixed = await r.upload({ reports: [report(3), report(3), report(1)] });
    expect(await mixed.json()).toEqual({ accepted: 1, duplicates: 2 });
    expect(r.stored().keys).toBe(3);
  });

  it.each([
    ['an unknown report field', { reports: [{ ...report(1), userId: 'u1' }] }, 'reports[0].userId'],
    ['an unknown envelope field', { reports: [report(1)], device: 'd' }, 'device'],
    ['a wrong type', { reports: [report(1), { ...report(2), clicked: 'yes' }] }, 'reports[1].clicked'],
    ['a fractional day', { reports: [{ ...report(1), day: TODAY + 0.5 }] }, 'reports[0].day'],
    ['a bad key', { reports: [{ ...report(1), idempotencyKey: 'not-hex' }] }, 'reports[0].idempotencyKey'],
    ['an oversize batch', { reports: Array.from({ length: MAX_BATCH + 1 }, (_, i) => report(i)) }, 'reports'],
    ['an empty batch', { reports: [] }, 'reports'],
    ['no reports', {}, 'reports'],
    ['a report older than 30 days', { reports: [report(1), report(2, { day: TODAY - 31 })] }, 'reports[1].day'],
    ['a report from the future', { reports: [report(1, { day: TODAY + 2 })] }, 'reports[0].day'],
    ["a report dated tomorrow (a decision's window closes before it is reported)", { reports: [report(1), report(2, { day: TODAY + 1 })] }, 'reports[1].day'],
    ['a report under a never-issued policy version', { reports: [report(1, { policyVersion: '999999999' })] }, 'reports[0].policyVersion'],
    ['a report declaring another ε than the served one', { reports: [report(1), report(2, { epsilon: 0.01 })] }, 'reports[1].epsilon'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_name, body, field) => {
    r = rig();
    const res = await r.upload(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_report', field, message: expect.stringContaining(field) });
    expect(r.stored()).toEqual({ counts: 0, keys: 0 });
  });

  it('refuses malformed JSON and non-object bodies', async () => {
    r = rig();
    const bad = await r.upload('{"reports": [');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_json' });
    expect((await r.upload('[1, 2]')).status).toBe(400);
    expect((await r.upload('')).status).toBe(400);
    expect(r.stored()).toEqual({ counts: 0, keys: 0 });
  });

  it('answers a flood with 429 and Retry-After, per client, and refills one upload per window / limit', async () => {
    r = rig({ rateLimit: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await r.upload({ reports: [report(i)] }, '203.0.113.7')).status).toBe(200);
    const flood = await r.upload({ reports: [report(9)] }, '203.0.113.7');
    expect(flood.status).toBe(429);
    // A bucket of 3 refilled at 3 per minute: the next upload is allowed 20 s on.
    expect(flood.headers.get('retry-after')).toBe('20');
    expect(await flood.json()).toMatchObject({ error: 'rate_limited' });
    // Another client is unaffected; the flooded one gets one upload back per 20 s.
    expect((await r.upload({ reports: [report(10)] }, '198.51.100.1')).status).toBe(200);
    r.clock.now += 10_000;
    expect((await r.upload({ reports: [report(11)] }, '203.0.113.7')).headers.get('retry-after')).toBe('10');
    r.clock.now += 10_000;
    expect((await r.upload({ reports: [report(12)] }, '203.0.113.7')).status).toBe(200);
    expect((await r.upload({ reports: [report(13)] }, '203.0.113.7')).status).toBe(429);
    // After a whole window the full burst is back.
    r.clock.now += 60_000;
    for (let i = 0; i < 3; i++) expect((await r.upload({ reports: [report(20 + i)] }, '203.0.113.7')).status).toBe(200);
  });

  it('gives one budget to every address of an IPv6 /64, and to an IPv4 address however it is written', async () => {
    r = rig({ rateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await r.upload({ reports: [report(1)] }, '2001:db8:1:2::1')).status).toBe(200);
    expect((await r.upload({ reports: [report(2)] }, '2001:0db8:0001:0002:ffff:ffff:ffff:fffe')).status).toBe(200);
    expect((await r.upload({ reports: [report(3)] }, '2001:db8:1:2:abcd::9%eth0')).status).toBe(429);
    expect((await r.upload({ reports: [report(4)] }, '2001:db8:1:3::1')).status).toBe(200);
    expect((await r.upload({ reports: [report(5)] }, '192.0.2.1')).status).toBe(200);
    expect((await r.upload({ reports: [report(6)] }, '::ffff:192.0.2.1')).status).toBe(200);
    expect((await r.upload({ reports: [report(7)] }, '::ffff:c000:201')).status).toBe(429);
  });

  it('never writes the client address to the database', async () => {
    r = rig();
    await r.upload({ reports: [report(1)] }, '203.0.113.77');
    const tables = (r.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of tables) {
      const dump = JSON.stringify(r.db.prepare(`SELECT * FROM ${t}`).all());
      expect(dump).not.toContain('203.0.113.77');
    }
  });

  it('forgets idempotency keys that left the acceptance window', async () => {
    r = rig();
    await r.upload({ reports: [report(1, { day: TODAY - 30 })] });
    expect(r.stored().keys).toBe(1);
    r.clock.now += 2 * 86_400_000;
    await r.upload({ reports: [report(2)] });
    expect(r.stored().keys).toBe(1);
    // The forgotten report cannot come back: it is now too old to be accepted.
    expect((await r.upload({ reports: [report(1, { day: TODAY - 30 })] })).status).toBe(400);
  });
});

describe('only what the collector issued counts', () => {
  const getJson = async (path: string) => (await r.app.request(path, asReader)).json() as Promise<Record<string, unknown>>;

  it('refuses a fabricated report declaring ε = 0.01: no published figure and no config moves', async () => {
    r = rig({ k: 20, adminToken: 'admin', modelPrior: { '0': 0.05, '10': 0.05 } });
    r.issue('demo', 1);
    const honest = Array.from({ length: 60 }, (_, i) => report(100 + i, { policyVersion: '1', purchased: i % 5 === 0 ? 1 : 0 }));
    await r.uploadAll(honest, 'demo');
    const recompute = () => r.app.request('/v1/config/recompute?site=demo', { method: 'POST', headers: { Authorization: 'Bearer admin' } });
    const configBefore = await (await recompute()).json();
    const estimatesBefore = await getJson('/v1/estimates?site=demo');
    const stored = r.stored();

    const fake = await r.upload({ site: 'demo', reports: [report(1, { epsilon: 0.01, purchased: 1, policyVersion: '1' })] });
    expect(fake.status).toBe(400);
    expect(await fake.json()).toEqual({
      error: 'invalid_report',
      field: 'reports[0].epsilon',
      message: `'reports[0].epsilon' must be ${Math.log(3)}, the ε this collector serves in /v1/config, got 0.01`,
    });
    // Hidden inside an honest upload, it takes the whole upload down with it.
    const mixed = await r.upload({ site: 'demo', reports: [report(2, { policyVersion: '1' }), report(3, { epsilon: 0.01, policyVersion: '1' })] });
    expect(mixed.status).toBe(400);
    expect(r.stored()).toEqual(stored);
    expect(await getJson('/v1/estimates?site=demo')).toEqual(estimatesBefore);
    expect(await (await recompute()).json()).toEqual(configBefore);
  });

  it("refuses a never-issued version and tomorrow's date, naming the field, and accepts an earlier issued version", async () => {
    r = rig();
    r.issue('demo', 1, 2);
    const never = await r.upload({ site: 'demo', reports: [report(1, { policyVersion: '999999999' })] });
    expect(await never.json()).toEqual({
      error: 'invalid_report',
      field: 'reports[0].policyVersion',
      message: "'reports[0].policyVersion' must be 'default' or a version this collector issued for site 'demo', got '999999999'",
    });
    // Issued for another site only: still refused here.
    r.issue('other', 3);
    expect((await r.upload({ site: 'demo', reports: [report(1, { policyVersion: '3' })] })).status).toBe(400);
    const tomorrow = await r.upload({ site: 'demo', reports: [report(1, { day: TODAY + 1 })] });
    expect(await tomorrow.json()).toEqual({
      error: 'invalid_report',
      field: 'reports[0].day',
      message: `'reports[0].day' must be within the last 30 days and not after today (UTC day ${TODAY}), got ${TODAY + 1}`,
    });
    expect(r.stored()).toEqual({ counts: 0, keys: 0 });
    // Devices send late: a report made under version 1 still counts once version 2 is current.
    const late = await r.upload({ site: 'demo', reports: [report(1, { policyVersion: '1', day: TODAY - 3 }), report(2, { policyVersion: '2' }), report(3)] });
    expect(await late.json()).toEqual({ accepted: 3, duplicates: 0 });
  });

  it('sees a version another process issued on the same database', async () => {
    r = rig();
    expect((await r.upload({ site: 'demo', reports: [report(1, { policyVersion: '1' })] })).status).toBe(400);
    r.issue('demo', 1); // another connection's insert, as a second server process would make it
    expect((await r.upload({ site: 'demo', reports: [report(1, { policyVersion: '1' })] })).status).toBe(200);
  });
});
