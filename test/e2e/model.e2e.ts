/**
 * The model runtime in real Chromium: the built startModel chunk runs in a module worker started
 * by a page of the demo shop (cross-origin to Tailor, as in production), fetches generated model
 * artifacts and tfjs's .wasm files from Tailor's origin, and must agree with the Node forward
 * pass of the same weights within 1e-5 on every backend that initialises — wasm, cpu, WebGL on
 * SwiftShader (forced: a software renderer is otherwise refused) and the plain-JS engine.
 * Also: the automatic choice, the fall-back to cpu under a CSP without 'wasm-unsafe-eval',
 * Cache Storage across starts, and the trained model the real build ships.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer } from './lib/server';
import { useShop } from './lib/useShop';
import { watchPage } from './lib/watchPage';
import { harnessPredict, harnessStart, prepareModelSdk, shippedModel, startHarness, type ModelSdk } from '../unit/model-runtime/lib/browserHarness';
import { referenceProbabilities, worstDelta } from '../unit/model-runtime/lib/reference';
import { randomRecords } from '../unit/model-runtime/lib/tinyModel';
import type { BackendName } from '../../src/worker/model/engine';
import type { RawFeatureRecord } from '../../src/core/features/definition';

let sdk: ModelSdk;
const records = randomRecords(2024, 60);

// Before useShop's hooks: the server serves the SDK built here.
beforeAll(async () => {
  sdk = await prepareModelSdk([{ kind: 'discount-response', seed: 31, hidden: [32, 16] }, { kind: 'purchase', seed: 32 }]);
});
const { server, browser } = useShop({
  env: () => ({ TAILOR_SDK_DIR: sdk.sdkDir }),
  // Software WebGL must be allowed explicitly in current Chromium; the runtime itself still refuses it by default.
  chromiumArgs: ['--enable-unsafe-swiftshader'],
});

async function shopPage(): Promise<{ page: Page; watch: ReturnType<typeof watchPage> }> {
  const page = await (await browser().newContext()).newPage();
  const watch = watchPage(page);
  await page.goto(`${server().shopUrl}/`);
  await startHarness(page, server().tailorUrl, sdk.chunk);
  return { page, watch };
}

function expected(kind: 'discount-response' | 'purchase', rows: readonly RawFeatureRecord[]): number[][] {
  const model = sdk.models.find((m) => m.bundle.kind === kind)!;
  return rows.map((raw) => referenceProbabilities(model.bundle, model.mlp, raw));
}

async function predictions(page: Page, key: string, rows: readonly RawFeatureRecord[]): Promise<number[][]> {
  return (await harnessPredict(page, key, rows)).map((r) => {
    if (!r.ok) throw new Error(`${key}: ${r.reason}`);
    return [...r.probabilities];
  });
}

describe('model runtime in Chromium', () => {
  it.each(['wasm', 'cpu', 'webgl', 'js'] as BackendName[])('%s: initialises in the worker and agrees with the Node forward pass within 1e-5', async (backend) => {
    const { page, watch } = await shopPage();
    // SwiftShader compiles shaders on a shared CPU: give initialisation room; the timeout is not under test here.
    const start = await harnessStart(page, backend, { backends: [backend], allowSoftwareGpu: true, timeoutMs: 20_000 });
    expect(start).toMatchObject({ backend, rejected: [] });
    const got = await predictions(page, backend, records);
    const worst = worstDelta(got, expected('discount-response', records));
    console.log(`model e2e: ${backend} worst |delta| = ${worst.toExponential(2)} over ${records.length} shoppers x 4 tiers; start ${start.startMs.toFixed(1)} ms`);
    expect(worst).toBeLessThan(1e-5);
    expect(got.every((row) => row.length === 4)).toBe(true);
    expect(watch.failedRequests).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('runs a model this size on the plain-JS pass by itself, fetching no tfjs chunk and no .wasm', async () => {
    const { page, watch } = await shopPage();
    const start = await harnessStart(page, 'small');
    expect([start.backend, start.rejected]).toEqual(['js', []]);
    const got = await predictions(page, 'small', records.slice(0, 10));
    expect(worstDelta(got, expected('discount-response', records.slice(0, 10)))).toBeLessThan(1e-5);
    const tf = watch.requests.filter((u) => /\/assets\/(tfjs|tfWasm|tfCpu|tfWebgl)-|\.wasm$/.test(u));
    expect(tf).toEqual([]);
    expect(watch.requests.some((u) => u.includes('/sdk/models/'))).toBe(true);
    await page.context().close();
  });

  it('picks wasm by itself for a model too large for plain JS, and says SwiftShader is no GPU', async () => {
    const { page } = await shopPage();
    const start = await harnessStart(page, 'auto', { jsMaxMacs: 0 });
    expect(start.backend).toBe('wasm');
    expect(start.rejected).toEqual([{ backend: 'webgl', reason: expect.stringMatching(/^software WebGL renderer \(.*SwiftShader/), ms: expect.any(Number) }]);
    const got = await predictions(page, 'auto', records.slice(0, 10));
    expect(worstDelta(got, expected('discount-response', records.slice(0, 10)))).toBeLessThan(1e-5);
    await page.context().close();
  });

  it('falls back to cpu under a page CSP without wasm-unsafe-eval, and says why', async () => {
    const page = await (await browser().newContext()).newPage();
    await page.goto(`${server().shopUrl}/`);
    // A <meta> policy, not a routed response: Chromium's local-network checks block a Playwright-fulfilled
    // document from reaching Tailor's loopback origin at all. Workers started afterwards inherit it.
    // No worker-src: module workers fetch their imports as workers, so it falls back to script-src.
    const csp = `default-src 'none'; script-src 'self' blob: ${server().tailorUrl}; connect-src ${server().tailorUrl}`;
    await page.evaluate((content) => {
      const meta = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content });
      document.head.append(meta);
    }, csp);
    await startHarness(page, server().tailorUrl, sdk.chunk);
    const start = await harnessStart(page, 'auto', { jsMaxMacs: 0 });
    expect(start.backend).toBe('cpu');
    expect(start.rejected.map((r) => r.backend)).toEqual(['webgl', 'wasm']);
    expect(start.rejected[1]!.reason).toMatch(/^the Content-Security-Policy blocks WebAssembly \(needs 'wasm-unsafe-eval'\)/);
    const got = await predictions(page, 'auto', records.slice(0, 10));
    expect(worstDelta(got, expected('discount-response', records.slice(0, 10)))).toBeLessThan(1e-5);
    await page.context().close();
  });

  it('keeps the model in Cache Storage: a second start downloads no bundle, model.json or weights', async () => {
    const { page, watch } = await shopPage();
    const first = await harnessStart(page, 'first', { backends: ['js'] });
    expect(first.storage).toMatchObject({ kind: 'cache-storage', hit: false });
    const before = watch.requests.length;
    const second = await harnessStart(page, 'second', { backends: ['js'] });
    expect(second.storage).toMatchObject({ kind: 'cache-storage', cacheName: first.storage.cacheName, hit: true });
    // index.json is always revalidated (the shop's own Tailor worker may fetch it too); nothing else may be.
    expect(watch.requests.slice(before).filter((u) => u.includes('/sdk/models/') && !u.endsWith('/models/index.json'))).toEqual([]);
    expect(await page.evaluate(() => caches.keys())).toContain(first.storage.cacheName);
    await page.context().close();
  });

  it('serves the purchase model as a single calibrated probability, on cpu too', async () => {
    const { page } = await shopPage();
    await harnessStart(page, 'purchase', { backends: ['cpu'], prefer: ['purchase'] });
    const got = await predictions(page, 'purchase', records);
    expect(got.every((row) => row.length === 1)).toBe(true);
    expect(worstDelta(got, expected('purchase', records))).toBeLessThan(1e-5);
    await page.context().close();
  });

  it('runs the trained model of the real build (dist/sdk) on wasm, equal to the Node forward pass within 1e-5', async () => {
    const trained = shippedModel('dist/sdk');
    if (!trained) throw new Error('dist/sdk ships no model for this feature spec: train one (tailor train) and rebuild');
    const real = await startServer();
    try {
      const page = await (await browser().newContext()).newPage();
      await page.goto(`${real.shopUrl}/`);
      await startHarness(page, real.tailorUrl, sdk.chunk);
      const start = await harnessStart(page, 'trained', { backends: ['wasm'] });
      expect(start.backend).toBe('wasm');
      const got = (await harnessPredict(page, 'trained', records)).map((r) => {
        if (!r.ok) throw new Error(r.reason);
        expect(r.kind).toBe(trained.bundle.kind);
        return [...r.probabilities];
      });
      const worst = worstDelta(got, records.map((raw) => referenceProbabilities(trained.bundle, trained.mlp, raw)));
      console.log(`model e2e: trained ${trained.bundle.kind} model ${trained.version} on wasm, worst |delta| = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-5);
      await page.context().close();
    } finally {
      await real.stop();
    }
  });
});
