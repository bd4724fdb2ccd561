/**
 * Pieces the shipped truth worlds share (a world may use them or not): the no-discount purchase probability
 * p0 of a UCI session, a logistic fitted to the real Revenue label of every UCI session (the same design and
 * coefficients as the training simulator's baseline, `tailor simulate-data`), and the training simulator's cart
 * value distribution.
 */

const COEFFICIENTS = {
  intercept: -3.34074,
  logPageValues: 1.10648,
  exitRates10: -0.715668,
  bounceRates10: -0.590658,
  logProductRelated: 0.18862,
  logProductRelatedDuration: -0.0446926,
  logAdministrative: -0.153192,
  logInformational: 0.0769369,
  specialDay: -0.340264,
  november: 1.07227,
  newVisitor: 0.644499,
  weekend: 0.094425,
};

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** P(buy | no discount) of a session. */
export function baseline(s) {
  const c = COEFFICIENTS;
  return sigmoid(
    c.intercept +
      c.logPageValues * Math.log1p(s.PageValues) +
      c.exitRates10 * 10 * s.ExitRates +
      c.bounceRates10 * 10 * s.BounceRates +
      c.logProductRelated * Math.log1p(s.ProductRelated) +
      c.logProductRelatedDuration * Math.log1p(s.ProductRelated_Duration) +
      c.logAdministrative * Math.log1p(s.Administrative) +
      c.logInformational * Math.log1p(s.Informational) +
      c.specialDay * s.SpecialDay +
      c.november * (s.Month === 'Nov' ? 1 : 0) +
      c.newVisitor * (s.VisitorType === 'New_Visitor' ? 1 : 0) +
      c.weekend * (s.Weekend ? 1 : 0),
  );
}

/** Uplift a × (1 − e^(−t/τ)): saturating in the tier t (percent). */
export const saturating = (a, tau, tier) => a * (1 - Math.exp(-tier / tau));

export const clamp01 = (p) => Math.min(1, Math.max(0, p));

/** The training simulator's cart: log-normal around 45, longer product browsing → bigger carts, 5–1000. */
export function trainingCart(s, rng) {
  const normal = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const log = Math.log(45) + 0.25 * (Math.log1p(s.ProductRelated_Duration) - 6) + 0.5 * normal;
  return Math.round(Math.min(1000, Math.max(5, Math.exp(log))) * 100) / 100;
}
