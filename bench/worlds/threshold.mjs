// Only a minority responds, and only to deep discounts: returning visitors who browse deeply in the holiday
// season (October to December) buy far more at 15 % or more; 5 and 10 % move nobody. The responsive group is
// defined by features the shipped model's scores do not separate (season, depth, visitor type).
import { baseline, clamp01, trainingCart } from './lib/shop.mjs';

const HOLIDAY = new Set(['Oct', 'Nov', 'Dec']);

export function pBuy(session, tier) {
  const responsive = session.VisitorType === 'Returning_Visitor' && session.ProductRelated >= 20 && HOLIDAY.has(session.Month);
  const lift = responsive && tier >= 15 ? (tier >= 20 ? 0.3 : 0.22) : 0;
  return clamp01(baseline(session) + lift);
}

export const cartValue = trainingCart;
