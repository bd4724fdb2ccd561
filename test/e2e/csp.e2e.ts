/**
 * Issue 15, "CSP that works as documented": the Content Security Policies PRIVACY.md and the README give a
 * merchant, read from those files verbatim (only the example origin replaced by the test server's), on a
 * foreign shop page in real Chromium: the worker starts, the page's events are stored, the config is fetched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useShop } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { readStore } from './lib/idb';
import { readMeta } from '../../scripts/simulate/lib/tailorPage';

const EXAMPLE = 'https://tailor.example';
/** The hosted-tag policy of PRIVACY.md's CSP recipe (its first code block) and the README's one-line version. */
function documentedPolicies(): Record<string, string> {
  const privacy = readFileSync('PRIVACY.md', 'utf8');
  const recipe = privacy.slice(privacy.indexOf('## CSP recipe for merchants'));
  const block = /```\n([\s\S]*?)```/.exec(recipe)?.[1];
  const readme = readFileSync('README.md', 'utf8');
  const line = /Hosted by Tailor \(another origin\): `([^`]+)`/.exec(readme.replace(/\n\s*/g, ' '))?.[1];
  if (!block || !line) throw new Error('the hosted-tag CSP is missing from PRIVACY.md or README.md');
  return { 'PRIVACY.md': block.replace(/\s+/g, ' ').trim(), 'README.md': line };
}

const { server, browser } = useShop({ env: {} });
let shop: Server;
let shopUrl = '';
let policy = '';
beforeAll(async () => {
  shop = createServer((req, res) => {
    const tag = `<script async src="${server().tailorUrl}/sdk/tailor.js" data-site="demo" data-endpoint="${server().tailorUrl}" data-debug></script>`;
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': policy, 'Cache-Control': 'no-store' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${tag}</head><body><h1>A shop with a CSP</h1><a href="/next">next</a></body></html>`);
  });
  await new Promise<void>((done) => shop.listen(0, '127.0.0.1', done));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((done) => shop.close(() => done())));

describe.each(Object.entries(documentedPolicies()))('the hosted-tag CSP of %s, verbatim', (_file, documented) => {
  it('starts the worker, stores the events and fetches the config, with no CSP violation', async () => {
    policy = documented.replaceAll(EXAMPLE, new URL(server().tailorUrl).origin);
    const context = await asHuman(await browser().newContext());
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${shopUrl}/`);
    const state = (await page.evaluate(() => (window as any).tailor.ready())) as { ok: boolean; reason?: string };
    expect(state, JSON.stringify(state)).toMatchObject({ ok: true });
    await page.locator('a').click();
    await page.waitForLoadState('load');
    await page.evaluate(() => (window as any).tailor.ready());
    await expect.poll(async () => (await readStore<{ name: string }>(page)).filter((e) => e.name === 'page_view').length, { timeout: 8000 }).toBe(2);
    await page.evaluate(() => (window as any).tailor.debug.syncNow());
    expect(await readMeta(page, 'policy-config')).toBeDefined();
    // The WebAssembly backend is refused without 'wasm-unsafe-eval' by design; nothing else may be.
    expect(violations.filter((v) => !/wasm|WebAssembly/i.test(v)), violations.join('\n')).toEqual([]);
    await context.close();
  });
});
