/**
 * `GET /v1/cells?site=`: the central channel's learning state (batches released and withheld, the stop-loss,
 * every cell's posterior and served weights), the same object the dashboard's Learning section renders.
 * Guarded as `/v1/estimates` is: the merchant's key, a validated site of its own, never cached. 404 on the local channel.
 */
import type { Hono } from 'hono';
import { SITE_RE } from '../../../core/privacy';
import { authenticate, refuseSite, requestedSite } from '../../merchants';
import type { CellService } from '../cellService';
import { cellsView } from '../cellsView';
import { jsonError } from '../lib/jsonError';
import type { ResolvedDeps } from '../settings';

/** Mounts the learning-state route. */
export function mountCellRoutes(app: Hono, deps: ResolvedDeps, cells: CellService | null): void {
  app.get('/v1/cells', (c) => {
    const who = authenticate(c, deps.merchants, 'read');
    if (!who.ok) return who.response;
    const central = deps.central;
    if (central === null || cells === null) return jsonError(c, 404, 'channel_off', "the central report channel is off on this collector (TAILOR_REPORT_CHANNEL is 'local'); there is no per-cell learning");
    const site = requestedSite(c, who.principal);
    if (!SITE_RE.test(site)) return jsonError(c, 400, 'invalid_query', "'site' must be 1-64 characters of a-z, 0-9, '-' or '_'", { field: 'site' });
    const refused = refuseSite(c, who.principal, site);
    if (refused) return refused;
    const view = cellsView(cells.current(site), { dp: central.dp, maxBatchDays: central.maxBatchDays, reportLagDays: central.reportLagDays, windowDays: deps.windowDays });
    // Releases change the state; it is cheap to rebuild and not worth caching stale.
    return c.json(view, 200, { 'Cache-Control': 'no-store' });
  });
}
