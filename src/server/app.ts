/**
 * Tailor's HTTP app: the SDK files, health, and the `/v1` collector API.
 * Pure construction — no listening — so tests can drive it with `app.request`.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { VERSION } from '../core/version';
import { dbStatus, type Db } from './db';
import { mountSdkFiles } from './sdkFiles';
import { mountCoupons, type CouponDeps } from './coupons';
import { mountCollector, type CollectorDeps } from './collector';
import { mountDashboard } from './dashboard';
import { cameOverTls, clientAddressReader } from './lib/clientAddress';
import { createMerchantGuard, loadOrCreateSessionSecret, MerchantAccess } from './merchants';

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
  /**
   * A reverse proxy in front is trusted (TAILOR_TRUST_PROXY, off by default): the client address for rate limits is
   * the last `X-Forwarded-For` entry and `X-Forwarded-Proto: https` counts as TLS. Off, both headers are ignored:
   * anyone can send them.
   */
  trustProxy?: boolean;
  /**
   * The merchants and their keys (src/server/merchants): who may read the dashboard and estimates, and redeem
   * coupons. Unset, no one may: merchant data is closed by default.
   */
  merchants?: MerchantAccess;
}

/**
 * The merchant's endpoints, called from its browser session or its backend, never from a shop's page: they send no
 * CORS headers, so no other origin's script can read them. Everything else under `/v1` is the devices' API.
 */
export const MERCHANT_PATHS: ReadonlySet<string> = new Set(['/v1/estimates', '/v1/estimates/daily', '/v1/cells', '/v1/coupons/check', '/v1/coupons/redeem', '/v1/config/recompute']);

/** HSTS for a year, sent only on responses that went out over TLS (a browser ignores it over plain HTTP anyway). */
export const HSTS = 'max-age=31536000';
/** What every HTML page gets when it sets no framing rule of its own: no page of Tailor's is meant to be framed. */
export const FRAME_ANCESTORS = "frame-ancestors 'none'";

/** Adds the headers every response carries: nosniff, HSTS over TLS, and no framing for HTML. */
function securityHeaders(c: Context, trustProxy: boolean): void {
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  if (cameOverTls(c, trustProxy)) c.res.headers.set('Strict-Transport-Security', HSTS);
  if (!(c.res.headers.get('Content-Type') ?? '').startsWith('text/html')) return;
  const csp = c.res.headers.get('Content-Security-Policy');
  if (csp === null) c.res.headers.set('Content-Security-Policy', FRAME_ANCESTORS);
  else if (!/(^|;)\s*frame-ancestors\s/.test(csp)) c.res.headers.set('Content-Security-Policy', `${csp}; ${FRAME_ANCESTORS}`);
  c.res.headers.set('X-Frame-Options', 'DENY');
}

/** Builds the Hono app for Tailor's own origin. */
export function createTailorApp(opts: TailorAppOptions): Hono {
  const app = new Hono();
  const maxBody = opts.maxBodyBytes ?? 64 * 1024;

  const trustProxy = opts.trustProxy ?? false;
  const clientAddress = clientAddressReader(trustProxy);

  app.use('*', async (c, next) => {
    await next();
    securityHeaders(c, trustProxy);
  });

  app.onError((error, c) => {
    // A client's mistake (a bad header, a malformed URL) is a 4xx naming it; the stack stays in the log, never in a body.
    if (error instanceof HTTPException && error.status < 500) return c.json({ error: 'bad_request', message: error.message || 'bad request' }, error.status);
    if (error instanceof URIError) return c.json({ error: 'bad_path', message: 'the URL is not valid percent-encoding' }, 400);
    console.error('[tailor] server error:', error);
    return c.json({ error: 'internal', message: 'internal server error' }, 500);
  });
  app.notFound((c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));

  app.get('/healthz', (c) => {
    const db = dbStatus(opts.db);
    return c.json({ ok: db.ok, version: VERSION, db }, db.ok ? 200 : 503, { 'Cache-Control': 'no-store' });
  });

  mountSdkFiles(app, '/sdk', opts.sdkDir);

  // The collector API is called from shops' origins; it takes no cookies, so `*` is safe.
  // Date and Retry-After are not CORS-safelisted: exposed, the worker can check the device clock against the
  // server's and honour a requested pause.
  const deviceCors = cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], exposeHeaders: ['Date', 'Retry-After'], maxAge: 86400 });
  app.use('/v1/*', (c, next) => (MERCHANT_PATHS.has(c.req.path) ? next() : deviceCors(c, next)));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBody,
      onError: (c) => c.json({ error: 'payload_too_large', message: `request body exceeds ${maxBody} bytes` }, 413),
    }),
  );
  // One guard (one limiter) for every merchant endpoint: the dashboard, estimates, learning state and coupons.
  const merchants = createMerchantGuard({
    access: opts.merchants ?? new MerchantAccess([]),
    sessionSecret: loadOrCreateSessionSecret(opts.db),
    clientAddress,
    ...(opts.privacy?.now ? { now: opts.privacy.now } : {}),
  });
  if (opts.coupons) mountCoupons(app, { db: opts.db, merchants, ...opts.coupons, rateLimit: { clientAddress, ...opts.coupons.rateLimit } });
  const privacy = { clientAddress, merchants, ...opts.privacy, db: opts.db };
  const collector = mountCollector(app, privacy);
  // The collector's cell service, so the dashboard and the config share one cache and one noise source.
  mountDashboard(app, privacy, collector.cells, trustProxy);
  app.all('/v1/*', (c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));

  return app;
}
