/**
 * Page weight (issue 15), in headless Chromium on the demo shop's product page, a fresh device per load:
 * - bytes on the wire from Tailor's origin in the first 10 s with no trigger (compressed bodies + headers, page and
 *   worker together), and up to the first decision (an exit intent at 10 s, until the banner is on screen);
 * - main-thread JavaScript from Tailor before an offer: tailor.js and the runtime chunk with its static imports (the
 *   build manifest's graph; each checked against what the page fetched; Chromium lists a blob worker's imports in the
 *   page's Resource Timing too, so the fetched list alone would count the worker's script), on the wire (brotli) and
 *   as gzip -9 of the same files, and the worker's script (off the main thread) beside it, side by side with the script-tag bundles of Snowplow, Segment, Amplitude and PostHog
 *   (gzip -9, measured side by side on 2026-12-02, ../shared/REFERENCE.md);
 * - main-thread script time and long tasks that Tailor adds: the same page with the tag and with tailor.js answered
 *   empty, CDP `Performance.getMetrics` ScriptDuration and a buffered `longtask` observer over the first 10 s;
 * - the same two for a page whose dataLayer already holds 10,000 entries when the tag loads.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/lib/chromium';
import { startServer } from '../test/e2e/lib/server';
import { asHuman } from '../test/e2e/lib/asHuman';
import { figure, type Benchmark, type Figure } from './lib/figure';

const WINDOW_MS = 10_000;
/** gzip -9 of each peer's script-tag bundle, KB (../shared/REFERENCE.md, measured 2026-12-02). */
const PEERS_GZ_KB = { 'Snowplow browser-tracker 4.10': 17.4, 'Segment analytics-next 1.84': 31.3, 'Amplitude analytics-browser 2.48': 68.7, 'PostHog array.js 1.449': 122 };

const LONG_TASKS = `window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;
const BIG_DATALAYER = `window.dataLayer = window.dataLayer || [];
  for (let i = 0; i < 10000; i++) window.dataLayer.push(i % 100 === 0
    ? { event: 'view_item_list', ecommerce: { items: [{ item_id: 'p' + i, item_name: 'P' + i, price: 10, index: 0 }] } }
    : { event: 'gtm.timer', 'gtm.timerId': i, 'gtm.triggers': '1_' + i });`;

interface Load {
  wireBytes: number;
  requests: number;
  /** Tailor's scripts in the page's Resource Timing, first fetch of each: URL path → encoded (wire) body bytes. */
  pageJs: Map<string, number>;
  scriptMs: number;
  longTasks: number[];
}

/** One product-page load on a fresh device; `tag: false` answers tailor.js with an empty script. */
async function load(browser: Browser, productUrl: string, tailorOrigin: string, opts: { tag: boolean; dataLayer?: boolean; decide?: boolean }): Promise<Load & { toDecision?: number }> {
  const context: BrowserContext = await asHuman(await browser.newContext());
  try {
    await context.addInitScript({ content: LONG_TASKS + (opts.dataLayer ? BIG_DATALAYER : '') });
    if (!opts.tag) await context.route(/\/sdk\/tailor\.js/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    const sizes: Promise<number>[] = [];
    context.on('requestfinished', (r) => {
      if (new URL(r.url()).origin !== tailorOrigin) return;
      sizes.push(r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0));
    });
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(productUrl);
    await page.waitForTimeout(WINDOW_MS);
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const scriptMs = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
    const pageJs = await page.evaluate((origin) => performance.getEntriesByType('resource')
      .filter((e) => e.name.startsWith(origin) && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({ path: new URL(e.name).pathname, wire: (e as PerformanceResourceTiming).encodedBodySize })), tailorOrigin);
    const longTasks = await page.evaluate(() => (window as any).__longTasks as number[]);
    const wireBytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    const js = new Map<string, number>();
    for (const f of pageJs) if (!js.has(f.path)) js.set(f.path, f.wire);
    const out: Load & { toDecision?: number } = { wireBytes, requests: sizes.length, pageJs: js, scriptMs, longTasks };
    if (opts.decide) {
      await page.evaluate(() => (window as any).tailor.debug.trigger('exit_intent'));
      await page.locator('[data-tailor-banner] >> [data-part="code"]').waitFor({ timeout: 30_000 });
      out.toDecision = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    }
    return out;
  } finally {
    await context.close();
  }
}

/** The build's files a module entry (by source path) loads before it runs: itself and its static imports. */
function staticClosure(entry: string): string[] {
  const manifest = JSON.parse(readFileSync('dist/sdk/manifest.json', 'utf8')) as Record<string, { file: string; imports?: string[] }>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  visit(entry);
  return [...seen].map((key) => `/sdk/${manifest[key]!.file}`);
}

/** gzip -9 of a built SDK file, by its URL path under /sdk/. */
function gz9(path: string): number {
  return gzipSync(readFileSync(`dist/sdk/${path.replace(/^\/sdk\//, '')}`), { level: 9 }).length;
}

export const benchmark: Benchmark = {
  title: 'Page weight',
  async run(ctx) {
    const runs = ctx.quick ? 2 : 5;
    // Its own server: debug hooks for the decision, and a policy that always offers, so the decision ends in a banner.
    const server = await startServer({
      TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }),
      TAILOR_POLICY: JSON.stringify({ holdoutRate: 0, explorationRate: 1, explorationWeights: { '10': 1 }, maxOffersPerDay: 1000, maxOffersPerWeek: 1000, cooldownMs: 0 }),
      TAILOR_BOOK_RATE_LIMIT: '100000',
    });
    const browser = await launchChromium();
    const out: Figure[] = [];
    try {
      const tailorOrigin = new URL(server.tailorUrl).origin;
      const probe = await browser.newPage();
      await probe.goto(`${server.shopUrl}/`);
      const productUrl = new URL((await probe.locator('[data-testid="product-link"]').first().getAttribute('href'))!, server.shopUrl).href;
      await probe.close();

      const withTag: Load[] = [];
      const without: Load[] = [];
      const bigWith: Load[] = [];
      const bigWithout: Load[] = [];
      const toDecision: number[] = [];
      for (let i = 0; i < runs; i++) {
        // Interleaved, so drift in the machine's load hits both sides alike.
        const decided = await load(browser, productUrl, tailorOrigin, { tag: true, decide: true });
        withTag.push(decided);
        toDecision.push(decided.toDecision!);
        without.push(await load(browser, productUrl, tailorOrigin, { tag: false }));
        bigWith.push(await load(browser, productUrl, tailorOrigin, { tag: true, dataLayer: true }));
        bigWithout.push(await load(browser, productUrl, tailorOrigin, { tag: false, dataLayer: true }));
      }
      const kb = (n: number) => n / 1024;
      const files = ['/sdk/tailor.js', ...staticClosure('src/sdk/runtime.ts')];
      const workerFiles = staticClosure('src/worker/index.ts').filter((f) => !files.includes(f));
      for (const f of [...files, ...workerFiles]) if (!withTag[0]!.pageJs.has(f)) throw new Error(`weight bench: the page never fetched ${f}; is dist/sdk the build the server serves?`);
      const mainGz = kb(files.reduce((a, f) => a + gz9(f), 0));
      const wireOf = (l: Load, list: string[]) => kb(list.reduce((a, f) => a + (l.pageJs.get(f) ?? 0), 0));
      out.push(figure('bytes on the wire from Tailor, first 10 s of a product page, no trigger', 'KB', withTag.map((l) => kb(l.wireBytes)), `compressed bodies + headers, page and worker; ${withTag[0]!.requests} requests; target ≤ 50 KB`));
      out.push(figure('bytes on the wire from Tailor up to the first decision (exit intent at 10 s, banner shown)', 'KB', toDecision.map(kb), 'everything a first offer needs: model, features, decision and banner chunks, coupon book'));
      out.push(figure('main-thread JS from Tailor before an offer (gzip -9)', 'KB', [mainGz], `${files.map((f) => f.replace(/^\/sdk\//, '')).join(' + ')}; target ≤ 10 KB`));
      out.push(figure('main-thread JS from Tailor before an offer (on the wire, brotli)', 'KB', withTag.map((l) => wireOf(l, files)), 'encodedBodySize of the same files in the page\'s Resource Timing'));
      out.push(figure('worker script from Tailor before an offer, off the main thread (gzip -9)', 'KB', [kb(workerFiles.reduce((a, f) => a + gz9(f), 0))], `${workerFiles.map((f) => f.replace(/^\/sdk\//, '')).join(' + ')} (chunks shared with the page counted once, above)`));
      for (const [peer, size] of Object.entries(PEERS_GZ_KB)) {
        out.push(figure(`peer script-tag bundle: ${peer} (gzip -9)`, 'KB', [size], `ratio to Tailor's main-thread JS: ${(size / mainGz).toFixed(2)}×; ../shared/REFERENCE.md, measured 2026-12-02`));
      }
      const added = (a: Load[], b: Load[], f: (l: Load) => number) => a.map((l, i) => f(l) - f(b[i]!));
      const longCount = (l: Load) => l.longTasks.length;
      out.push(figure('main-thread script time added by Tailor, first 10 s', 'ms', added(withTag, without, (l) => l.scriptMs), 'CDP ScriptDuration with the tag minus the same page with tailor.js empty, paired loads'));
      out.push(figure('long tasks added by Tailor, first 10 s', 'tasks', added(withTag, without, longCount), 'longtask entries with minus without the tag; target 0'));
      out.push(figure('main-thread script time added by Tailor, 10,000-entry dataLayer', 'ms', added(bigWith, bigWithout, (l) => l.scriptMs), 'the page pushed 10,000 entries (100 ecommerce) before the tag; read in idle slices'));
      out.push(figure('long tasks added by Tailor, 10,000-entry dataLayer', 'tasks', added(bigWith, bigWithout, longCount), 'longtask entries with minus without the tag; target 0'));
    } finally {
      await browser.close();
      await server.stop();
    }
    return out;
  },
};
