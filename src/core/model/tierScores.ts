/**
 * P(buy | tier) for the merchant's tiers from a discount model's predictions at its own treatment levels. A tier
 * the model was trained on is its prediction; a tier between two levels is the linear interpolation of the two
 * (7 % between 5 and 10 %: 0.6 × P(5) + 0.4 × P(10)), the documented rule for merchant tiers the model never saw;
 * a tier outside the levels is not scored, so never offered (the collector refuses such tiers at start-up).
 */
import type { TierScore } from '../policy/decide';

/** Scores of `tiers` from `probabilities` at `levels` (ascending or not); tiers outside the levels are left out. */
export function tierScores(levels: readonly number[], probabilities: ArrayLike<number>, tiers: readonly number[]): TierScore[] {
  const points = levels.map((level, i) => ({ level, p: probabilities[i]! })).sort((a, b) => a.level - b.level);
  const out: TierScore[] = [];
  for (const tier of tiers) {
    const exact = points.find((x) => x.level === tier);
    if (exact) {
      out.push({ tier, p: exact.p });
      continue;
    }
    const upper = points.findIndex((x) => x.level > tier);
    if (upper <= 0) continue;
    const a = points[upper - 1]!;
    const b = points[upper]!;
    const w = (tier - a.level) / (b.level - a.level);
    out.push({ tier, p: a.p + w * (b.p - a.p) });
  }
  return out;
}
