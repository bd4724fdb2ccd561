import { describe, expect, it } from 'vitest';
import type { FeatureEvent } from '../../../src/core/sessionFeatures';
import { detectBot } from '../../../src/core/sessionFeatures';
import { T0, addToCart, dwell, pageView, productView } from './lib/eventBuilders';

/** A plausible human visit: 12 pages, 8–40 s each, dwell flushed before each next view. */
function humanVisit(): FeatureEvent[] {
  const events: FeatureEvent[] = [];
  let ts = T0;
  for (let i = 0; i < 12; i++) {
    events.push(pageView(ts, i % 3 === 0 ? 'category' : 'product', `/p/${i}`), productView(ts + 5, `p${i}`, 20));
    const stay = 8000 + ((i * 7919) % 32_000);
    if (i % 4 === 1) events.push(addToCart(ts + stay / 2, `p${i}`));
    events.push(dwell(ts + stay, stay - 2000));
    ts += stay + 500;
  }
  return events;
}

describe('detectBot', () => {
  it('lets an ordinary visit through', () => {
    expect(detectBot(humanVisit())).toEqual({ bot: false, reasons: [] });
    expect(detectBot([])).toEqual({ bot: false, reasons: [] });
  });

  it('flags navigator.webdriver', () => {
    expect(detectBot(humanVisit(), { webdriver: true })).toEqual({ bot: true, reasons: ['webdriver'] });
    expect(detectBot(humanVisit(), { webdriver: false }).bot).toBe(false);
  });

  it('flags a sustained page-view rate above 3/s over 5 s, not a short burst', () => {
    const rapid = (n: number, gapMs: number) => Array.from({ length: n }, (_, i) => pageView(T0 + i * gapMs, 'product', `/p/${i}`));
    // 16 views in 4.8 s: 3.2 per second sustained.
    expect(detectBot(rapid(16, 320)).reasons).toContain('page_view_rate');
    // 15 views in 5 s is exactly the limit (3/s): allowed.
    expect(detectBot(rapid(15, 5000 / 14)).reasons).not.toContain('page_view_rate');
    // A typing-driven burst: 6 URL updates within a second, then nothing.
    expect(detectBot(rapid(6, 150)).bot).toBe(false);
  });

  it('flags repeated superhuman add-to-cart cadence, counting a listing\'s product views as one action', () => {
    const burst = (start: number) => Array.from({ length: 10 }, (_, i) => addToCart(start + i * 150, `p${i}`));
    expect(detectBot([...burst(T0), ...burst(T0 + 60_000)]).reasons).toEqual(['click_cadence']);
    expect(detectBot(burst(T0)).bot).toBe(false); // once is not "repeatedly"
    // Two listing pages each emitting 24 product views at once: 2 actions, not 48.
    const listing = (ts: number) => [pageView(ts, 'category', '/c'), ...Array.from({ length: 24 }, (_, i) => productView(ts + 1, `p${i}`, 10))];
    expect(detectBot([...listing(T0), ...listing(T0 + 500), ...listing(T0 + 60_000), ...listing(T0 + 60_500)]).bot).toBe(false);
    // Product pages opened 10 times within 2 s, twice: a crawler.
    const crawl = (start: number) => Array.from({ length: 10 }, (_, i) => [pageView(start + i * 190, 'product', `/p/${i}`), productView(start + i * 190 + 1, `p${i}`, 10)]).flat();
    expect(detectBot([...crawl(T0), ...crawl(T0 + 120_000)], { thresholds: { maxPageViewsPerSecond: 100 } }).reasons).toEqual(['click_cadence']);
  });

  it('flags a storm of page views left within 3 s without any active dwell', () => {
    const storm = Array.from({ length: 25 }, (_, i) => pageView(T0 + i * 2500, 'product', `/p/${i}`));
    expect(detectBot(storm).reasons).toEqual(['zero_dwell_storm']);
    // Same pages left slowly (lost dwell events of a human on a classic shop): not a storm.
    const slow = Array.from({ length: 25 }, (_, i) => pageView(T0 + i * 20_000, 'product', `/p/${i}`));
    expect(detectBot(slow).bot).toBe(false);
    // Fast, but with real dwell on most pages: not a storm.
    const engaged = storm.flatMap((e, i) => (i % 5 === 0 ? [e] : [e, dwell(e.ts + 2400, 1500)]));
    expect(detectBot(engaged).bot).toBe(false);
  });

  it('reports every rule that fired', () => {
    const storm = Array.from({ length: 40 }, (_, i) => pageView(T0 + i * 100, 'product', `/p/${i}`));
    expect(detectBot(storm, { webdriver: true }).reasons).toEqual(['webdriver', 'page_view_rate', 'zero_dwell_storm']);
  });

  it('validates thresholds and events, naming the argument', () => {
    expect(() => detectBot([], { thresholds: { rateWindowMs: 0 } })).toThrow(/'thresholds.rateWindowMs' passed to 'detectBot'/);
    expect(() => detectBot(null as never)).toThrow(/'events' passed to 'detectBot'/);
  });
});
