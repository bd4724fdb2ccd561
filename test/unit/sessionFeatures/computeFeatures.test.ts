import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOPPING_CALENDAR } from '../../../src/core/calendar';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { isCategorical } from '../../../src/core/features/definition';
import { parseCategorical, parseNumeric } from '../../../src/core/features/parse';
import type { FeatureContext, FeatureEvent } from '../../../src/core/sessionFeatures';
import { computeFeatures, emptyHistory } from '../../../src/core/sessionFeatures';
import { DAY_MS } from '../../../src/core/sessionFeatures/lib/sessionRule';
import { MIN, T0, addToCart, dwell, offer, pageView, productView, purchase, scroll } from './lib/eventBuilders';

const S = 1000;
const baseCtx = (over: Partial<FeatureContext> = {}): FeatureContext => ({ now: T0, utcOffsetMinutes: 0, ...over });
const ctx = baseCtx;
const K = 4; // default pseudo-count
const PB = 0.16; // default bounce prior (a landing page)
const PE = 0.023; // default exit prior (a page view)

/** One visit mixing a classic-shop dwell (before the next view) and a single-page-app dwell (just after it). */
const visit: FeatureEvent[] = [
  pageView(T0, 'home', '/'),
  dwell(T0 + 20 * S, 15_000), // pagehide flush of the home page
  pageView(T0 + 21 * S, 'category', '/c/shoes'),
  productView(T0 + 21 * S, 'a', 50), productView(T0 + 21 * S, 'b', 60),
  dwell(T0 + 60 * S, 30_000), // 30 s on the category page (39 s elapsed)
  pageView(T0 + 61 * S, 'product', '/p/red?variant=2'), // no dwell: counts its 90 s gap to the next view
  pageView(T0 + 151 * S, 'other', '/pages/faq'),
  scroll(T0 + 160 * S),
  pageView(T0 + 200 * S, 'other', '/account/login'),
  dwell(T0 + 200 * S, 40_000), // SPA: the FAQ page's dwell arrives after the login view; replaces the FAQ's 49 s gap
];

describe('computeFeatures: session features', () => {
  it('counts pages per UCI group and measures durations in seconds from dwell, else the gap', () => {
    const r = computeFeatures(visit, ctx({ visitor: { priorSessions: 0, persistent: true } }));
    expect(r).toMatchObject({
      Administrative: 1, Administrative_Duration: 0, // the open last page has no dwell yet
      Informational: 1, Informational_Duration: 40,
      ProductRelated: 2, ProductRelated_Duration: 30 + 90,
      PageValues: 0, SpecialDay: 0, Month: 'Mar', Weekend: 0, VisitorType: 'New_Visitor',
    });
  });

  it('averages per-path shrunk bounce and exit rates over the page views, the visit counting as in progress', () => {
    const r = computeFeatures(visit, ctx());
    // Five paths, one view each, no history. Only the landing path '/' was entered: (0 + K·PB) / (1 + K); GA gives
    // paths nobody entered on a bounce rate of 0.
    expect(r.BounceRates).toBeCloseTo((K * PB) / (1 + K) / 5, 12);
    // Every path has one view; only the last ('/account/login') is an exit so far.
    expect(r.ExitRates).toBeCloseTo((4 * (K * PE) / (1 + K) + (1 + K * PE) / (1 + K)) / 5, 12);
  });

  it('gives a first single-page visit UCI\'s 0.2 / 0.2 (the cap), and no pages 0 / 0', () => {
    const r = computeFeatures([pageView(T0, 'product', '/p/1')], ctx());
    expect((1 + K * PB) / (1 + K)).toBeGreaterThan(0.2);
    expect((1 + K * PE) / (1 + K)).toBeGreaterThan(0.2);
    expect(r).toMatchObject({ BounceRates: 0.2, ExitRates: 0.2 });
    expect(computeFeatures([scroll(T0)], ctx())).toMatchObject({ BounceRates: 0, ExitRates: 0, ProductRelated: 0 });
  });

  it('caps a gap without dwell at 30 minutes', () => {
    const events = [pageView(T0, 'product', '/p/1'), scroll(T0 + 25 * MIN), scroll(T0 + 50 * MIN), pageView(T0 + 70 * MIN, 'product', '/p/2')];
    expect(computeFeatures(events, ctx()).ProductRelated_Duration).toBe(30 * 60);
  });

  it('reads Month, Weekend and SpecialDay in the shopper\'s time zone at the session start', () => {
    const calendar = DEFAULT_SHOPPING_CALENDAR.filter((d) => d.id === 'valentines_day'); // CNY 2024 (Feb 10) is near too
    const at = (ts: number, utcOffsetMinutes: number) => computeFeatures([pageView(ts, 'home', '/')], baseCtx({ now: ts, calendar, utcOffsetMinutes }));
    const saturdayEarly = Date.UTC(2024, 1, 3, 0, 30); // Sat Feb 3, 00:30 UTC: 11 days before Valentine's Day
    expect(at(saturdayEarly, 0)).toMatchObject({ Weekend: 1, Month: 'Feb', SpecialDay: 0.2 });
    expect(at(saturdayEarly, -60)).toMatchObject({ Weekend: 0, Month: 'Feb', SpecialDay: 0.2 }); // Fri Feb 2, 23:30
    const fridayEarly = Date.UTC(2024, 1, 2, 0, 30);
    expect(at(fridayEarly, -60)).toMatchObject({ Weekend: 0, Month: 'Feb', SpecialDay: 0 }); // Thu Feb 1: before the window
    expect(at(Date.UTC(2024, 0, 31, 23, 30), 60)).toMatchObject({ Month: 'Feb' }); // Jan 31 UTC is Feb 1 in Paris
  });

  it('tells new, returning and unknown visitors apart', () => {
    const one = [pageView(T0, 'home', '/')];
    expect(computeFeatures(one, ctx({ visitor: { priorSessions: 0, persistent: true } })).VisitorType).toBe('New_Visitor');
    expect(computeFeatures(one, ctx({ visitor: { priorSessions: 2, persistent: true } })).VisitorType).toBe('Returning_Visitor');
    expect(computeFeatures(one, ctx({ visitor: { priorSessions: 0, persistent: false } })).VisitorType).toBe('Other');
    expect(computeFeatures(one, ctx()).VisitorType).toBe('Other');
    const twoVisits = [pageView(T0, 'home', '/'), pageView(T0 + 31 * MIN, 'home', '/')];
    expect(computeFeatures(twoVisits, ctx()).VisitorType).toBe('Returning_Visitor');
  });
});

describe('computeFeatures: history features', () => {
  const day = (n: number) => T0 + n * DAY_MS;
  const events: FeatureEvent[] = [
    // Day 0: views sale item a, redeems a Tailor offer, buys 2 × a at 40 (5 off each).
    pageView(day(0), 'product', '/p/a'), productView(day(0) + 1, 'a', 45, 40),
    pageView(day(0) + MIN, 'cart', '/cart'), addToCart(day(0) + MIN),
    offer(day(0) + 2 * MIN, 'offer_shown'), offer(day(0) + 3 * MIN, 'offer_redeemed'),
    purchase(day(0) + 4 * MIN, 80, [{ id: 'a', quantity: 2, discount: 5 }]),
    // Day 2: adds b to cart, sees an offer, leaves.
    pageView(day(2), 'product', '/p/b'), addToCart(day(2) + MIN, 'b'), offer(day(2) + 2 * MIN, 'offer_shown'),
    // Day 9: the current visit, through both product pages, ending on the home page.
    pageView(day(9), 'product', '/p/a?utm=x'), pageView(day(9) + MIN, 'product', '/p/b'), pageView(day(9) + 2 * MIN, 'home', '/'),
  ];

  it('summarises past sessions only: RFM, abandons, sale share, coupon use, offer response', () => {
    const r = computeFeatures(events, ctx({ now: day(9) + 3 * MIN }));
    expect(r.recency_days).toBeCloseTo((9 * DAY_MS + 3 * MIN - 4 * MIN) / DAY_MS, 12);
    expect(r).toMatchObject({
      frequency: 1, monetary: 80 + 2 * 5, cart_abandons: 1, sale_share: 1, coupon_use: 1, offer_response: 0.5,
      VisitorType: 'Returning_Visitor',
    });
  });

  it('prices product pages by the revenue that followed them in past sessions (GA page value)', () => {
    // /p/a: 80 of revenue after it in 1 session; /p/b: viewed in 1 session, no revenue. Query ignored.
    expect(computeFeatures(events, ctx()).PageValues).toBe((80 + 0) / 2);
  });

  it('uses the device\'s per-path history for bounce and exit rates', () => {
    const r = computeFeatures(events, ctx());
    // Bounce: /p/a is the landing path (entered once before without bounce, now again); /p/b was entered once and
    // bounced (day 2); '/' was never entered.
    const bounceA = (0 + K * PB) / (1 + 1 + K);
    const bounceB = (1 + K * PB) / (1 + K);
    expect(r.BounceRates).toBeCloseTo((bounceA + bounceB + 0) / 3, 12);
    // Exit: /p/a viewed once before (no exit) and once now; /p/b viewed once before (its session's exit) and once
    // now; '/' is new and is this visit's exit so far.
    const exitA = (0 + K * PE) / (1 + 1 + K);
    const exitB = (1 + K * PE) / (1 + 1 + K);
    const exitHome = (1 + K * PE) / (0 + 1 + K);
    expect(r.ExitRates).toBeCloseTo((exitA + exitB + exitHome) / 3, 12);
  });

  it('is missing (null) where the spec says so, and recency never counts the current visit', () => {
    const r = computeFeatures([pageView(T0, 'home', '/'), purchase(T0 + MIN, 30)], ctx());
    expect(r).toMatchObject({ recency_days: null, frequency: 0, sale_share: null, coupon_use: null, offer_response: null });
  });

  it('continues from a given history summary without modifying it', () => {
    const history = { ...emptyHistory(), purchases: 2, spend: 100, couponPurchases: 1, lastPurchaseTs: T0 - 10 * DAY_MS };
    const frozen = structuredClone(history);
    const r = computeFeatures([pageView(T0, 'home', '/')], ctx({ history }));
    expect(r).toMatchObject({ frequency: 2, monetary: 100, coupon_use: 0.5, recency_days: 10, VisitorType: 'Other' });
    expect(history).toEqual(frozen);
  });

  it('never lets the clock run behind the latest event', () => {
    const history = { ...emptyHistory(), purchases: 1, spend: 10, lastPurchaseTs: T0 - DAY_MS };
    expect(computeFeatures([pageView(T0, 'home', '/')], ctx({ now: T0 - 5 * DAY_MS, history })).recency_days).toBe(1);
  });
});

describe('computeFeatures: contract', () => {
  it('emits exactly the spec\'s features, each valid for the spec (parses without becoming missing)', () => {
    const r = computeFeatures(visit, ctx());
    expect(Object.keys(r).sort()).toEqual(FEATURE_SPEC.features.map((d) => d.name).sort());
    for (const def of FEATURE_SPEC.features) {
      const value = r[def.name];
      if (value === null) continue;
      const parsed = isCategorical(def) ? parseCategorical(value, def) : parseNumeric(value, def);
      expect(parsed, def.name).not.toBeNull();
    }
  });

  it('treats a late (out-of-order) event as part of the current visit', () => {
    const events = [pageView(T0, 'product', '/p/1'), pageView(T0 + 10 * MIN, 'product', '/p/2'), pageView(T0 - 50 * MIN, 'product', '/p/3')];
    expect(computeFeatures(events, ctx())).toMatchObject({ ProductRelated: 3, VisitorType: 'Other' });
  });

  it('keeps odd path spellings as data: "__proto__" neither pollutes nor breaks the history', () => {
    const events = [pageView(T0, 'product', '__proto__'), purchase(T0 + MIN, 60), pageView(T0 + DAY_MS, 'product', '__proto__')];
    expect(computeFeatures(events, ctx()).PageValues).toBe(60);
    expect(({} as Record<string, unknown>).sessions).toBeUndefined();
  });

  it('rejects a malformed context, naming the field and the function', () => {
    expect(() => computeFeatures([], { now: Number.NaN })).toThrow(/'context.now' passed to 'computeFeatures'/);
    expect(() => computeFeatures([], ctx({ rates: { pseudoCount: 0 } }))).toThrow(/'context.rates.pseudoCount' passed to 'computeFeatures'/);
    expect(() => computeFeatures([], ctx({ history: { version: 3 } as never }))).toThrow(/'history' passed to 'computeFeatures' must have version 2, got 3/);
    expect(() => computeFeatures([], ctx({ visitor: { priorSessions: -1, persistent: true } }))).toThrow(/'context.visitor'/);
  });
});
