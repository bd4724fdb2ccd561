/**
 * `npm start`: one Node process serving Tailor's origin (SDK, collector, and,
 * as later issues add them, the dashboard) and the demo shop on its own origin,
 * as a real merchant's would be.
 *
 * Environment: PORT (Tailor, default 8080), SHOP_PORT (default PORT+1; 0 picks
 * a free port), HOST (default 127.0.0.1), TAILOR_DB (default ./data/tailor.db),
 * TAILOR_COUPON_SECRET (else one is generated and kept in the database, rotated by `npm run coupon-secret -- rotate`),
 * TAILOR_COUPON_RETIRED_SECRETS (comma-separated secrets rotated out: they verify their live codes and mint nothing),
 * TAILOR_POLICY (the merchant's offer policy: JSON, or a path to a JSON file),
 * TAILOR_PAGE_VALUES (the page-value table `tailor page-values` wrote: a path to its JSON file; default the demo
 * shop's, demo/page-values/page-values.json; `none` serves no table),
 * TAILOR_COUPON_SITE (default 'demo'), TAILOR_REPORT_RATE_LIMIT (uploads per
 * client per minute, default 60), TAILOR_ADMIN_TOKEN (enables
 * POST /v1/config/recompute), TAILOR_BOOK_RATE_LIMIT (books per
 * client per 10 minutes, default 30), PUBLIC_URL / SHOP_PUBLIC_URL when behind a proxy, TAILOR_SHOP_TAG (JSON of extra
 * attributes for the demo shop's tag, e.g. `{"data-consent":"required"}`), TAILOR_REPORT_CHANNEL (`local`, the
 * default, or `central`: per-cell learning on central-DP aggregates), TAILOR_CELL_PRIOR (the model bundle's cell
 * prior, read only on the central channel; default models/discount-response/cells.json), TAILOR_TRUST_PROXY (`1` when a
 * reverse proxy in front sets X-Forwarded-For and X-Forwarded-Proto: rate limits then key on the address it saw, and
 * HSTS is sent when it says https; default off, when both headers are ignored), TAILOR_MERCHANTS (the merchants,
 * their sites and key hashes: a JSON file path or inline JSON, README "Merchant keys"; unset, one demo merchant owns
 * the demo sites, its keys generated once and printed at start), TAILOR_SHOP_SERVER_KEY (the demo shop's server key
 * when TAILOR_MERCHANTS is set). SECURITY.md: what each secret protects.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createShopApp } from '../../demo/shop-app';
import { createTailorApp } from './app';
import { openDatabase } from './db';
import { retiredSecretsFromEnv, storedCouponKeySource } from './coupons';
import { STRICT_CSP_PATH, mountStrictShop } from './strictShop';
import { parsePageValueTable, type PageValueTable } from '../core/pageValues';
import { cellPriorFromEnv, reportChannelFromEnv } from './learningEnv';
import { loadOrCreateDemoMerchant, MerchantAccess, merchantsFromEnv, type DemoMerchant, type Merchant } from './merchants';

/** The demo shop's page-value table, built from its own order export (demo/page-values/README.md). */
const DEMO_PAGE_VALUES = resolve('demo/page-values/page-values.json');
/** The shipped model bundle's cell prior (`tailor cell-prior`), the central channel's starting point. */
const BUNDLE_CELL_PRIOR = resolve('models/discount-response/cells.json');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);
const shopPort = process.env.SHOP_PORT !== undefined ? Number(process.env.SHOP_PORT) : port === 0 ? 0 : port + 1;
const dbPath = process.env.TAILOR_DB ?? './data/tailor.db';
const sdkDir = resolve(process.env.TAILOR_SDK_DIR ?? 'dist/sdk');

if (!existsSync(resolve(sdkDir, 'tailor.js'))) {
  console.error(`[tailor] ${sdkDir}/tailor.js is missing: run 'npm run build' first (npm start does it for you).`);
  process.exit(1);
}

// Before the database opens: a bad channel or prior must stop the start before anything is created.
const reportChannel = reportChannelFromEnv(process.env.TAILOR_REPORT_CHANNEL);
const cellPrior = cellPriorFromEnv(reportChannel, resolve(process.env.TAILOR_CELL_PRIOR || BUNDLE_CELL_PRIOR));
const configuredMerchants = process.env.TAILOR_MERCHANTS ? merchantsFromEnv(process.env.TAILOR_MERCHANTS) : null;
const db = openDatabase(dbPath);
const couponSite = process.env.TAILOR_COUPON_SITE || 'demo';
const merchantSetup = merchants();
const bookLimit = Number(process.env.TAILOR_BOOK_RATE_LIMIT ?? 30);
const app = createTailorApp({
  db,
  sdkDir,
  trustProxy: trustProxyFromEnv(process.env.TAILOR_TRUST_PROXY),
  merchants: new MerchantAccess(merchantSetup.merchants),
  coupons: {
    ...(process.env.TAILOR_COUPON_SECRET
      ? { secret: process.env.TAILOR_COUPON_SECRET, retiredSecrets: retiredSecretsFromEnv(process.env.TAILOR_COUPON_RETIRED_SECRETS) }
      : { secret: storedCouponKeySource(db) }),
    site: couponSite,
    rateLimit: { books: { limit: bookLimit, windowMs: 600_000 } },
  },
  privacy: {
    ...merchantPolicy(),
    ...pageValues(),
    scorableTiers: scorableTiers(),
    rateLimit: { limit: Number(process.env.TAILOR_REPORT_RATE_LIMIT ?? 60), windowMs: 60_000 },
    ...(process.env.TAILOR_ADMIN_TOKEN ? { adminToken: process.env.TAILOR_ADMIN_TOKEN } : {}),
    reportChannel,
    cellPrior,
  },
});

function listen(fetch: Parameters<typeof serve>[0]['fetch'], p: number): Promise<number> {
  return new Promise((done) => {
    const server = serve({ fetch, port: p, hostname: host }, (info: AddressInfo) => done(info.port));
    servers.push(server);
  });
}
const servers: ReturnType<typeof serve>[] = [];

const tailorPort = await listen(app.fetch, port);
// Shop and Tailor use different host names too (localhost vs 127.0.0.1), so
// they are different origins even when someone proxies both ports together.
const tailorUrl = process.env.PUBLIC_URL ?? `http://${host === '127.0.0.1' ? 'localhost' : host}:${tailorPort}`;
const shopServerKey = merchantSetup.demo?.keys.server ?? (process.env.TAILOR_SHOP_SERVER_KEY || undefined);
mountStrictShop(app, tailorUrl, shopServerKey);
const shop = createShopApp({
  tailorScriptUrl: `${tailorUrl}/sdk/tailor.js`,
  endpoint: tailorUrl,
  site: 'demo',
  tagAttributes: shopTagAttributes(),
  ...(shopServerKey ? { couponServerKey: shopServerKey } : {}),
});
const actualShopPort = await listen(shop.fetch, shopPort);
const shopUrl = process.env.SHOP_PUBLIC_URL ?? `http://127.0.0.1:${actualShopPort}`;

console.log(`Tailor ${tailorUrl}  (SDK ${tailorUrl}/sdk/tailor.js, health ${tailorUrl}/healthz)`);
console.log(`Dashboard ${tailorUrl}/dashboard`);
if (merchantSetup.demo) {
  // Generated for this database on first start (server_meta); a deployment sets TAILOR_MERCHANTS instead.
  console.log(`  demo merchant read key (sign in with it): ${merchantSetup.demo.keys.read}`);
  console.log(`  demo merchant server key (the demo shop's backend redeems with it): ${merchantSetup.demo.keys.server}`);
} else {
  console.log(`Merchants: ${merchantSetup.merchants.map((m) => `${m.id} (${m.sites.join(', ')})`).join('; ')}`);
}
console.log(`Report channel: ${reportChannel}${cellPrior ? ` (cell spec ${cellPrior.spec.version})` : ''}`);
console.log(`Demo shop ${shopUrl}/  (中文: ${shopUrl}/zh/)`);
console.log(`Demo shop, same origin with a strict CSP: ${tailorUrl}${STRICT_CSP_PATH}/`);
// One machine-readable line for test harnesses and scripts.
console.log(JSON.stringify({ event: 'listening', tailorUrl, shopUrl, strictShopUrl: `${tailorUrl}${STRICT_CSP_PATH}`, ...(merchantSetup.demo ? { demoKeys: merchantSetup.demo.keys } : {}) }));

/** The merchants from TAILOR_MERCHANTS, or the generated demo merchant owning the demo sites. */
function merchants(): { merchants: Merchant[]; demo: DemoMerchant | null } {
  if (configuredMerchants) return { merchants: configuredMerchants, demo: null };
  const demo = loadOrCreateDemoMerchant(db, ['demo', 'default', couponSite]);
  return { merchants: [demo.merchant], demo };
}

/** TAILOR_TRUST_PROXY: on only when said so; anything unreadable stops the start rather than guessing. */
function trustProxyFromEnv(raw: string | undefined): boolean {
  const value = (raw ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'off', 'no'].includes(value)) return false;
  if (['1', 'true', 'on', 'yes'].includes(value)) return true;
  throw new Error(`TAILOR_TRUST_PROXY must be 1/true/on or 0/false/off, got ${JSON.stringify(raw)}`);
}

/** The merchant's offer policy from TAILOR_POLICY (a JSON object, or a path to a JSON file). */
function merchantPolicy(): { merchantPolicy?: Record<string, unknown> } {
  const raw = process.env.TAILOR_POLICY;
  if (!raw) return {};
  const text = raw.trim().startsWith('{') ? raw : readFileSync(raw, 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('TAILOR_POLICY must be a JSON object (or a path to one)');
  return { merchantPolicy: parsed as Record<string, unknown> };
}

/** The discounts the shipped offer model scores (models/discount-response), so a merchant tier outside is refused. */
function scorableTiers(): { min: number; max: number; model: string } | null {
  const path = resolve('models/discount-response/bundle.json');
  if (!existsSync(path)) return null;
  const levels = (JSON.parse(readFileSync(path, 'utf8')) as { treatment?: { levels?: unknown } }).treatment?.levels;
  if (!Array.isArray(levels) || !levels.every((l) => typeof l === 'number')) return null;
  const positive = levels.filter((l) => l > 0);
  // With the no-discount level, any tier up to the highest is scored (interpolated between the two around it).
  return { min: levels.includes(0) ? 1 : Math.min(...positive), max: Math.max(...positive), model: 'models/discount-response' };
}

/** The site-wide page-value table from TAILOR_PAGE_VALUES (a path to the JSON file `tailor page-values` wrote). */
function pageValues(): { pageValues?: PageValueTable } {
  const path = process.env.TAILOR_PAGE_VALUES || DEMO_PAGE_VALUES;
  if (path === 'none' || (path === DEMO_PAGE_VALUES && !existsSync(path))) return {};
  return { pageValues: parsePageValueTable(JSON.parse(readFileSync(path, 'utf8')), 'TAILOR_PAGE_VALUES') };
}

/** Extra attributes for the shop's tag (e.g. `{"data-consent":"required"}`), from TAILOR_SHOP_TAG. */
function shopTagAttributes(): Record<string, string> {
  const raw = process.env.TAILOR_SHOP_TAG;
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // Reported below.
  }
  console.error(`[tailor] TAILOR_SHOP_TAG must be a JSON object of attributes; got ${raw}; ignored`);
  return {};
}

const stop = () => {
  for (const s of servers) s.close();
  db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
