/**
 * Issue 15's lazy weight in real Chromium: a product page with no trigger near fetches nothing a decision needs
 * (no model, no decision or model chunk, no tfjs, no .wasm); a cart event makes a decision plausible and the model
 * then loads in idle time on the plain-JS pass (a model this size needs no tfjs backend); on Save-Data nothing is
 * fetched ahead, and the model still loads when it is asked for.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { asHuman } from './lib/asHuman';
import { debug } from './lib/debug';
import { ready } from './lib/ready';
import { openFirstProduct } from './lib/openFirstProduct';

const { server, browser } = useShop({ env: { TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }) } });

/** What a decision needs, by URL: the model's files, its chunks, tfjs and its .wasm. */
const DECISION_WEIGHT = /\/models\/|startModel-|decisionModule-|tfjs|tfWasm|tfCpu|tfWebgl|\.wasm/;

/** Every URL the context requests, workers included. */
function requestsOf(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

async function productPage(context: BrowserContext) {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${server().shopUrl}/`);
  await ready(page);
  await openFirstProduct(page);
  return { page, watch };
}

const heavy = (urls: readonly string[]) => urls.filter((u) => DECISION_WEIGHT.test(u)).map((u) => new URL(u).pathname);

describe('lazy weight', () => {
  it('a product page with no trigger near loads no model; a cart event loads it in idle time, without tfjs', async () => {
    const context = await asHuman(await browser().newContext());
    const urls = requestsOf(context);
    const { page, watch } = await productPage(context);
    await page.waitForTimeout(6000);
    expect(heavy(urls)).toEqual([]);

    await page.locator('[data-testid="add-to-cart"]').click();
    await expect.poll(() => heavy(urls).some((p) => p.includes('/models/') && p.endsWith('.bin')), { timeout: 15_000 }).toBe(true);
    const loaded = heavy(urls);
    expect(loaded.some((p) => p.includes('startModel-'))).toBe(true);
    // The plain-JS pass: no tfjs chunk, no backend, no .wasm.
    expect(loaded.filter((p) => /tfjs|tfWasm|tfCpu|tfWebgl|\.wasm/.test(p))).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });

  it('on Save-Data nothing is fetched ahead of a decision, and the model still loads when asked for', async () => {
    const context = await asHuman(await browser().newContext());
    await context.addInitScript({ content: "Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) });" });
    const urls = requestsOf(context);
    const { page, watch } = await productPage(context);
    await page.locator('[data-testid="add-to-cart"]').click();
    await page.waitForTimeout(5000);
    expect(heavy(urls)).toEqual([]);

    const model = await debug<{ state: string }>(page, 'model');
    expect(model.state, JSON.stringify(model)).toBe('ready');
    expect(heavy(urls).some((p) => p.includes('/models/'))).toBe(true);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
  });
});
