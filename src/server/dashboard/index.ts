/**
 * `GET /dashboard`: the merchant's view of incrementality (behind the merchant's key or a sign-in, ./login.ts), with its assets
 * under `/dashboard/assets/` (its own script and stylesheet, and uPlot's dist
 * files served from node_modules).
 */
import type { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dailyView } from '../collector/dailyView';
import { compareVersions, estimatesView } from '../collector/estimatesView';
import { parseEstimatesQuery } from '../collector/lib/query';
import type { CountRow } from '../../core/privacy';
import { resolveDeps, type CollectorDeps, type ResolvedDeps } from '../collector/settings';
import { createCellService, type CellService } from '../collector/cellService';
import { cellsView, type CellsView } from '../collector/cellsView';
import { DASHBOARD_CSP, renderDashboard, renderQueryError } from './renderPage';
import { mountLogin } from './login';
import { authenticate, refuseSite, requestedSite } from '../merchants';

/** Policy versions the dashboard shows a row of views for: the newest ones in the range. */
export const MAX_VERSION_VIEWS = 24;

const require = createRequire(import.meta.url);
const here = (name: string) => fileURLToPath(new URL(`./assets/${name}`, import.meta.url));

/** The page's static files: path under /dashboard/assets → [file, content type]. */
const ASSETS: Record<string, [string, string]> = {
  'dashboard.js': [here('dashboard.js'), 'text/javascript; charset=utf-8'],
  'dashboard.css': [here('dashboard.css'), 'text/css; charset=utf-8'],
  'uplot.iife.min.js': [require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8'],
  'uplot.min.css': [require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8'],
};

/** The Learning section's state for a site; null on the local channel. */
function learningOf(resolved: ResolvedDeps, cells: CellService | null, site: string): CellsView | null {
  if (resolved.central === null || cells === null) return null;
  const { dp, maxBatchDays, reportLagDays } = resolved.central;
  return cellsView(cells.current(site), { dp, maxBatchDays, reportLagDays, windowDays: resolved.windowDays });
}

/**
 * Mounts the dashboard; takes the same deps as `mountCollector`, so both use the same ε, k and store. Pass the
 * collector's cell service to share its cache; without it the dashboard builds its own over the same store
 * (releases are idempotent, and learning is a function of the released batches alone).
 */
export function mountDashboard(app: Hono, deps: CollectorDeps, sharedCells?: CellService | null, trustProxy = false): void {
  const resolved = resolveDeps(deps);
  mountLogin(app, resolved.merchants, trustProxy);
  const cells = sharedCells !== undefined ? sharedCells : createCellService(resolved);
  // Read once at mount: the files are part of the release, and a missing one should fail the start, not a request.
  const files = new Map(Object.entries(ASSETS).map(([name, [path, type]]) => [name, { body: readFileSync(path), type }]));
  const pageHeaders = { 'Content-Security-Policy': DASHBOARD_CSP, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

  app.get('/dashboard', (c) => {
    const who = authenticate(c, resolved.merchants, 'read');
    if (!who.ok) {
      // A browser without a session goes to the sign-in form; an API client (or a bad key) gets the JSON refusal.
      if (who.response.status === 401 && c.req.header('Authorization') === undefined) {
        const path = new URL(c.req.url);
        return c.redirect(`/dashboard/login?next=${encodeURIComponent(path.pathname + path.search)}`, 303);
      }
      return who.response;
    }
    const { merchant } = who.principal;
    const get = (name: string) => (name === 'site' ? requestedSite(c, who.principal) : c.req.query(name));
    const parsed = parseEstimatesQuery(get, resolved.now(), resolved.windowDays);
    if (!parsed.ok) return c.html(renderQueryError(parsed.message), 400, pageHeaders);
    const refused = refuseSite(c, who.principal, parsed.query.site);
    if (refused) return c.html(renderQueryError(`Your merchant account has no site '${parsed.query.site}'.`), 403, pageHeaders);
    const { query } = parsed;
    // Summed over the days in SQL: one row per (version, cell), however long the range.
    const range = { site: query.site, fromDay: query.fromDay, toDay: query.toDay };
    const all = resolved.reports.aggregate({ ...range, sumOver: 'days' });
    const byVersion = new Map<string, CountRow[]>();
    for (const r of all) {
      const list = byVersion.get(r.policyVersion);
      if (list) list.push(r);
      else byVersion.set(r.policyVersion, [r]);
    }
    const rows = query.policyVersion === null ? all : (byVersion.get(query.policyVersion) ?? []);
    const view = estimatesView(rows, query, resolved.settings);
    // The version list comes from all versions in range, so the filter can switch between them.
    view.versions = [...byVersion.keys()].sort(compareVersions);
    // The newest versions get a view each; older ones stay one pick away in the filter (a site with hundreds of
    // versions must not make one page read hundreds of views).
    const versions = view.versions.slice(-MAX_VERSION_VIEWS).map((version) => ({
      version,
      view: estimatesView(byVersion.get(version) ?? [], { ...query, policyVersion: version }, resolved.settings),
    }));
    const daily = resolved.reports.aggregate({ ...range, sumOver: 'versions', ...(query.policyVersion !== null ? { policyVersion: query.policyVersion } : {}) });
    const params = new URLSearchParams({ site: query.site, from: String(query.fromDay), to: String(query.toDay), ...(query.policyVersion ? { policyVersion: query.policyVersion } : {}) });
    const learning = learningOf(resolved, cells, query.site);
    const signedIn = { name: merchant.name, sites: merchant.sites, session: c.req.header('Authorization') === undefined };
    const html = renderDashboard({ view, daily: dailyView(daily, query, resolved.settings), versions, olderVersions: view.versions.length - versions.length, dailyUrl: `/v1/estimates/daily?${params}`, learning, merchant: signedIn });
    return c.html(html, 200, pageHeaders);
  });

  app.get('/dashboard/assets/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.json({ error: 'not_found', message: `no asset ${c.req.param('name')}` }, 404);
    return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' });
  });
}
