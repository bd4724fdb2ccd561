/**
 * Tailor's HTTP app: the SDK files, health, and the `/v1` collector API.
 * Pure construction — no listening — so tests can drive it with `app.request`.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { VERSION } from '../core/version';
import { dbStatus, type Db } from './db';
import { mountSdkFiles } from './sdkFiles';
import { mountCoupons, type CouponDeps } from './coupons';
import { mountCollector, type CollectorDeps } from './collector';
import { mountDashboard } from './dashboard';

/** What the app needs from its process. */
export interface TailorAppOptions {
  db: Db;
  /** Directory holding the built SDK (tailor.js and assets/). */
  sdkDir: string;
  /** Largest request body accepted on `/v1/*`, in bytes. */
  maxBodyBytes?: number;
  /** Coupon settings (secret, site, …); the coupon routes are mounted only when given. */
  coupons?: Omit<CouponDeps, 'db'>;
  /** Collector and dashboard settings (ε, k, admin token, model prior, …). */
  privacy?: Omit<CollectorDeps, 'db'>;
}

/** Builds the Hono app for Tailor's own origin. */
export function createTailorApp(opts: TailorAppOptions): Hono {
  const app = new Hono();
  const maxBody = opts.maxBodyBytes ?? 64 * 1024;

  app.onError((error, c) => {
    console.error('[tailor] server error:', error);
    return c.json({ error: 'internal', message: 'internal server error' }, 500);
  });

  app.get('/healthz', (c) => {
    const db = dbStatus(opts.db);
    return c.json({ ok: db.ok, version: VERSION, db }, db.ok ? 200 : 503, { 'Cache-Control': 'no-store' });
  });

  mountSdkFiles(app, '/sdk', opts.sdkDir);

  // The collector API is called from shops' origins; it takes no cookies, so `*` is safe.
  app.use('/v1/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 86400 }));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => c.json({ error: 'payload_too_large', message: `request body exceeds ${maxBody} bytes` }, 413),
    }),
  );
  if (opts.coupons) mountCoupons(app, { db: opts.db, ...opts.coupons });
  const privacy = { ...opts.privacy, db: opts.db };
  const collector = mountCollector(app, privacy);
  // The collector's cell service, so the dashboard and the config share one cache and one noise source.
  mountDashboard(app, privacy, collector.cells);
  app.all('/v1/*', (c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));

  return app;
}
