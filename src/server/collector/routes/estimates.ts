/**
 * `GET /v1/estimates?site=&from=&to=&policyVersion=`: per-arm estimates with
 * 95 % intervals and n; cells under k are `{suppressed: true}` with no numbers. The merchant's key (or dashboard
 * session) is required; `site` defaults to the merchant's first.
 * `GET /v1/estimates/daily` (same query): holdout vs policy per day.
 */
import type { Context, Hono } from 'hono';
import { authenticate, refuseSite, requestedSite } from '../../merchants';
import { dailyView } from '../dailyView';
import { estimatesView } from '../estimatesView';
import { jsonError } from '../lib/jsonError';
import { parseEstimatesQuery } from '../lib/query';
import type { ResolvedDeps } from '../settings';

/** Mounts the estimate routes: the merchant's data, behind its key (src/server/merchants). */
export function mountEstimateRoutes(app: Hono, deps: ResolvedDeps): void {
  // Aggregates change with every upload; they are cheap to recompute and not worth caching stale.
  const headers = { 'Cache-Control': 'no-store' };
  const read = (c: Context, sumOver: 'days' | 'versions') => {
    const who = authenticate(c, deps.merchants, 'read');
    if (!who.ok) return { ok: false as const, response: who.response };
    const get = (name: string) => (name === 'site' ? requestedSite(c, who.principal) : c.req.query(name));
    const parsed = parseEstimatesQuery(get, deps.now(), deps.windowDays);
    if (!parsed.ok) return { ok: false as const, response: jsonError(c, 400, 'invalid_query', parsed.message, { field: parsed.field }) };
    const refused = refuseSite(c, who.principal, parsed.query.site);
    if (refused) return { ok: false as const, response: refused };
    const { site, fromDay, toDay, policyVersion } = parsed.query;
    // Summed in SQL: one row per cell of the view, however many days or versions the range holds.
    const rows = deps.reports.aggregate({ site, fromDay, toDay, sumOver, ...(policyVersion !== null ? { policyVersion } : {}) });
    return { ok: true as const, query: parsed.query, rows };
  };

  app.get('/v1/estimates', (c) => {
    const r = read(c, 'days');
    if (!r.ok) return r.response;
    return c.json(estimatesView(r.rows, r.query, deps.settings), 200, headers);
  });

  app.get('/v1/estimates/daily', (c) => {
    const r = read(c, 'versions');
    if (!r.ok) return r.response;
    return c.json(dailyView(r.rows, r.query, deps.settings), 200, headers);
  });
}
