/** Simulated shoppers for the privacy tests: true outcomes drawn from known rates, then privatised. */
import { deriveSeed, mulberry32, type Rng } from '../../../../src/core/lib/random';
import { DEFAULT_BUCKET_VALUES, privatizeReport, type Arm, type Report, type TrueOutcome } from '../../../../src/core/privacy';

/** True rates of one arm. */
export interface ArmTruth {
  clicked: number;
  copied: number;
  redeemed: number;
  purchased: number;
  /** Shares of buckets 1..5 among purchases (sum 1). */
  bucketShares: number[];
  up: number;
  down: number;
}

/** The true mean order value among purchases, with orders at the default bucket values. */
export function trueOrderValue(t: ArmTruth): number {
  return t.bucketShares.reduce((a, s, i) => a + s * DEFAULT_BUCKET_VALUES[i + 1]!, 0);
}

function pick(rng: Rng, shares: number[]): number {
  let u = rng();
  for (let i = 0; i < shares.length; i++) {
    u -= shares[i]!;
    if (u < 0) return i;
  }
  return shares.length - 1;
}

/** One true outcome. */
export function drawOutcome(arm: Arm, t: ArmTruth, rng: Rng): TrueOutcome {
  const purchased = rng() < t.purchased;
  const s = rng();
  return {
    arm,
    clicked: rng() < t.clicked,
    copied: rng() < t.copied,
    redeemed: rng() < t.redeemed,
    orderValue: purchased ? DEFAULT_BUCKET_VALUES[1 + pick(rng, t.bucketShares)]! : null,
    satisfaction: s < t.up ? 'up' : s < t.up + t.down ? 'down' : 'none',
  };
}

/** `n` privatised reports of one arm, reproducible from `seed`. */
export function simulateReports(arm: Arm, t: ArmTruth, n: number, seed: number, options: { epsilon?: number; day?: number; policyVersion?: string } = {}): Report[] {
  const truthRng = mulberry32(deriveSeed(seed, `truth-${arm}`));
  const noiseRng = mulberry32(deriveSeed(seed, `noise-${arm}`));
  const keyRng = mulberry32(deriveSeed(seed, `key-${arm}`));
  const randomBytes = (k: number) => {
    const bytes = new Uint8Array(k);
    for (let i = 0; i < k; i++) bytes[i] = Math.floor(keyRng() * 256);
    return bytes;
  };
  const out: Report[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      privatizeReport(drawOutcome(arm, t, truthRng), {
        day: options.day ?? 20_000,
        policyVersion: options.policyVersion ?? '1',
        ...(options.epsilon !== undefined ? { epsilon: options.epsilon } : {}),
        rng: noiseRng,
        randomBytes,
      }),
    );
  }
  return out;
}

/** Typical shop rates: holdout converts 4 %, a 10 % offer 6 %. */
export const HOLDOUT_TRUTH: ArmTruth = { clicked: 0, copied: 0, redeemed: 0, purchased: 0.04, bucketShares: [0.2, 0.3, 0.3, 0.15, 0.05], up: 0, down: 0 };
export const TIER10_TRUTH: ArmTruth = { clicked: 0.3, copied: 0.15, redeemed: 0.05, purchased: 0.06, bucketShares: [0.15, 0.3, 0.35, 0.15, 0.05], up: 0.1, down: 0.05 };
