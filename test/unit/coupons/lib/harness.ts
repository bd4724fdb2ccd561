/**
 * A Hono app with only the coupon routes, on a fresh in-memory database migrated like the real one plus
 * COUPON_MIGRATIONS, and a clock the test moves.
 */
import { Hono } from 'hono';
import { openDatabase, type Db } from '../../../../src/server/db';
import { COUPON_MIGRATIONS, mountCoupons, type CouponDeps } from '../../../../src/server/coupons';
import { bearer, SERVER_KEY, testGuard } from '../../lib/merchants';

export const SECRET = 'test-secret-0123456789abcdefghijklmnop';
/** 2023-11-14T22:13:20Z. */
export const T0 = 1_700_000_000_000;
export const DAY = 86_400_000;

export interface Harness {
  app: Hono;
  db: Db;
  clock: { now: number };
  /**
   * POSTs JSON (or a raw string) to `path`, from `address` when given (as @hono/node-server would report it), with
   * the test merchant's server key unless `key` says otherwise (null: no Authorization at all).
   */
  post: (path: string, body: unknown, address?: string, key?: string | null) => Promise<Response>;
  /** Fetches a book for `site` and returns its codes by tier. */
  book: (site?: string, tiers?: number[]) => Promise<Map<number, string>>;
  redeem: (code: string, orderValue?: number, extra?: Record<string, unknown>) => Promise<Response>;
}

/**
 * Opens an in-memory database and adds the coupon tables unless `openDatabase` already did (once the lead has
 * appended COUPON_MIGRATIONS to MIGRATIONS, it does).
 */
export function couponDatabase(path = ':memory:'): Db {
  const db = openDatabase(path);
  const present = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'coupon_redemptions'").get();
  if (present === undefined) for (const sql of COUPON_MIGRATIONS) db.exec(sql);
  return db;
}

/** Builds the app; `deps` override the defaults (site 'demo', the test secret, the test clock). */
export function couponHarness(deps: Partial<CouponDeps> = {}): Harness {
  const db = couponDatabase();
  const clock = { now: T0 };
  const app = new Hono();
  mountCoupons(app, { db, secret: SECRET, site: 'demo', now: () => clock.now, merchants: testGuard({ now: () => clock.now, sites: ['demo', 'other', 'shop-a', 'shop-b'] }), ...deps });
  const post = async (path: string, body: unknown, address?: string, key: string | null = SERVER_KEY): Promise<Response> =>
    app.request(
      path,
      {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', ...(key === null ? {} : bearer(key)) },
      },
      address === undefined ? undefined : { incoming: { socket: { remoteAddress: address } } },
    );
  const book = async (site = 'demo', tiers?: number[]) => {
    const res = await post('/v1/coupons/book', tiers ? { site, tiers } : { site });
    if (res.status !== 200) throw new Error(`book failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { codes: { tier: number; code: string }[] };
    return new Map(body.codes.map((c) => [c.tier, c.code]));
  };
  const redeem = (code: string, orderValue = 100, extra: Record<string, unknown> = {}) =>
    post('/v1/coupons/redeem', { code, orderValue, ...extra });
  return { app, db, clock, post, book, redeem };
}

/** The code for `tier` in `book`, or a test failure. */
export function codeOf(book: Map<number, string>, tier: number): string {
  const code = book.get(tier);
  if (code === undefined) throw new Error(`no ${tier} % code in the book`);
  return code;
}
