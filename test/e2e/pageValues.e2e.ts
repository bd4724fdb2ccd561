/**
 * Issue 14, site-wide page values: `npm start` serves the demo shop's page-value table in `/v1/config`; a first
 * visit in real Chromium scores PageValues unknown until the sync module has pulled the config, and then prices
 * its product pages with the table exactly as the table says — the worker reads the table from the cached config,
 * with no request of its own — and Node's `computeFeatures` with the inputs the worker names gives the same record.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useShop } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { debug } from './lib/debug';
import { ready } from './lib/ready';
import { syncNow } from '../../scripts/simulate/lib/tailorPage';
import { captureTailorRequests } from '../../scripts/simulate/lib/capturedRequests';
import type { AuditData, FeatureView, WireEvent } from '../../src/worker/protocol';
import { featureDelta } from '../unit/sessionFeatures/lib/featureDelta';
import { nodeFeatureRecord } from '../unit/sessionFeatures/lib/nodeFeatureRecord';

const { server, browser } = useShop({ env: { TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '', 'data-triggers': 'idle-cart:3600' }) } });
const DEMO_TABLE = JSON.parse(readFileSync('demo/page-values/page-values.json', 'utf8')) as { values: Record<string, number> };

const features = (page: Page) => debug<FeatureView>(page, 'features', false);

describe('page values on a first visit', () => {
  it('are unknown before the config arrives, then priced with the served table, as Node prices them', async () => {
    const context = await asHuman(await browser().newContext());
    const sent = captureTailorRequests(context, server().tailorUrl);
    const page = await context.newPage();
    const [first, second] = Object.keys(DEMO_TABLE.values).filter((p) => p.startsWith('/product/'));
    await page.goto(`${server().shopUrl}${first}`);
    await ready(page);
    const before = await features(page);
    // The sync module's first round waits ≥ 5 s after start: no table yet, so a first visit cannot price its pages.
    expect(before.inputs.pageValues).toBeNull();
    expect(before.raw).toMatchObject({ PageValues: 0, PageValues_missing: 1 });

    await syncNow(page);
    const served = (await (await fetch(`${server().tailorUrl}/v1/config?site=demo`)).json()) as { pageValues: unknown };
    expect(served.pageValues).toEqual(DEMO_TABLE);
    await page.goto(`${server().shopUrl}${second}`);
    await ready(page);
    const after = await features(page);
    expect(after.inputs.pageValues).toEqual(DEMO_TABLE);
    // Two distinct product pages this visit: the mean of their table values.
    expect(after.raw.PageValues_missing).toBe(0);
    expect(after.raw.PageValues).toBeCloseTo((DEMO_TABLE.values[first!]! + DEMO_TABLE.values[second!]!) / 2, 9);

    const audit = (await page.evaluate(() => (window as any).tailor.audit())) as AuditData;
    expect(featureDelta(after.raw, nodeFeatureRecord(audit.events as unknown as WireEvent[], after.inputs).raw)).toEqual({ worst: expect.closeTo(0, 9), mismatched: [] });
    // Reading the table sent nothing: the only requests to the collector are the sync module's rounds (the config
    // pull and the coupon book), and none of them names a page the shopper viewed.
    expect(new Set(sent.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(['GET /v1/config', 'POST /v1/coupons/book']));
    for (const r of sent) for (const path of [first!, second!]) expect(`${r.url} ${r.body ?? ''}`).not.toContain(path);
    await context.close();
  });
});
