import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/server/db';
import { loadOrCreateSecret } from '../../../src/server/coupons';
import { KnownSites, MAX_KNOWN_SITES } from '../../../src/server/coupons/knownSites';
import { DAY, codeOf, couponDatabase, couponHarness } from './lib/harness';

const columns = (h: ReturnType<typeof couponHarness>, table: string) =>
  (h.db.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all() as { name: string }[]).map((r) => r.name);

describe('coupon storage', () => {
  it('creates exactly these tables and columns: nothing that could hold an address or a shopper id', () => {
    const h = couponHarness();
    const tables = (h.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'coupon%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['coupon_redemptions', 'coupon_sites']);
    expect(columns(h, 'coupon_redemptions')).toEqual(['site', 'expiry_day', 'book_id', 'tier', 'redeemed_hour', 'order_value_bucket']);
    expect(columns(h, 'coupon_sites')).toEqual(['site']);
  });

  it('stores nothing when a book is issued but its site, and after a redemption one coarse row', async () => {
    const h = couponHarness();
    const dump = () => [
      ...h.db.prepare('SELECT * FROM coupon_redemptions').all(),
      ...h.db.prepare('SELECT * FROM coupon_sites').all(),
      ...h.db.prepare("SELECT * FROM server_meta").all(),
    ];
    const address = '203.0.113.77';
    const res = await h.post('/v1/coupons/book', { site: 'demo' }, address);
    const codes = (await res.json()).codes as { tier: number; code: string }[];
    expect(dump()).toEqual([{ site: 'demo' }]);

    const code = codes.find((c) => c.tier === 10)!.code;
    expect((await h.post('/v1/coupons/redeem', { code, orderValue: 73.5 }, address)).status).toBe(200);
    const rows = h.db.prepare('SELECT * FROM coupon_redemptions').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ site: 'demo', expiry_day: 19_683, tier: 10, redeemed_hour: Math.floor(h.clock.now / 3_600_000), order_value_bucket: 64 });
    const text = JSON.stringify(dump());
    expect(text).not.toContain(address);
    expect(text).not.toMatch(/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}/i);
    expect(text).not.toContain(code.replaceAll('-', '').slice(-12)); // not even the code's tag
  });

  it('enforces one redemption per book in the schema itself, not in JavaScript', () => {
    const h = couponHarness();
    const insert = h.db.prepare('INSERT INTO coupon_redemptions VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('demo', 19_683, 77, 5, 1, 0);
    expect(() => insert.run('demo', 19_683, 77, 20, 1, 0)).toThrow(/UNIQUE constraint failed/);
    insert.run('demo', 19_684, 77, 20, 1, 0); // another expiry day is another book
    insert.run('other', 19_683, 77, 20, 1, 0); // and so is another site
  });

  it('deletes redemption rows once their books have expired', async () => {
    const h = couponHarness({ ttlDays: 1 });
    const old = await h.book();
    expect((await h.redeem(codeOf(old, 5))).status).toBe(200);
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM coupon_redemptions').get()).toEqual({ n: 1 });
    h.clock.now = 19_677 * DAY + 1; // the old book has expired
    expect((await h.redeem(codeOf(await h.book(), 5))).status).toBe(200);
    expect(h.db.prepare('SELECT expiry_day FROM coupon_redemptions').all()).toEqual([{ expiry_day: 19_679 }]);
  });
});

describe('KnownSites', () => {
  it('remembers at most MAX_KNOWN_SITES sites, across restarts, and lists the others of a site', () => {
    const db = couponDatabase();
    const sites = new KnownSites(db);
    for (let i = 0; i <= MAX_KNOWN_SITES; i++) sites.add(`shop-${i}`);
    sites.add('shop-0');
    expect(db.prepare('SELECT COUNT(*) AS n FROM coupon_sites').get()).toEqual({ n: MAX_KNOWN_SITES });
    const reloaded = new KnownSites(db);
    expect(reloaded.others('shop-0')).toHaveLength(MAX_KNOWN_SITES - 1);
    expect(reloaded.others('shop-0')).not.toContain(`shop-${MAX_KNOWN_SITES}`);
    db.close();
  });
});

describe('loadOrCreateSecret', () => {
  it('generates a 256-bit secret once and returns the same one after a restart', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tailor-coupons-')), 't.db');
    const first = couponDatabase(path);
    const secret = loadOrCreateSecret(first);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadOrCreateSecret(first)).toBe(secret);
    first.close();
    const second = openDatabase(path);
    expect(loadOrCreateSecret(second)).toBe(secret);
    second.close();
    const other = openDatabase(':memory:');
    expect(loadOrCreateSecret(other)).not.toBe(secret);
    other.close();
  });

  it('is the key the server signs with, so a restarted server still honours yesterday\'s codes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tailor-coupons-')), 't.db');
    const db = couponDatabase(path);
    const secret = loadOrCreateSecret(db);
    db.close();
    const before = couponHarness({ secret });
    const code = codeOf(await before.book(), 15);
    const reopened = openDatabase(path);
    const after = couponHarness({ secret: loadOrCreateSecret(reopened) });
    reopened.close();
    expect((await after.redeem(code)).status).toBe(200);
  });
});
