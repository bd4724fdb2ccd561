// The training simulator's own world (DEFAULT_SIMULATION in src/train/discount/simulationConfig.ts): shoppers
// who reached valuable pages buy anyway, long comparison-shopping visits respond (new visitors more, and to
// deeper discounts), short visits barely move.
import { baseline, clamp01, saturating, trainingCart } from './lib/shop.mjs';

function segment(s) {
  if (s.PageValues >= 10) return { a: 0.02, tau: 5 };
  if (s.ProductRelated >= 10 && s.VisitorType === 'New_Visitor') return { a: 0.35, tau: 15 };
  if (s.ProductRelated >= 10) return { a: 0.15, tau: 6 };
  return { a: 0.02, tau: 8 };
}

export function pBuy(session, tier) {
  const { a, tau } = segment(session);
  return clamp01(baseline(session) + saturating(a, tau, tier));
}

export const cartValue = trainingCart;
