/**
 * Synthetic devices whose current visit has UCI-like magnitudes: 0–20 administrative, 0–20 informational and
 * 1–700 product-related pages in shuffled order, per-page active time drawn up to 145 / 115 / 85 s (UCI's
 * per-page means are 35 / 68 / 38 s, and its column maxima divided by the page maxima are 126 / 106 / 91 s),
 * a share of pages without a dwell event (gap fallback) and both dwell orders (classic and single-page shops).
 * Before it, 0–4 earlier visits with purchases of 5–300 (UCI's largest PageValues is 362).
 */
import type { PageType } from '../../../../src/core/events/schema';
import type { Rng } from '../../../../src/core/lib/random';
import type { FeatureEvent } from '../../../../src/core/sessionFeatures';
import { addToCart, dwell, offer, pageView, productView, purchase } from './eventBuilders';

const DAY = 86_400_000;
const PRODUCT_TYPES: readonly PageType[] = ['product', 'category', 'search', 'cart'];
const ADMIN_PATHS = ['/account', '/account/orders', '/pages/contact', '/customer/login'];
const INFO_PATHS = ['/pages/about', '/pages/faq', '/policies/shipping-policy', '/blogs/news/a'];

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** Page kinds of one visit, shuffled; `extreme` forces the UCI-sized maxima. */
function pagePlan(rng: Rng, extreme: boolean): ('a' | 'i' | 'p')[] {
  const admin = extreme ? 20 : rng() < 0.5 ? 0 : int(rng, 1, 20);
  const info = extreme ? 20 : rng() < 0.75 ? 0 : int(rng, 1, 20);
  const r = rng();
  const product = extreme ? 700 : r < 0.7 ? int(rng, 1, 40) : r < 0.95 ? int(rng, 40, 200) : int(rng, 200, 700);
  const plan = [...Array<'a'>(admin).fill('a'), ...Array<'i'>(info).fill('i'), ...Array<'p'>(product).fill('p')];
  for (let i = plan.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  return plan;
}

/** Events of one visit starting at `start`; returns them and the time after the visit. */
function visitEvents(rng: Rng, start: number, extreme: boolean): FeatureEvent[] {
  const events: FeatureEvent[] = [];
  let ts = start;
  let pendingSpaDwell: number | null = null;
  for (const kind of pagePlan(rng, extreme)) {
    const type: PageType = kind === 'p' ? PRODUCT_TYPES[int(rng, 0, 3)]! : 'other';
    const path = kind === 'a' ? ADMIN_PATHS[int(rng, 0, 3)]! : kind === 'i' ? INFO_PATHS[int(rng, 0, 3)]! : `/p/${int(rng, 1, 300)}`;
    events.push(pageView(ts, type, path));
    if (pendingSpaDwell !== null) events.push(dwell(ts, pendingSpaDwell)); // single-page shop: flushed after the new view
    pendingSpaDwell = null;
    if (type === 'product') events.push(productView(ts + 5, path, 40, rng() < 0.3 ? 30 : undefined));
    const activeMs = Math.round(rng() * (kind === 'a' ? 145_000 : kind === 'i' ? 115_000 : 85_000));
    const leaveAt = ts + activeMs + int(rng, 200, 2000);
    if (kind === 'p' && rng() < 0.05) events.push(addToCart(ts + 10));
    const withDwell = rng() < 0.85 && activeMs >= 1000;
    if (withDwell && rng() < 0.5) events.push(dwell(leaveAt - 100, activeMs)); // classic shop: pagehide flush
    else if (withDwell) pendingSpaDwell = activeMs;
    ts = leaveAt;
  }
  return events;
}

/** A device: earlier visits, then the current one (returned last so `computeFeatures` treats it as current). */
export function uciShapedDevice(rng: Rng, start: number, extreme = false): FeatureEvent[] {
  const events: FeatureEvent[] = [];
  const pastVisits = int(rng, 0, 4);
  let ts = start - (pastVisits + 1) * 3 * DAY;
  for (let v = 0; v < pastVisits; v++) {
    events.push(pageView(ts, 'product', `/p/${int(rng, 1, 300)}`), offer(ts + 1000, 'offer_shown'));
    if (rng() < 0.4) events.push(purchase(ts + 60_000, 5 + rng() * 295, [{ id: 'x', quantity: 1 }], rng() < 0.3 ? 'SAVE' : undefined));
    ts += 3 * DAY;
  }
  return [...events, ...visitEvents(rng, start, extreme)];
}
