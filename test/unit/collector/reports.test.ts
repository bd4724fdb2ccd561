import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BATCH } from '../../../src/core/privacy';
import { report, rig, TODAY, type Rig } from './lib/harness';

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

  it('answers a flood with 429 and Retry-After, per client, and lets the client back after the window', async () => {
    r = rig({ rateLimit: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await r.upload({ reports: [report(i)] }, '203.0.113.7')).status).toBe(200);
    const flood = await r.upload({ reports: [report(9)] }, '203.0.113.7');
    expect(flood.status).toBe(429);
    expect(flood.headers.get('retry-after')).toBe('60');
    expect(await flood.json()).toMatchObject({ error: 'rate_limited' });
    // Another client is unaffected; the flooded one is back once its oldest request leaves the window.
    expect((await r.upload({ reports: [report(10)] }, '198.51.100.1')).status).toBe(200);
    r.clock.now += 30_000;
    expect((await r.upload({ reports: [report(11)] }, '203.0.113.7')).headers.get('retry-after')).toBe('30');
    r.clock.now += 30_001;
    expect((await r.upload({ reports: [report(12)] }, '203.0.113.7')).status).toBe(200);
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
