/**
 * Issue 7 end to end: `/dashboard` on the real server in Chromium. Without
 * data it shows a clear empty state; seeded through `POST /v1/reports` with
 * reports made the way devices make them (noised, fresh keys; well over k
 * per arm, over 14 days, plus a small second policy version) it shows the
 * summary, the per-arm chart and tables with the counts that were sent, the
 * daily chart drawn by uPlot, and says "fewer than k reports" wherever a
 * cell is under k. No console error either way. Saves a screenshot to
 * test-results/dashboard.png, and to docs/dashboard.png (the README's image) with TAILOR_UPDATE_DOCS=1.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { copyFileSync, mkdirSync } from 'node:fs';
import { ARMS, type Arm, type Report } from '../../src/core/privacy';
import { clearOfUtcMidnight } from './lib/clearOfUtcMidnight';
import { deriveSeed, mulberry32 } from '../../src/core/lib/random';
import { useShop } from './lib/useShop';
import { watchPage, type PageWatch } from './lib/watchPage';
import { generateReports, uploadBodies } from '../../scripts/simulate/lib/generatedReports';
import { openDatabase } from '../../src/server/db';
import { SqlitePolicyStore } from '../../src/server/collector';
import type { PolicySnapshot } from '../../src/core/privacy';

const K = 50;
const DAYS = 14;
/** Reports per day and true conversion, per arm, under policy version 1. */
const DAILY: Record<(typeof ARMS)[number], { n: number; conversion: number }> = {
  holdout: { n: 90, conversion: 0.08 },
  none: { n: 60, conversion: 0.09 },
  tier5: { n: 40, conversion: 0.12 },
  tier10: { n: 45, conversion: 0.16 },
  tier15: { n: 40, conversion: 0.19 },
  tier20: { n: 35, conversion: 0.21 },
};
/** A second policy version, today only, under k in both groups. */
const VERSION_2: Record<string, number> = { holdout: 12, tier10: 30 };
/** Another site where one arm (and so the pooled group) stays under k. */
const SMALL_SITE: Record<string, number> = { holdout: 60, none: 60, tier5: 20 };

const { server, browser } = useShop({ env: { TAILOR_REPORT_RATE_LIMIT: '100000' } });

async function upload(site: string, reports: Report[]): Promise<void> {
  const bodies = uploadBodies(reports, site);
  for (let i = 0; i < bodies.length; i += 8) {
    await Promise.all(
      bodies.slice(i, i + 8).map(async (body) => {
        const response = await fetch(`${server().tailorUrl}/v1/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ accepted: body.reports.length, duplicates: 0 });
      }),
    );
  }
}

/**
 * Records policy versions 1 and 2 of `site` in the server's database, as its recomputes would have over weeks of
 * traffic: the collector counts reports only under versions it issued. Their content is the served default.
 */
async function issueVersions(site: string): Promise<void> {
  const { site: _site, ...served } = (await (await fetch(`${server().tailorUrl}/v1/config?site=${site}`)).json()) as PolicySnapshot & { site: string };
  const db = openDatabase(server().dbPath);
  try {
    for (const version of ['1', '2']) new SqlitePolicyStore(db).save(site, { ...served, version }, Date.now());
  } finally {
    db.close();
  }
}

async function openDashboard(query: string): Promise<{ page: Page; watch: PageWatch; close: () => Promise<void> }> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watch = watchPage(page);
  // Signed out, the dashboard sends the browser to its sign-in form; the demo merchant's read key gets it back.
  await page.goto(`${server().tailorUrl}/dashboard${query}`);
  expect(new URL(page.url()).pathname).toBe('/dashboard/login');
  await page.getByLabel('Merchant key').fill(server().demoKeys!.read);
  const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
  expect(response?.status()).toBe(200);
  expect(page.url()).toBe(`${server().tailorUrl}/dashboard${query}`);
  return { page, watch, close: () => context.close() };
}

const digits = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));
/** The value cell of the summary row labelled exactly `label`. */
const summaryCell = (page: Page, label: string) => page.locator('table.summary tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) }).locator('td');

describe('dashboard', () => {
  it('shows a clear empty state, and no error, before any report arrived', async () => {
    const { page, watch, close } = await openDashboard('?site=demo');
    await expect.poll(() => page.getByRole('heading', { name: 'No reports yet' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('No report for this site and range has reached the collector');
    expect(await page.getByRole('heading', { name: 'Privacy settings in force' }).count()).toBe(1);
    expect(await page.locator('svg.ci-chart, #daily-chart').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.failedRequests).toEqual([]);
    await close();
  });

  it('shows per-arm charts and tables from the reports sent, and marks cells under k', async () => {
    const today = await clearOfUtcMidnight(); // the server reads its own clock: no midnight between seeding and reading
    const rng = mulberry32(deriveSeed(20_251_128, 'dashboard'));
    const sent: Record<string, number> = {};
    const reports: Report[] = [];
    for (let d = DAYS - 1; d >= 0; d--) {
      for (const arm of ARMS) reports.push(...generateReports({ arm, count: DAILY[arm]!.n, conversion: DAILY[arm]!.conversion, day: today - d, policyVersion: '1' }, rng));
    }
    for (const [arm, count] of Object.entries(VERSION_2)) reports.push(...generateReports({ arm: arm as Arm, count, conversion: 0.1, day: today, policyVersion: '2' }, rng));
    for (const r of reports) sent[r.arm] = (sent[r.arm] ?? 0) + 1;
    await issueVersions('demo');
    await upload('demo', reports);
    const small: Report[] = Object.entries(SMALL_SITE).flatMap(([arm, count]) => generateReports({ arm: arm as Arm, count, conversion: 0.1, day: today }, rng));
    await upload('default', small);

    const { page, watch, close } = await openDashboard('?site=demo');
    for (const name of ['Summary', 'Conversion and redemption by arm', 'Satisfaction by arm', 'Over time', 'By policy version', 'Privacy settings in force']) {
      expect(await page.getByRole('heading', { name, exact: true }).count(), name).toBe(1);
    }
    // The summary counts every report sent (no arm is under k here).
    expect(digits(await summaryCell(page, 'Reports').textContent())).toBe(reports.length);
    // The per-arm chart has one row per group; the table's counts are the ones sent.
    const chart = page.getByRole('img', { name: 'Conversion rate by arm with 95 % confidence intervals' });
    expect(await chart.locator('circle.dot').count()).toBe(ARMS.length + 1);
    const armRows = page.getByRole('region', { name: 'Per-arm estimates' }).locator('tbody tr');
    expect(await armRows.count()).toBe(ARMS.length + 1);
    for (const [i, arm] of ARMS.entries()) expect(digits(await armRows.nth(i).locator('td').first().textContent()), arm).toBe(sent[arm]);
    expect(digits(await armRows.nth(ARMS.length).locator('td').first().textContent())).toBe(reports.length - sent.holdout!);
    // uPlot draws the daily chart from /v1/estimates/daily; the table beside it has every day.
    await page.locator('#daily-chart canvas').first().waitFor({ timeout: 10_000 });
    // (The daily table sits in a closed <details>, out of the accessibility tree: read it by its label.)
    // It covers the default 28 days; the days before the data have no report, so nothing to show.
    const holdoutPerDay = await page.locator('[aria-label="Daily conversion"] tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
    expect(holdoutPerDay).toEqual([
      ...Array(28 - DAYS).fill(`fewer than ${K} reports`),
      ...Array(DAYS - 1).fill(String(DAILY.holdout.n)),
      String(DAILY.holdout.n + VERSION_2.holdout!),
    ]);
    // Version 2 is under k in both groups: its cells say so and show no number.
    const v2 = page.getByRole('region', { name: 'Conversion by policy version' }).locator('tbody tr', { has: page.locator('th', { hasText: /^2$/ }) });
    expect(await v2.locator('td.suppressed').allTextContents()).toEqual([`fewer than ${K} reports`, `fewer than ${K} reports`]);
    await page.waitForLoadState('networkidle');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.failedRequests).toEqual([]);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
    // The README's image is refreshed on request only, so a test run leaves the working tree as it found it.
    if (process.env.TAILOR_UPDATE_DOCS === '1') copyFileSync('test-results/dashboard.png', 'docs/dashboard.png');
    await close();

    // A site with one arm under k: that arm, the pooled group and the totals that would reveal it are withheld.
    const smallPage = await openDashboard('?site=default');
    const smallRows = smallPage.page.getByRole('region', { name: 'Per-arm estimates' }).locator('tbody tr');
    const row = (label: RegExp) => smallRows.filter({ has: smallPage.page.locator('th', { hasText: label }) });
    expect(await row(/^5 % off$/).locator('td').allTextContents()).toEqual([`fewer than ${K} reports`]);
    expect(await row(/^All but holdout/).locator('td').allTextContents()).toEqual([`fewer than ${K} reports`]);
    expect(digits(await row(/^Holdout/).locator('td').first().textContent())).toBe(SMALL_SITE.holdout);
    expect(await summaryCell(smallPage.page, 'Reports').textContent()).toContain(`fewer than ${K} reports`);
    expect(smallPage.watch.consoleErrors).toEqual([]);
    await smallPage.close();
  });
});
