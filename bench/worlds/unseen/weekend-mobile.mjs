// World "weekend-mobile": baseline conversion is a logistic of real session features (page value,
// exit rate, browsing depth, month, visitor type), about 14 % overall. Discounts mainly move weekend
// sessions arriving from mobile/social traffic (TrafficType 3, 6, 13) or the far regions (4, 6, 7), with a
// response that grows with the tier and saturates by ~15 %; elsewhere 5-10 % gives a small lift, and
// shoppers with high PageValues (>= 25, buying anyway) do not respond at all.
// Best policy: no discount when PageValues >= 25; 15 % (20 % adds almost nothing) for the weekend
// target segment; at most 5 % (or nothing, if margin matters) for everyone else.

const MONTH = { Feb: -1.6, Mar: -0.3, May: -0.25, June: -0.3, Jul: 0.0, Aug: 0.1, Sep: 0.15, Oct: 0.2, Nov: 0.35, Dec: -0.1 };
const VISITOR = { Returning_Visitor: -0.15, New_Visitor: 0.35, Other: 0.1 };
const TARGET_TRAFFIC = new Set([3, 6, 13]);
const TARGET_REGION = new Set([4, 6, 7]);

const num = (v, d = 0) => (Number.isFinite(Number(v)) ? Number(v) : d);
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const clamp01 = (p) => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

function baselineLogit(s) {
  const pv = Math.max(0, num(s.PageValues));
  const exit = Math.min(1, Math.max(0, num(s.ExitRates)));
  const prod = Math.max(0, num(s.ProductRelated));
  return -3.15
    + 1.05 * Math.log1p(pv)
    - 14 * exit
    + 0.22 * Math.log1p(prod)
    + (MONTH[s.Month] ?? 0)
    + (VISITOR[s.VisitorType] ?? 0);
}

export function isWeekendTarget(s) {
  return s.Weekend === true && (TARGET_TRAFFIC.has(num(s.TrafficType)) || TARGET_REGION.has(num(s.Region)));
}

function upliftLogit(s, tier) {
  const t = Math.max(0, num(tier));
  if (t <= 0) return 0;
  if (num(s.PageValues) >= 25) return 0; // going to buy anyway: discounts do nothing
  if (isWeekendTarget(s)) return 1.4 * (1 - Math.exp(-t / 6)); // 0.79, 1.13, 1.29, 1.35
  // everyone else: a small nudge from small discounts, no extra from deeper ones
  return t <= 5 ? 0.2 : 0.25;
}

export function pBuy(session, tier) {
  return clamp01(sigmoid(baselineLogit(session) + upliftLogit(session, tier)));
}

export function cartValue(session, rng) {
  // lognormal-ish basket, somewhat larger for deeper browsing; median ~ 45-70
  const prod = Math.max(0, num(session.ProductRelated));
  const u1 = Math.min(1 - 1e-12, Math.max(1e-12, rng()));
  const u2 = rng();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  const v = Math.exp(Math.log(45) + 0.12 * Math.log1p(prod) + 0.5 * Math.max(-3, Math.min(3, z)));
  return Number.isFinite(v) && v > 0 ? v : 45;
}
