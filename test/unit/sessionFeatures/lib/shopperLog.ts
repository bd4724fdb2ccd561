/**
 * A recorded-looking event log of one shopper, generated (never copied from real data): `sessions` visits spread
 * over the `days` before `end`, the last one still going. Deterministic for a seed. Visits mix browsing of three
 * categories (sale and full-price products, dwell, scroll, search), content pages (about, FAQ, account), carts
 * that are abandoned or bought (items with discounts, coupon codes), Tailor offers shown, dismissed and redeemed,
 * and the two kinds of repeat the cleaning step must drop: a re-sent id and a tag that fired twice.
 * Timestamps strictly increase, so every consumer orders the log the same way.
 */
import type { WireEvent } from '../../../../src/worker/protocol';
import { mulberry32, type Rng } from '../../../../src/core/lib/random';

/** Options of {@link shopperLog}. */
export interface ShopperLogOptions {
  /** Time of the last event (ms); the current visit ends here. */
  end: number;
  seed?: number;
  /** Visits, the current one included (default 5). */
  sessions?: number;
  /** Span of the visits before `end` (default 20 days; keep it under the 30-day retention). */
  days?: number;
}

const MIN = 60_000;
const DAY = 86_400_000;
const CATEGORIES = ['Tea', 'Coffee', 'Teaware'] as const;
const CONTENT = ['/pages/about', '/pages/faq', '/account', '/account/orders', '/policies/shipping-policy'] as const;
const QUERIES = ['oolong', 'espresso beans', 'gift set', 'matcha'] as const;

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Generates the log; every event has an id, as the tracker's events do. */
export function shopperLog(options: ShopperLogOptions): WireEvent[] {
  const rng = mulberry32(options.seed ?? 7);
  const sessions = options.sessions ?? 5;
  const days = options.days ?? 20;
  const log: WireEvent[] = [];
  let n = 0;
  let ts = 0;
  const emit = (event: Omit<WireEvent, 'id' | 'ts'>, gapMs: number): WireEvent => {
    ts += Math.max(1, Math.round(gapMs));
    const e = { ...event, ts, id: `evt-${options.seed ?? 7}-${n++}` } as WireEvent;
    log.push(e);
    return e;
  };
  const view = (page_type: WireEvent['page_type'] & string, path: string, gap: number) =>
    emit({ name: 'page_view', page_type, path, props: { page_type, path } } as Omit<WireEvent, 'id' | 'ts'>, gap);
  const on = (page_type: string, path: string) => ({ page_type, path }) as Pick<WireEvent, 'page_type' | 'path'>;

  for (let s = 0; s < sessions; s++) {
    const current = s === sessions - 1;
    // Visits start at spread-out times; the current one starts 25 minutes after the previous could have ended.
    ts = current ? Math.max(ts + 31 * MIN, options.end - 25 * MIN) : options.end - days * DAY + Math.round(((s + rng() * 0.5) / sessions) * days * DAY);
    const favourite = pick(rng, CATEGORIES);
    const cart: { id: string; price: number; sale: number | null; category: string }[] = [];
    view('home', '/', 1);
    const pages = current ? int(rng, 4, 7) : int(rng, 3, 12);
    for (let p = 0; p < pages; p++) {
      const r = rng();
      if (r < 0.15) {
        const path = pick(rng, CONTENT);
        view('other', path, int(rng, 5, 90) * 1000);
        emit({ name: 'dwell', ...on('other', path), props: { active_ms: int(rng, 2, 60) * 1000 } }, int(rng, 3, 50) * 1000);
      } else if (r < 0.3) {
        const query = pick(rng, QUERIES);
        emit({ name: 'search', ...on('search', '/search'), props: { query } }, int(rng, 3, 20) * 1000);
        view('search', '/search', 800);
      } else {
        const category = rng() < 0.7 ? favourite : pick(rng, CATEGORIES);
        view('category', `/collections/${category.toLowerCase()}`, int(rng, 4, 40) * 1000);
        const product_id = `${category.toLowerCase()}-${int(rng, 1, 9)}`;
        const path = `/products/${product_id}`;
        view('product', path, int(rng, 4, 40) * 1000);
        const price = int(rng, 8, 60);
        const sale = rng() < 0.3 ? price - int(rng, 1, 5) : null;
        emit({ name: 'product_view', ...on('product', path), props: { product_id, name: product_id, price, currency: 'USD', category, ...(sale === null ? {} : { sale_price: sale }) } }, 40);
        emit({ name: 'scroll_depth', ...on('product', path), props: { percent: pick(rng, [25, 50, 75, 90] as const) } }, int(rng, 2, 15) * 1000);
        if (rng() < 0.35 || (p === 0 && !current)) {
          cart.push({ id: product_id, price: sale ?? price, sale, category });
          emit({ name: 'add_to_cart', ...on('product', path), props: { items: [{ id: product_id, price: sale ?? price, quantity: 1, category }], value: sale ?? price, currency: 'USD' } }, int(rng, 2, 20) * 1000);
        }
        const dwell = emit({ name: 'dwell', ...on('product', path), props: { active_ms: int(rng, 3, 80) * 1000 } }, int(rng, 1, 30) * 1000);
        // A re-sent batch (same id) and a tag that fired twice (same content, new id): both are one event.
        if (p === 1 && s % 2 === 0) log.push({ ...dwell });
        if (p === 2 && s % 3 === 0) emit({ name: dwell.name, page_type: dwell.page_type, path: dwell.path, props: { ...dwell.props } } as Omit<WireEvent, 'id' | 'ts'>, 300);
      }
    }
    if (!current && rng() < 0.6) {
      const tier = pick(rng, [5, 10, 15]);
      emit({ name: 'exit_intent', ...on('cart', '/cart'), props: { via: 'pointer' } }, 2000);
      emit({ name: 'offer_shown', ...on('cart', '/cart'), props: { tier, offer_id: `o-${s}` } }, 400);
      if (cart.length > 0 && rng() < 0.6) {
        emit({ name: 'offer_redeemed', ...on('checkout', '/checkout'), props: { tier, offer_id: `o-${s}` } }, 20_000);
      } else {
        emit({ name: 'offer_dismissed', ...on('cart', '/cart'), props: { tier, offer_id: `o-${s}` } }, 3000);
      }
    }
    // Odd visits buy what is in the cart, even ones abandon it.
    if (cart.length > 0 && !current && s % 2 === 1) {
      const items = cart.map((c) => ({ id: c.id, price: c.price, quantity: 1, category: c.category, ...(c.sale === null ? {} : { discount: 2 }) }));
      const value = items.reduce((sum, i) => sum + i.price, 0);
      view('cart', '/cart', 5000);
      emit({ name: 'begin_checkout', ...on('cart', '/cart'), props: { items, value, currency: 'USD' } }, 3000);
      view('checkout', '/checkout', 1500);
      emit({ name: 'purchase', ...on('purchase', '/thank-you'), props: { items, value, currency: 'USD', transaction_id: `T-${s}`, ...(rng() < 0.4 ? { coupon: 'WELCOME10' } : {}) } }, 60_000);
      view('purchase', '/thank-you', 500);
    }
  }
  // Shift the whole log so that the current visit's last event lands at `end` exactly.
  const shift = options.end - log[log.length - 1]!.ts;
  for (const e of log) e.ts += shift;
  return log;
}
