/**
 * The shopper's offer history as the policy needs it, read from the local
 * store: sticky holdout, offers shown in the last day and week, the last
 * dismiss (from any tab: all tabs share the database), and the expected
 * discount cost already committed today.
 */
import type { ShopperState } from '../../core/policy';
import type { Store } from '../store/store';

const DAY = 86_400_000;

/** The `meta` key of the sticky holdout assignment. */
export const HOLDOUT_KEY = 'holdout';

/** A stored holdout assignment. */
export interface HoldoutRecord {
  holdout: boolean;
  /** The rate it was drawn with; a changed rate re-draws nobody (sticky), it only applies to new devices. */
  rate: number;
  assignedAt: number;
}

/** Returns the device's holdout assignment, drawing it once (`rng() < rate`) on first use. */
export async function holdoutOf(store: Store, rate: number, rng: () => number, now: number): Promise<boolean> {
  const existing = await store.getMeta<HoldoutRecord>(HOLDOUT_KEY);
  if (existing && typeof existing.holdout === 'boolean') return existing.holdout;
  const record: HoldoutRecord = { holdout: rng() < rate, rate, assignedAt: now };
  await store.setMeta(HOLDOUT_KEY, record);
  return record.holdout;
}

/** Reads the state the guardrails need. `bot` comes from the feature pipeline. */
export async function shopperState(store: Store, opts: { holdout: boolean; bot: boolean; now: number; cooldownMs: number }): Promise<ShopperState> {
  const { now } = opts;
  const decisions = await store.decisions({ since: now - 7 * DAY });
  let offersLastDay = 0;
  let offersLastWeek = 0;
  let committedCostToday = 0;
  const startOfDay = now - (now % DAY);
  for (const d of decisions) {
    if (typeof d.tier !== 'number' || d.tier <= 0 || d.shown !== true) continue;
    offersLastWeek++;
    if (d.ts >= now - DAY) offersLastDay++;
    if (d.ts >= startOfDay && typeof d.cost === 'number') committedCostToday += d.cost;
  }
  const dismissals = (await store.eventsSince(now - opts.cooldownMs)).filter((e) => e.name === 'offer_dismissed');
  const lastDismissAt = dismissals.length ? dismissals[dismissals.length - 1]!.ts : null;
  return { holdout: opts.holdout, bot: opts.bot, offersLastDay, offersLastWeek, lastDismissAt, committedCostToday };
}
