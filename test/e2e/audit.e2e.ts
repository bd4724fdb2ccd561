/**
 * Issue 8 end to end: the audit panel on the demo shop. `#tailor-audit` opens an accessible modal dialog
 * (role, label, focus moved in, kept in, restored, Escape) listing what a short journey stored; "Download my
 * data" saves a JSON file holding the events; "Delete my data" (after a confirmation inside the dialog) deletes
 * the `tailor` database and the page-hide buffer, the shop keeps working, nothing is stored until
 * `tailor.consent(true)`, and storing then starts clean; axe-core finds no violation in the dialog (English and
 * Chinese); `tailor.audit()` carries events, decisions, the outbound log and the served data manifest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURE_SPEC } from '../../src/core/features/spec';
import type { BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { readStore } from './lib/idb';
import { ready } from './lib/ready';
import { openFirstProduct } from './lib/openFirstProduct';
import { settled } from './lib/settled';

const PENDING_KEY = 'tailor:pending:v1';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const { server, browser } = useShop();
const contexts: BrowserContext[] = [];
// Registered after useShop, so it runs before the browser closes.
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

async function newPage(): Promise<Page> {
  const context = await browser().newContext();
  contexts.push(context);
  return context.newPage();
}

/** Home → category → product → add to cart; ends on the product page with the add stored. */
async function journey(page: Page): Promise<void> {
  await page.goto(`${server().shopUrl}/`);
  await ready(page);
  await page.locator('[data-testid="nav-category"]').first().click();
  await page.waitForLoadState('load');
  await openFirstProduct(page);
  await page.locator('[data-testid="add-to-cart"]').click();
  await settled(page, (n) => n.includes('add_to_cart') && n.includes('product_view'));
}

/** Where focus is: on the panel's host, and which element inside its shadow root. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-tailor-audit]');
    const inner = host?.shadowRoot?.activeElement ?? null;
    return {
      open: host !== null,
      onHost: host !== null && document.activeElement === host,
      inDialog: inner !== null && host!.shadowRoot!.querySelector('dialog')!.contains(inner),
      id: inner?.id ?? '',
      text: inner?.textContent ?? '',
    };
  });
}

/**
 * axe-core violations inside the panel (open shadow root included). axe skips text scrolled out of view for
 * colour contrast, so the viewport is made tall enough for the whole dialog first.
 */
async function axeViolations(page: Page, width: number) {
  await page.setViewportSize({ width, height: 6000 });
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const host = document.querySelector('[data-tailor-audit]')!;
    const result = await (window as any).axe.run(host);
    return (result.violations as { id: string; nodes: { target: unknown }[] }[]).map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describe('audit panel', () => {
  it('opens from #tailor-audit as a labelled modal dialog with focus inside, lists the stored events, traps Tab and closes on Escape', async () => {
    const page = await newPage();
    const watch = watchPage(page);
    await journey(page);
    await page.locator('[data-testid="search-input"]').focus();
    await page.evaluate(() => (location.hash = 'tailor-audit'));

    const dialog = page.getByRole('dialog', { name: 'Your data and Tailor' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.getAttribute('role')).toBe('dialog');
    const focus = await focusState(page);
    expect(focus).toMatchObject({ onHost: true, inDialog: true, id: 'tailor-audit-title' });

    const events = dialog.getByRole('table', { name: /most recent events/ });
    await events.waitFor();
    const cells = await events.locator('tbody tr').allInnerTexts();
    const stored = await readStore(page);
    expect(cells).toHaveLength(Math.min(50, stored.length));
    for (const name of ['page_view', 'product_view', 'add_to_cart']) expect(cells.some((row) => row.includes(name)), name).toBe(true);
    expect(cells[0]).toContain(stored.at(-1)!.name); // newest first
    const counts = dialog.getByRole('table', { name: 'Records kept on this device' });
    expect(await counts.locator('tr', { hasText: 'Events' }).innerText()).toContain(String(stored.length));
    expect(await dialog.getByText('Allowed').count()).toBe(3);
    // What was computed from those events: every feature of the spec, this visit's product pages counted.
    const features = dialog.getByRole('table', { name: /features of this visit/ });
    const featureRows = await features.locator('tbody tr').allInnerTexts();
    expect(featureRows.map((row) => row.split('\t')[0])).toEqual(FEATURE_SPEC.features.map((f) => f.name));
    const productRelated = featureRows.find((row) => row.startsWith('ProductRelated\t'))!.split('\t');
    expect(Number(productRelated[1])).toBeGreaterThanOrEqual(1);

    // Tab and Shift+Tab never leave the dialog: go round more than once in each direction.
    const controls = await page.evaluate(() => document.querySelector('[data-tailor-audit]')!.shadowRoot!.querySelectorAll('button, summary').length);
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < controls + 2; i++) {
        await page.keyboard.press(key);
        expect((await focusState(page)).inDialog, `${key} #${i}`).toBe(true);
      }
    }
    await dialog.getByRole('button', { name: 'Close' }).last().focus();
    await page.keyboard.press('Tab');
    expect((await focusState(page)).text).toBe('×');

    await page.keyboard.press('Escape');
    expect((await focusState(page)).open).toBe(false);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('search-input');
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(watch.pageErrors).toEqual([]);
  });

  it('has no axe-core violations (desktop, and phone-sized in Chinese on /zh/#tailor-audit)', async () => {
    const page = await newPage();
    await journey(page);
    await page.evaluate(() => (window as any).tailor.openAudit());
    const dialog = page.getByRole('dialog', { name: 'Your data and Tailor' });
    await dialog.getByRole('table', { name: /most recent events/ }).waitFor();
    expect(await axeViolations(page, 1280)).toEqual([]);

    await page.goto(`${server().shopUrl}/zh/#tailor-audit`);
    const zh = page.getByRole('dialog', { name: '您的数据与 Tailor' });
    await zh.waitFor();
    await zh.getByRole('heading', { name: '保存了什么' }).waitFor();
    for (const label of ['下载我的数据', '删除我的数据']) await zh.getByRole('button', { name: label }).waitFor();
    expect(await page.locator('[data-tailor-audit]').getAttribute('lang')).toBe('zh-CN');
    // A phone-sized viewport: the dialog fills the screen and the tables wrap.
    expect(await axeViolations(page, 390)).toEqual([]);
  });

  it('"Download my data" saves a JSON file holding the stored events', async () => {
    const page = await newPage();
    await journey(page);
    await page.evaluate(() => (window as any).tailor.openAudit());
    const dialog = page.getByRole('dialog', { name: 'Your data and Tailor' });
    await dialog.getByRole('table', { name: /most recent events/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tailor-data-\d{4}-\d\d-\d\d\.json$/);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const stored = await readStore(page);
    expect(saved.events.map((e: { id: string }) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    expect(saved.events.some((e: { name: string }) => e.name === 'add_to_cart')).toBe(true);
    await dialog.getByRole('status').getByText('Your data was saved as a JSON file.').waitFor();
  });

  it('"Delete my data" confirms, deletes the database and the page buffer, keeps the shop working, and stores nothing until consent(true)', async () => {
    const page = await newPage();
    const watch = watchPage(page);
    await journey(page);
    const before = new Set((await readStore(page)).map((e) => e.id));
    await page.evaluate((key) => localStorage.setItem(key, JSON.stringify([{ id: 'left-by-another-page', name: 'page_view' }])), PENDING_KEY);
    await page.evaluate(() => (window as any).tailor.openAudit());
    const dialog = page.getByRole('dialog', { name: 'Your data and Tailor' });
    await dialog.getByRole('table', { name: /most recent events/ }).waitFor();

    await dialog.getByRole('button', { name: 'Delete my data' }).click();
    expect((await focusState(page)).id).toBe('tailor-audit-confirm');
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toContain('tailor');
    await dialog.getByRole('button', { name: 'Yes, delete everything' }).click();
    await dialog.getByRole('status').getByText('Your data was deleted from this browser.').waitFor();
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).not.toContain('tailor');
    expect(await page.evaluate((key) => localStorage.getItem(key), PENDING_KEY)).toBeNull();
    expect(await dialog.getByRole('table', { name: 'Records kept on this device' }).locator('tr', { hasText: 'Events' }).innerText()).toMatch(/\b0$/);
    expect(await dialog.getByText('No events are stored.').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    // The shop still works, and nothing is recorded.
    const count = page.locator('[data-testid="cart-count"]').first();
    const cartBefore = Number(await count.innerText());
    await page.locator('[data-testid="add-to-cart"]').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="cart-count"]')!.textContent) > n, cartBefore);
    await page.evaluate(() => (window as any).tailor.track('after_delete', {}));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).not.toContain('tailor');
    expect((await page.evaluate(() => (window as any).tailor.audit())).events).toEqual([]);

    // Consent again: storing starts from scratch, with only what happens from now on.
    const consentAt = await page.evaluate(() => Date.now());
    await page.evaluate(() => (window as any).tailor.consent(true));
    await page.locator('[data-testid="add-to-cart"]').click();
    const fresh = await settled(page, (n) => n.includes('add_to_cart'));
    expect(fresh.filter((e) => before.has(e.id) || e.ts < consentAt)).toEqual([]);
    expect(fresh.some((e) => e.props?.name === 'after_delete')).toBe(false);
    expect(watch.pageErrors).toEqual([]);
  });

  it('tailor.audit() resolves with events, decisions, the outbound log and the served manifest', async () => {
    const manifest = await (await fetch(`${server().tailorUrl}/sdk/tailor-manifest.json`)).json();
    expect(manifest).toMatchObject({ format: 'tailor-data-manifest' });
    expect(manifest).toEqual(JSON.parse(readFileSync('dist/sdk/tailor-manifest.json', 'utf8')));

    const page = await newPage();
    await journey(page);
    // Exit intent (the pointer leaving through the top edge) asks the worker for a decision.
    await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null, bubbles: true })));
    // The first sync round runs 5–30 s after the worker starts; poll until it shows in the outbound log.
    let audit: any = null;
    for (const start = Date.now(); Date.now() - start < 40_000; await page.waitForTimeout(1000)) {
      audit = await page.evaluate(() => (window as any).tailor.audit());
      if (audit?.decisions.length > 0 && audit.outbound.length > 0) break;
    }
    expect(audit.events.some((e: { name: string }) => e.name === 'exit_intent')).toBe(true);
    expect(audit.decisions.length).toBeGreaterThan(0);
    expect(typeof audit.decisions[0].reason).toBe('string');
    expect(audit.outbound.length).toBeGreaterThan(0);
    const declared = manifest.network.endpoints.map((e: { method: string; path: string }) => `${e.method} ${e.path}`);
    for (const o of audit.outbound) expect(declared).toContain(`${o.method} ${o.path.split('?')[0]}`);
    expect(audit.manifest).toEqual(manifest);
  }, 60_000);
});
