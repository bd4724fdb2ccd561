/**
 * Issue 7 end to end, device to collector: real journeys on the demo shop
 * (tag with `data-debug`, a human's browser) make decisions; the worker's
 * clock is moved past the outcome window and the send delay, and the reports
 * arrive at the real server process. What leaves the device is captured on
 * the network (Playwright sees the worker's requests too) and checked: only
 * the report schema's fields, nothing about the journey or the shopper, a key
 * never reused, and exactly what the audit's outbound log says was sent. With
 * the collector down, reports wait in the IndexedDB outbox, then each counts
 * exactly once, retries and replays included. Oversize, malformed and
 * flooding uploads against the real Node server are refused and store nothing.
 *
 * Holds with and without an offer model: arms are checked against the
 * device's own decisions, never against a particular tier.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ARMS, utcDay, validateBatch, validateReport } from '../../src/core/privacy';
import { mulberry32 } from '../../src/core/lib/random';
import { OUTCOME_WINDOW_MS, armOf, type ReportableDecision } from '../../src/worker/sync/outcomes';
import type { RunningServer } from './lib/server';
import { useBrowser, useServer } from './lib/useShop';
import { asHuman } from './lib/asHuman';
import { readStore, type StoredEventView } from './lib/idb';
import { advanceClock, assertDebugHooks, bannerCode, deliverReports, fireUntilDecided, readDecisions, readMeta, readOutbox, syncNow, tailorReady } from '../../scripts/simulate/lib/tailorPage';
import { readCollectorDb, reportsPerArm } from '../../scripts/simulate/lib/collectorDb';
import { DEMO_CUSTOMER, checkout, openVia } from '../../scripts/simulate/lib/shopJourney';
import { captureTailorRequests, type CapturedRequest } from '../../scripts/simulate/lib/capturedRequests';
import { generateReports } from '../../scripts/simulate/lib/generatedReports';
import { SEND_JITTER_MS } from '../../src/worker/sync/reports';
import type { OutboundEntry } from '../../src/worker/sync/send';

const DEBUG_TAG = { TAILOR_SHOP_TAG: JSON.stringify({ 'data-debug': '' }) };
const REPORT_KEYS = ['arm', 'clicked', 'copied', 'day', 'epsilon', 'idempotencyKey', 'orderValueBucket', 'policyVersion', 'purchased', 'redeemed', 'satisfaction', 'schema'];
const EMAIL = DEMO_CUSTOMER.email;
const QUERY = 'espresso';

const browser = useBrowser();

/** A fresh device: its own context (own IndexedDB), a human's browser, every request to Tailor recorded. */
async function device(server: RunningServer): Promise<{ context: BrowserContext; page: Page; sent: CapturedRequest[] }> {
  const context = await asHuman(await browser().newContext());
  const sent = captureTailorRequests(context, server.tailorUrl);
  return { context, page: await context.newPage(), sent };
}

/** Home → category → product → add to cart → search → product; ends with an exit-intent decision. Returns the code on screen, if any. */
async function browseAndDecide(page: Page, shopUrl: string): Promise<string | null> {
  await page.goto(`${shopUrl}/`);
  await tailorReady(page);
  await assertDebugHooks(page);
  await openVia(page, '[data-testid="nav-category"]');
  await openVia(page, '[data-testid="product-link"]');
  await page.locator('[data-testid="add-to-cart"]').click();
  await page.locator('[data-testid="search-input"]').fill(QUERY);
  await page.locator('[data-testid="search-submit"]').click();
  await page.waitForURL(/\/search\?q=/);
  await openVia(page, '[data-testid="product-link"]');
  await fireUntilDecided(page, 'exit_intent');
  return bannerCode(page);
}

/** Every string on the device that would identify the journey or the shopper if it left. */
async function secretsOf(page: Page, shopUrl: string): Promise<{ substrings: string[]; eventNames: Set<string> }> {
  const events = await readStore<StoredEventView & { props: Record<string, any> }>(page);
  const decisions = await readDecisions(page);
  const book = await readMeta<{ codes: { code: string }[] }>(page, 'coupon-book');
  const visitor = await readMeta<{ latest_session?: { id: string } }>(page, 'visitor');
  const productIds = events.flatMap((e) => [e.props.product_id, ...((e.props.items as { item_id?: string; id?: string }[] | undefined) ?? []).map((i) => i.item_id ?? i.id)]);
  const substrings = [
    ...events.map((e) => (typeof e.path === 'string' && e.path.length > 1 ? `${new URL(shopUrl).host}${e.path}` : '')).filter(Boolean),
    EMAIL,
    'Lovelace',
    QUERY,
    ...events.map((e) => e.path).filter((p): p is string => typeof p === 'string' && p.length > 1),
    ...productIds.filter((p): p is string => typeof p === 'string' && p.length > 0),
    ...events.flatMap((e) => [e.id, e.session_id]),
    ...decisions.map((d) => d.id),
    ...(book?.codes.map((c) => c.code) ?? []),
    ...(visitor?.latest_session ? [visitor.latest_session.id] : []),
  ];
  return { substrings: [...new Set(substrings)], eventNames: new Set(events.map((e) => e.name)) };
}

/** Every key and string value in a JSON value. */
function tokens(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(tokens);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...tokens(v)]);
  return [];
}

const uploads = (sent: CapturedRequest[]) => sent.filter((s) => s.method === 'POST' && s.path === '/v1/reports');
const keysOf = (body: string | null) => (JSON.parse(body!) as { reports: { idempotencyKey: string }[] }).reports.map((r) => r.idempotencyKey);

describe('reports from real journeys', () => {
  const server = useServer(DEBUG_TAG);

  it('carry only the report fields, nothing about the journey or the shopper, and are counted by the collector', async () => {
    const allKeys: string[] = [];
    const expectedArms: string[] = [];
    for (const buys of [true, false]) {
      const { context, page, sent } = await device(server());
      const code = await browseAndDecide(page, server().shopUrl);
      if (buys) await checkout(page, code);
      const delivery = await deliverReports(page);
      expect(delivery.dropped).toBe(0);
      expect(await readOutbox(page)).toEqual([]);

      // What was reported is what the device decided: one report per reported decision, with its arm.
      const reported = (await readDecisions(page)).filter((d) => d.reported && !d.reportSkipped);
      expect(reported.length).toBeGreaterThanOrEqual(1);
      const posts = uploads(sent);
      expect(posts.length).toBeGreaterThanOrEqual(1);
      expect(posts.every((p) => !p.failed)).toBe(true);
      const reports = posts.flatMap((p) => (JSON.parse(p.body!) as { reports: Record<string, unknown>[] }).reports);
      expect(reports.map((r) => r.arm).sort()).toEqual(reported.map((d) => armOf(d as unknown as ReportableDecision)).sort());
      expectedArms.push(...reports.map((r) => r.arm as string));

      for (const post of posts) {
        const body = JSON.parse(post.body!) as Record<string, unknown>;
        expect(Object.keys(body).sort()).toEqual(['reports', 'site']);
        expect(body.site).toBe('demo');
        expect(validateBatch(body)).toMatchObject({ ok: true });
      }
      for (const report of reports) {
        expect(validateReport(report)).toMatchObject({ ok: true });
        expect(Object.keys(report).sort()).toEqual(REPORT_KEYS);
        expect(ARMS).toContain(report.arm);
        allKeys.push(report.idempotencyKey as string);
      }

      // Nothing that identifies the journey or the shopper, in any request Tailor made: URL, headers or body.
      const { substrings, eventNames } = await secretsOf(page, server().shopUrl);
      expect(substrings.length).toBeGreaterThan(10);
      for (const s of sent) {
        const headers = await s.headers;
        expect(Object.keys(headers)).not.toContain('referer');
        expect(Object.keys(headers)).not.toContain('cookie');
        // CORS makes the browser name the shop's origin (the shop, not the page): never more than that.
        if (headers.origin !== undefined) expect(headers.origin).toBe(new URL(server().shopUrl).origin);
        const text = `${s.url}\n${JSON.stringify(headers)}\n${s.body ?? ''}`;
        for (const secret of substrings) expect(text, `${s.method} ${s.path} leaks ${secret}`).not.toContain(secret);
        for (const token of s.body ? tokens(JSON.parse(s.body)) : []) expect(eventNames.has(token), `${s.path} carries event name ${token}`).toBe(false);
      }

      // The audit's outbound log lists every request Tailor made, with the exact body.
      const log = (await readMeta<OutboundEntry[]>(page, 'outbound-log')) ?? [];
      for (const s of sent) expect(log.some((e) => e.method === s.method && s.url.endsWith(e.path) && e.body === s.body), `${s.method} ${s.path} missing from the outbound log`).toBe(true);
      await context.close();
    }

    // A key is never reused: not within an upload, not across uploads or devices.
    expect(new Set(allKeys).size).toBe(allKeys.length);
    const stored = readCollectorDb(server().dbPath, 'demo');
    expect(new Set(stored.keys)).toEqual(new Set(allKeys));
    const perArm: Record<string, number> = {};
    for (const arm of expectedArms) perArm[arm] = (perArm[arm] ?? 0) + 1;
    expect(reportsPerArm(stored.rows)).toEqual(perArm);
    const estimates = (await (await fetch(`${server().tailorUrl}/v1/estimates?site=demo`, { headers: { Authorization: `Bearer ${server().demoKeys!.read}` } })).json()) as { empty: boolean; groups: { group: string }[] };
    expect(estimates.empty).toBe(false);
    expect(estimates.groups.map((g) => g.group)).toEqual([...ARMS, 'policy']);
  });
});

describe('collector down, then up', () => {
  const server = useServer(DEBUG_TAG);

  it('keeps reports in the outbox while uploads fail, then counts each exactly once, retries and replays included', async () => {
    const { context, page, sent } = await device(server());
    await context.route('**/v1/reports', (route) => route.abort('connectionrefused'));
    await browseAndDecide(page, server().shopUrl);

    await advanceClock(page, OUTCOME_WINDOW_MS + 60_000);
    await syncNow(page);
    await advanceClock(page, SEND_JITTER_MS[1] + 60_000);
    await syncNow(page);
    await expect.poll(async () => uploads(sent).filter((s) => s.failed).length).toBeGreaterThanOrEqual(1);
    const waiting = await readOutbox(page);
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    const waitingKeys = waiting.map((r) => r.report.idempotencyKey as string).sort();
    expect(uploads(sent).every((s) => s.failed)).toBe(true);
    expect(readCollectorDb(server().dbPath, 'demo').keys).toEqual([]);
    expect(await readMeta<{ attempts: number }>(page, 'report-delivery')).toMatchObject({ attempts: expect.any(Number) });

    // Up again: the next rounds after the backoff deliver the same reports, under the same keys.
    await context.unroute('**/v1/reports');
    for (let i = 0; i < 4 && (await readOutbox(page)).length > 0; i++) {
      await advanceClock(page, 60 * 60_000);
      await syncNow(page);
    }
    expect(await readOutbox(page)).toEqual([]);
    const delivered = uploads(sent).filter((s) => !s.failed);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(delivered.flatMap((s) => keysOf(s.body)).sort()).toEqual(waitingKeys);
    const failedKeys = uploads(sent).filter((s) => s.failed).flatMap((s) => keysOf(s.body));
    expect(failedKeys.every((k) => waitingKeys.includes(k))).toBe(true);

    const counted = () => readCollectorDb(server().dbPath, 'demo');
    const total = (rows: ReturnType<typeof counted>['rows']) => Object.values(reportsPerArm(rows)).reduce((a, b) => a + b, 0);
    const before = counted();
    expect(before.keys.sort()).toEqual(waitingKeys);
    expect(total(before.rows)).toBe(waitingKeys.length);

    // A retried upload of the same batch (as a lost response would cause) counts nothing more.
    for (const upload of [...delivered, ...uploads(sent).filter((s) => s.failed)]) {
      const response = await fetch(`${server().tailorUrl}/v1/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: upload.body! });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ accepted: 0, duplicates: keysOf(upload.body).length });
    }
    const after = counted();
    expect(after.keys.sort()).toEqual(waitingKeys);
    expect(after.rows).toEqual(before.rows);
    await context.close();
  });
});

describe('uploads the collector refuses, on the real Node server', () => {
  // The default upload limit (60 a minute per client): the flood below must meet it.
  const server = useServer();

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${server().tailorUrl}/v1/reports`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
  const valid = (n: number) => ({ site: 'demo', reports: generateReports({ arm: 'none', count: n, conversion: 0.1, day: utcDay(Date.now()) }, mulberry32(n)) });
  const nothingStored = () => expect(readCollectorDb(server().dbPath, 'demo')).toEqual({ keys: [], rows: [] });

  it('answers oversize bodies with 413, with or without a Content-Length', async () => {
    const huge = JSON.stringify({ ...valid(50), padding: 'x'.repeat(70 * 1024) });
    const sized = await post(huge);
    expect(sized.status).toBe(413);
    expect(await sized.json()).toMatchObject({ error: 'payload_too_large' });
    // Chunked, no length announced: the limit still holds on the bytes that arrive.
    const bytes = new TextEncoder().encode(huge);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
        controller.close();
      },
    });
    expect((await post(stream)).status).toBe(413);
    nothingStored();
  });

  it('answers malformed JSON and wrong types with 400 naming the problem, and stores nothing', async () => {
    const malformed = await post('{"site":"demo","reports":[');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_json' });
    const body = valid(3);
    const wrongType = { ...body, reports: [body.reports[0], { ...body.reports[1], purchased: 'yes' }, body.reports[2]] };
    const typed = await post(JSON.stringify(wrongType));
    expect(typed.status).toBe(400);
    expect(await typed.json()).toMatchObject({ error: 'invalid_report', field: 'reports[1].purchased' });
    const extra = await post(JSON.stringify({ ...body, reports: [{ ...body.reports[0], url: '/product/x' }] }));
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ field: 'reports[0].url' });
    nothingStored();
  });

  it('answers a flood from one address with 429 and Retry-After, and counts only what it accepted', async () => {
    const accepted: string[] = [];
    const refused: string[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 70; i++) {
      const body = valid(1);
      const response = await post(JSON.stringify(body));
      const keys = body.reports.map((r) => r.idempotencyKey);
      if (response.status === 200) accepted.push(...keys);
      else {
        expect(response.status).toBe(429);
        retryAfter ??= response.headers.get('retry-after');
        refused.push(...keys);
      }
    }
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const stored = readCollectorDb(server().dbPath, 'demo');
    expect(stored.keys.sort()).toEqual(accepted.sort());
    expect(reportsPerArm(stored.rows)).toEqual({ none: accepted.length });
  });
});
