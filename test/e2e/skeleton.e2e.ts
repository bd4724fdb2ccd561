/**
 * The skeleton end to end: the merchant's tag → loader → worker → ready, on a
 * shop on another origin, on a same-origin page under a strict CSP, and with
 * calls queued before the script loaded.
 */
import { describe, expect, it } from 'vitest';
import { useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { readStore } from './lib/idb';
import { ready } from './lib/ready';

const { server, browser } = useShop();

type Ready = { ok: boolean; reason?: string; health?: { ok: boolean; version: string; eventsReceived: number } };

describe('skeleton', () => {
  it('boots from a shop on another origin: tag loads, worker answers, nothing fails', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server().shopUrl}/`);
    expect(new URL(server().shopUrl).origin).not.toBe(new URL(server().tailorUrl).origin);
    const state = await ready(page);
    expect(state).toMatchObject({ ok: true, health: { ok: true, initialised: true } });
    const tags = await page.locator('script[src$="/sdk/tailor.js"]').count();
    expect(tags).toBe(1);
    expect(watch.requests.some((u) => u.startsWith(`${server().tailorUrl}/sdk/assets/worker-`))).toBe(true);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.failedRequests).toEqual([]);
    await context.close();
  });

  it('boots same-origin under a strict CSP (script-src self; worker-src self) with no violation', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    const response = await page.goto(`${server().strictShopUrl}/`);
    expect(response?.headers()['content-security-policy']).toContain("worker-src 'self'");
    await page.evaluate(() => {
      (window as unknown as { __violations: string[] }).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const state = await ready<Ready>(page);
    expect(state.ok).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.failedRequests).toEqual([]);
    await context.close();
  });

  it('replays calls queued before the script loaded, in order', async () => {
    const context = await browser().newContext();
    // Hold tailor.js back so the page's own calls certainly come first.
    await context.route('**/sdk/tailor.js', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await context.addInitScript(() => {
      const w = window as unknown as { tailor: unknown[] & { q?: unknown[] } };
      w.tailor = [];
      w.tailor.push(['track', 'newsletter_signup', { source: 'footer' }]);
      w.tailor.push(['track', 'video_play', { seconds: 3 }]);
      // Proof that the calls were made while tailor.js had not run yet.
      (window as unknown as { __queuedBeforeLoad: boolean }).__queuedBeforeLoad = Array.isArray(w.tailor) && !document.querySelector('script[src$="tailor.js"]');
    });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server().shopUrl}/`);
    expect(await page.evaluate(() => (window as unknown as { __queuedBeforeLoad: boolean }).__queuedBeforeLoad)).toBe(true);
    await page.waitForFunction(() => typeof (window as unknown as { tailor: { ready?: unknown } }).tailor.ready === 'function');
    const state = await ready<Ready>(page);
    expect(state.ok).toBe(true);
    // Both queued calls reached the worker; page_view/product events captured automatically count too.
    const stored = await ready<{ health: { eventsReceived: number } }>(page);
    expect(stored.health.eventsReceived).toBeGreaterThanOrEqual(2);
    const customs = await readStore(page).then((events) => events.filter((e) => e.name === 'custom').map((e) => e.props.name));
    expect(customs).toEqual(['newsletter_signup', 'video_play']);
    // After load the same push API keeps working.
    const pushed = await page.evaluate(() => (window as unknown as { tailor: { push(...a: unknown[]): number } }).tailor.push(['track', 'late', {}]));
    expect(pushed).toBe(1);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('serves health, immutable hashed chunks and CORS for the SDK', async () => {
    const health = await fetch(`${server().tailorUrl}/healthz`).then((r) => r.json());
    expect(health).toMatchObject({ ok: true, db: { ok: true } });
    const tag = await fetch(`${server().tailorUrl}/sdk/tailor.js`);
    expect(tag.headers.get('content-type')).toContain('text/javascript');
    expect(tag.headers.get('access-control-allow-origin')).toBe('*');
    expect(tag.headers.get('cache-control')).not.toContain('immutable');
    const source = await tag.text();
    const workerPath = /assets\/worker-[\w-]+\.js/.exec(source)?.[0];
    expect(workerPath).toBeTruthy();
    const worker = await fetch(`${server().tailorUrl}/sdk/${workerPath}`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toContain('immutable');
    expect(worker.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const escape = await fetch(`${server().tailorUrl}/sdk/..%2f..%2fpackage.json`);
    expect(escape.status).toBe(404);
  });
});
