import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { openDatabase, type Db } from '../../../src/server/db';
import { COLLECTOR_MIGRATIONS, mountCollector, type CollectorDeps } from '../../../src/server/collector';
import { mountDashboard } from '../../../src/server/dashboard';
import { escapeHtml, html } from '../../../src/server/dashboard/lib/html';
import { HOLDOUT_TRUTH, TIER10_TRUTH, simulateReports } from '../privacy/lib/simulate';
import { validateReport } from '../../../src/core/privacy';
import { NOW, TODAY, issueVersions } from './lib/harness';
import { asReader, testGuard } from '../lib/merchants';
import { DAY_MS, SPEC, centralDeps, exposures } from './lib/central';
import { LEARNING_TIERS, cellCount, cellLabel, type MeasurementReport } from '../../../src/core/learning';

let db: Db;
afterEach(() => db?.close());

function app(deps: Partial<CollectorDeps> = {}) {
  db = openDatabase(':memory:');
  for (const m of COLLECTOR_MIGRATIONS) db.exec(m);
  const a = new Hono();
  const shared = { db, now: () => NOW, rateLimit: { limit: 100_000, windowMs: 60_000 }, merchants: testGuard({ now: () => NOW }), ...deps };
  mountCollector(a, shared);
  mountDashboard(a, shared);
  return a;
}

async function upload(a: Hono, reports: unknown[]) {
  for (let i = 0; i < reports.length; i += 50) {
    const res = await a.request('/v1/reports', { method: 'POST', body: JSON.stringify({ site: 'demo', reports: reports.slice(i, i + 50) }) });
    expect(res.status).toBe(200);
  }
}

const headings = (page: string) => [...page.matchAll(/<h([12])[^>]*>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${m[2]}`);

/** Structural accessibility and CSP rules every rendering must keep. */
function expectWellFormed(page: string) {
  expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
  // No inline script or style, no event-handler attributes: the page must run under the strict CSP.
  for (const tag of page.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/ src="\/dashboard\/assets\/[a-z.]+\.js"/);
  expect(page).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
  expect(page).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  for (const table of page.match(/<table[\s\S]*?<\/table>/g) ?? []) {
    expect(table).toMatch(/<caption>|class="summary"/);
    for (const th of table.match(/<th\b[^>]*>/g) ?? []) expect(th).toMatch(/scope="(row|col)"/);
  }
  for (const svg of page.match(/<svg\b[^>]*>/g) ?? []) expect(svg).toMatch(/role="img"[^>]*aria-labelledby=/);
}

describe('GET /dashboard', () => {
  it('renders a clear empty state, not an error', async () => {
    const res = await app().request('/dashboard?site=demo', asReader);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expectWellFormed(page);
    expect(headings(page)).toEqual(['h1 Tailor: offer incrementality', 'h2 No reports yet', 'h2 Privacy settings in force']);
    expect(page).toContain('ε = 1.099 (ln 3)');
    expect(page).toContain('fewer than 50 reports is shown nowhere');
  });

  it('renders per-arm tables with intervals, and suppressed arms as "fewer than k reports" only', async () => {
    const a = app();
    issueVersions(db, 'demo', [1]);
    await upload(a, [
      ...simulateReports('holdout', HOLDOUT_TRUTH, 400, 1, { day: TODAY }),
      ...simulateReports('tier10', TIER10_TRUTH, 300, 2, { day: TODAY - 1 }),
      ...simulateReports('tier20', TIER10_TRUTH, 37, 3, { day: TODAY }),
    ]);
    const res = await a.request('/dashboard?site=demo', asReader);
    const page = await res.text();
    expectWellFormed(page);
    expect(headings(page)).toEqual([
      'h1 Tailor: offer incrementality',
      'h2 Summary',
      'h2 Conversion and redemption by arm',
      'h2 Satisfaction by arm',
      'h2 Over time',
      'h2 By policy version',
      'h2 Privacy settings in force',
    ]);
    const row = (label: string) => page.match(new RegExp(`<tr><th scope="row">${label}</th>[\\s\\S]*?</tr>`))?.[0] ?? '';
    expect(row('10 % off')).toMatch(/<td>300<\/td><td>-?\d+\.\d % \(\d+\.\d–\d+\.\d %\)<\/td><td>[+−]?\d+\.\d pp/);
    expect(row('Holdout \\(control\\)')).toContain('<td>400</td>');
    expect(row('20 % off')).toContain('<td class="suppressed" colspan="8">fewer than 50 reports</td>');
    expect(page).not.toContain('>37<');
    // The pooled group holds the small arm, so it and the totals stay hidden too.
    expect(row('All but holdout \\(policy\\)')).toContain('fewer than 50 reports');
    expect(page).toContain(`data-src="/v1/estimates/daily?site=demo&amp;from=${TODAY - 27}&amp;to=${TODAY}"`);
    expect(page).toContain(`<tr><th scope="row">1</th><td>400</td>`);
    // The conversion chart has a row per group, and the suppressed one says why.
    expect(page).toMatch(/<svg class="ci-chart"[\s\S]*<text class="suppressed"[^>]*>fewer than 50 reports<\/text>/);
  });

  it('answers a bad filter with a 400 page that says what is wrong', async () => {
    const res = await app().request('/dashboard?from=someday', asReader);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('&#39;from&#39; must be a date');
  });

  it('serves its script, stylesheet and uPlot, and nothing else', async () => {
    const a = app();
    const js = await a.request('/dashboard/assets/dashboard.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await a.request('/dashboard/assets/uplot.iife.min.js')).status).toBe(200);
    expect(await (await a.request('/dashboard/assets/uplot.min.css')).text()).toContain('.uplot');
    expect((await a.request('/dashboard/assets/dashboard.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await a.request('/dashboard/assets/constructor')).status).toBe(404);
    expect((await a.request('/dashboard/assets/..%2F..%2Fdb.ts')).status).toBe(404);
  });
});

describe('dashboard.js', () => {
  it('draws holdout and policy series from /v1/estimates/daily, with gaps for suppressed days', async () => {
    const source = readFileSync(new URL('../../../src/server/dashboard/assets/dashboard.js', import.meta.url), 'utf8');
    const target = { clientWidth: 800, textContent: 'x', getAttribute: () => '/v1/estimates/daily?site=demo' };
    const status = { textContent: '' };
    const drawn: { opts: any; data: any }[] = [];
    function FakeUPlot(this: unknown, opts: unknown, data: unknown) {
      drawn.push({ opts, data });
    }
    const cell = (estimate: number) => ({ suppressed: false, n: 60, conversion: { estimate, se: 0.01, ci: [0, 1] } });
    const body = {
      k: 50,
      days: [
        { day: 100, holdout: cell(0.04), policy: cell(0.06) },
        { day: 101, holdout: { suppressed: true }, policy: cell(0.05) },
      ],
    };
    let requested = '';
    const fetchStub = async (url: string) => {
      requested = url;
      return { ok: true, json: async () => body };
    };
    const document = { readyState: 'complete', getElementById: (id: string) => (id === 'daily-chart' ? target : id === 'daily-chart-status' ? status : null) };
    new Function('document', 'fetch', 'uPlot', source)(document, fetchStub, FakeUPlot);
    await new Promise((r) => setTimeout(r, 10));
    expect(requested).toBe('/v1/estimates/daily?site=demo');
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.data).toEqual([[100 * 86400, 101 * 86400], [4, null], [6, 5]]);
    expect(drawn[0]!.opts.series.map((s: any) => s.label)).toEqual(['Day (UTC)', 'Holdout', 'Policy group']);
    expect(status.textContent).toBe('');
  });
});

describe('html template', () => {
  it('escapes interpolated text but not nested templates', () => {
    expect(html`<p title="${'"x"'}">${'<script>alert(1)</script>'}${html`<b>ok</b>`}${[1, 2]}${null}</p>`.value).toBe(
      '<p title="&quot;x&quot;">&lt;script&gt;alert(1)&lt;/script&gt;<b>ok</b>12</p>',
    );
  });
});

describe('the collector with a merchant\'s tiers', () => {
  it('refuses a tier the offer model cannot score, naming it', () => {
    expect(() => app({ merchantPolicy: { tiers: [7, 25] }, scorableTiers: { min: 1, max: 20, model: 'models/discount-response' } }))
      .toThrow(/'tiers' passed to 'mountCollector': 25 % is outside 1–20 %, the discounts the offer model \(models\/discount-response\) can score/);
  });

  it('counts, calibrates and labels the merchant\'s tiers', async () => {
    // ε = 8 served and declared: the collector counts only the ε it serves.
    const a = app({ epsilon: 8, merchantPolicy: { tiers: [7, 12] }, scorableTiers: { min: 1, max: 20, model: 'm' }, modelPrior: { '0': 0.04, '7': 0.06, '12': 0.06 } });
    const fresh = (await (await a.request('/v1/config?site=demo')).json()) as { calibration: Record<string, number>; exploration: { weights: Record<string, number> } };
    expect(Object.keys(fresh.calibration).sort()).toEqual(['0', '12', '7']);
    expect(Object.keys(fresh.exploration.weights).sort()).toEqual(['0', '12', '7']);
    const reports = [
      ...simulateReports('holdout', HOLDOUT_TRUTH, 400, 1, { day: TODAY, epsilon: 8, policyVersion: 'default' }),
      ...simulateReports('tier7', TIER10_TRUTH, 400, 2, { day: TODAY, epsilon: 8, policyVersion: 'default' }),
    ];
    expect(reports.every((r) => validateReport(r).ok)).toBe(true);
    for (let i = 0; i < reports.length; i += 50) {
      const res = await a.request('/v1/reports', { method: 'POST', body: JSON.stringify({ site: 'demo', reports: reports.slice(i, i + 50) }) });
      expect(res.status).toBe(200);
    }
    const estimates = (await (await a.request('/v1/estimates?site=demo', asReader)).json()) as { groups: { group: string; suppressed: boolean; n?: number }[] };
    expect(estimates.groups.map((g) => g.group)).toEqual(['holdout', 'none', 'tier7', 'tier12', 'policy']);
    expect(estimates.groups.find((g) => g.group === 'tier7')).toMatchObject({ suppressed: false, n: 400 });
    const page = await (await a.request('/dashboard?site=demo', asReader)).text();
    expect(page).toContain('7 % off');
    expect(page).toContain('12 % off');
    expect(page).not.toContain('20 % off');
  });
});

describe('the Learning section (central channel)', () => {
  const post = async (a: Hono, ms: readonly MeasurementReport[]) => {
    for (let i = 0; i < ms.length; i += 50) {
      const res = await a.request('/v1/measurements', { method: 'POST', body: JSON.stringify({ site: 'demo', measurements: ms.slice(i, i + 50) }) });
      expect(res.status).toBe(200);
    }
  };

  it('is absent on the local channel', async () => {
    const page = await (await app().request('/dashboard?site=demo', asReader)).text();
    expect(page).not.toContain('id="learning"');
  });

  it('shows the channel, trust model, ε and δ, batches and every cell, with the stop-loss prominent when active', async () => {
    let now = NOW;
    const a = app({ ...centralDeps(), now: () => now });
    const before = await (await a.request('/dashboard?site=demo', asReader)).text();
    expectWellFormed(before);
    expect(headings(before)).toEqual(['h1 Tailor: offer incrementality', 'h2 Learning', 'h2 No reports yet', 'h2 Privacy settings in force']);
    expect(before).toContain('No batch has closed yet.');
    expect(before).toContain('Stop-loss not active:');
    expect(before).toContain('no measurement has arrived yet');
    // Holdout buys at 40 %, every tier at 5 %: the stop-loss must hold.
    await post(a, [0, 1, 2, 3].flatMap((cell) => [
      ...exposures(cell * 10_000, cell, 'holdout', 100, 40),
      ...LEARNING_TIERS.flatMap((tier, t) => exposures(cell * 10_000 + (t + 1) * 1000, cell, tier, 40, 2)),
    ]));
    // The page is as fresh as the config: recomputed at most every 15 minutes.
    now += 15 * 60_000;
    const open = await (await a.request('/dashboard?site=demo', asReader)).text();
    // The open batch shows its days, never a count.
    expect(open).toMatch(/batch 0 \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\) is collecting/);
    expect(open).not.toContain('>560<');
    now += 3 * DAY_MS;
    const page = await (await a.request('/dashboard?site=demo', asReader)).text();
    expectWellFormed(page);
    expect(page).toMatch(/<p role="alert" class="stop-loss active"><strong>Stop-loss active:<\/strong> the policy earns [\d.]+ % of order value per exposure against [\d.]+ % for the holdout/);
    expect(page).toContain('Ideal aggregator: this collector is trusted with the exact sums');
    expect(page).toContain('Prio3');
    expect(page).toMatch(/ε = [\d.]+, δ = 1e-4 per week; at most 1 report per week/);
    expect(page).toContain('k = 50');
    expect(page).toMatch(/<tr><th scope="row">0<\/th><td>\d{4}-\d{2}-\d{2}<\/td><td>released<\/td><td>[\d,]+<\/td><td>[\d.]+ % of order value<\/td>/);
    for (let c = 0; c < cellCount(SPEC); c++) expect(page).toContain(`<th scope="row">${escapeHtml(cellLabel(c, SPEC))}</th>`);
    // Under the stop-loss every cell serves no discount to 99.2 %.
    expect(page).toMatch(/<th scope="row">returning visitor, off season, &lt; 10 product pages<\/th><td>[\d,]+<\/td><td>1\.0 %<\/td><td>[\d.]+ %<\/td><td>99\.2 %<\/td>/);
  });
});
