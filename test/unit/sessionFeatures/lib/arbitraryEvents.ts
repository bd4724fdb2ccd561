/**
 * fast-check arbitraries for random stored-event streams: every event kind the features read, time steps from
 * simultaneous to multi-session gaps (and some out-of-order), ids that repeat, and verbatim re-sends.
 */
import fc from 'fast-check';
import type { PageType } from '../../../../src/core/events/schema';
import { PAGE_TYPES } from '../../../../src/core/events/schema';
import type { FeatureEvent } from '../../../../src/core/sessionFeatures';
import { MIN, T0 } from './eventBuilders';

const PATHS = ['/', '/p/a', '/p/b?variant=2', '/p/b', '/c/shoes', '/cart', '/account/orders', '/pages/faq', '/blog/x', '/misc'];
const PRODUCTS = ['a', 'b', 'c'];

const pageViewArb = fc.record({ page_type: fc.constantFrom<PageType>(...PAGE_TYPES), path: fc.constantFrom(...PATHS) })
  .map(({ page_type, path }) => ({ name: 'page_view' as const, page_type, path, props: { page_type, path } }));
const dwellArb = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1000, max: 200_000 }))
  .map((active_ms) => ({ name: 'dwell' as const, props: { active_ms } }));
/** Spellings that normalise to the same category ('Tea', 'tea '), a blank one (no category) and '__proto__'. */
const CATEGORIES = ['Tea', 'tea ', ' COFFEE', 'coffee', 'Mugs', '  ', '__proto__'];
const productArb = fc.record({ id: fc.constantFrom(...PRODUCTS), sale: fc.boolean(), category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }) })
  .map(({ id, sale, category }) => ({
    name: 'product_view' as const,
    props: { product_id: id, name: id, price: 20, ...(sale ? { sale_price: 15 } : {}), ...(category === undefined ? {} : { category }) },
  }));
const itemArb = fc.record({ id: fc.constantFrom(...PRODUCTS), quantity: fc.integer({ min: 1, max: 3 }), discount: fc.option(fc.constantFrom(0, 2.5), { nil: undefined }) })
  .map(({ discount, ...rest }) => (discount === undefined ? rest : { ...rest, discount }));
const purchaseArb = fc.record({ value: fc.double({ min: 0, max: 500, noNaN: true }), items: fc.array(itemArb, { maxLength: 3 }), coupon: fc.option(fc.constantFrom('SAVE10', ' '), { nil: undefined }) })
  .map(({ coupon, ...props }) => ({ name: 'purchase' as const, props: coupon === undefined ? props : { ...props, coupon } }));
const simpleArb = fc.constantFrom(
  { name: 'add_to_cart' as const, props: { items: [{ id: 'a', quantity: 1 }] } },
  { name: 'offer_shown' as const, props: { tier: 10 } },
  { name: 'offer_redeemed' as const, props: { tier: 10 } },
  { name: 'scroll_depth' as const, props: { percent: 50 as const } },
  { name: 'search' as const, props: { query: 'shoes' } },
);

const bodyArb = fc.oneof(
  { arbitrary: pageViewArb, weight: 4 }, { arbitrary: dwellArb, weight: 3 }, { arbitrary: productArb, weight: 2 },
  { arbitrary: purchaseArb, weight: 1 }, { arbitrary: simpleArb, weight: 2 },
);
const stepArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 3000 }), weight: 4 },
  { arbitrary: fc.integer({ min: 3000, max: 20 * MIN }), weight: 4 },
  { arbitrary: fc.integer({ min: 25 * MIN, max: 3 * 24 * 60 * MIN }), weight: 1 },
  { arbitrary: fc.integer({ min: -10 * MIN, max: -1 }), weight: 1 },
);
const stepSpecArb = fc.record({
  body: bodyArb, step: stepArb,
  id: fc.option(fc.constantFrom('e1', 'e2', 'e3', 'e4'), { nil: undefined }),
  resend: fc.boolean(), // re-send the previous event verbatim (new id) instead
});

/** A random event stream starting at `start`. */
export function eventStream(maxLength: number, start = T0): fc.Arbitrary<FeatureEvent[]> {
  return fc.array(stepSpecArb, { maxLength }).map((specs) => {
    let ts = start;
    const out: FeatureEvent[] = [];
    for (const { body, step, id, resend } of specs) {
      ts += step;
      const previous = out[out.length - 1];
      const event = (resend && previous ? { ...previous, ts } : { ...body, ts }) as FeatureEvent;
      out.push(id === undefined ? event : { ...event, id });
    }
    return out;
  });
}
