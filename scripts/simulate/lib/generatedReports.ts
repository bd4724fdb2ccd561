/**
 * Valid wire reports made the way a device makes them (`privatizeReport`:
 * every behavioural field randomised, a fresh random idempotency key), from
 * made-up true outcomes with a chosen conversion rate. For seeding a
 * collector (dashboard test) and for load (collector benchmark). The seeded
 * `rng` draws the outcomes and the noise; keys always come from the CSPRNG,
 * so two runs never collide on a server that keeps its keys.
 */
import { armDiscount, MAX_BATCH, privatizeReport, type Arm, type Report, type TrueOutcome } from '../../../src/core/privacy';
import type { Rng } from '../../../src/core/lib/random';

/** What to generate. */
export interface ReportSpec {
  arm: Arm;
  count: number;
  /** True purchase rate in the outcome window. */
  conversion: number;
  /** UTC day number of the exposures. */
  day: number;
  policyVersion?: string;
}

/** Order values a purchase may have (shop currency), one per bucket above "no purchase". */
const ORDER_VALUES = [18, 38, 72, 140, 260];

/** A made-up true outcome: engagement with the offer only where one is shown. */
export function trueOutcome(arm: Arm, conversion: number, rng: Rng): TrueOutcome {
  const offered = armDiscount(arm) > 0;
  const purchased = rng() < conversion;
  const clicked = offered && rng() < 0.4;
  const mood = rng();
  return {
    arm,
    clicked,
    copied: clicked && rng() < 0.6,
    redeemed: offered && purchased && rng() < 0.7,
    orderValue: purchased ? ORDER_VALUES[Math.min(ORDER_VALUES.length - 1, Math.floor(rng() * ORDER_VALUES.length))]! : null,
    satisfaction: !offered ? 'none' : mood < 0.12 ? 'up' : mood < 0.17 ? 'down' : 'none',
  };
}

/** `spec.count` reports of one arm. */
export function generateReports(spec: ReportSpec, rng: Rng): Report[] {
  if (!Number.isInteger(spec.count) || spec.count < 0) throw new RangeError(`'spec.count' passed to 'generateReports' must be an integer ≥ 0, got ${String(spec.count)}`);
  if (!(spec.conversion >= 0 && spec.conversion <= 1)) throw new RangeError(`'spec.conversion' passed to 'generateReports' must be in [0, 1], got ${String(spec.conversion)}`);
  return Array.from({ length: spec.count }, () =>
    privatizeReport(trueOutcome(spec.arm, spec.conversion, rng), { day: spec.day, policyVersion: spec.policyVersion ?? 'default', rng }),
  );
}

/** Splits reports into upload bodies of at most {@link MAX_BATCH}. */
export function uploadBodies(reports: readonly Report[], site: string, size = MAX_BATCH): { site: string; reports: Report[] }[] {
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) throw new RangeError(`'size' passed to 'uploadBodies' must be an integer in [1, ${MAX_BATCH}], got ${String(size)}`);
  const out: { site: string; reports: Report[] }[] = [];
  for (let i = 0; i < reports.length; i += size) out.push({ site, reports: reports.slice(i, i + size) });
  return out;
}
