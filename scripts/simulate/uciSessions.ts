/**
 * Synthetic shoppers sampled from real sessions of the UCI "Online Shoppers
 * Purchasing Intention" data: how many product pages they open
 * (ProductRelated, capped so a run stays short), how long they stay on each
 * (ProductRelated_Duration per page, scaled down), and whether they buy
 * without any offer (Revenue). The file is read by path, never copied.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from '../../src/core/lib/random';

/** The file read from the data folder. */
export const UCI_FILE = 'online_shoppers_intention.csv';
/** Most product pages one synthetic shopper opens. */
export const MAX_PRODUCT_PAGES = 2;
/** Real seconds on a product page become this many milliseconds in the simulation. */
export const DWELL_MS_PER_SECOND = 5;
const DWELL_RANGE_MS: readonly [number, number] = [50, 600];

/** One real session, reduced to what the simulation uses. */
export interface UciSession {
  productRelated: number;
  productRelatedDuration: number;
  revenue: boolean;
}

/** A synthetic shopper's behaviour. */
export interface ShopperProfile {
  /** Index of the session it was sampled from (row number, 0-based, header excluded). */
  row: number;
  productPages: number;
  /** Pause on each product page, ms. */
  dwellMs: number;
  /** Buys without an offer (the session's Revenue label). */
  buys: boolean;
}

/** Reads the sessions; throws naming the file and line when a row is malformed. */
export function readUciSessions(dataDir: string): UciSession[] {
  const path = join(dataDir, UCI_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`'--data' passed to 'simulate' must hold ${UCI_FILE}; cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',') ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: header has no '${name}' column`);
    return i;
  };
  const [pr, prd, rev] = [col('ProductRelated'), col('ProductRelated_Duration'), col('Revenue')];
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    const productRelated = Number(cells[pr]);
    const productRelatedDuration = Number(cells[prd]);
    const revenue = cells[rev]?.trim().toUpperCase();
    if (!Number.isFinite(productRelated) || productRelated < 0 || !Number.isFinite(productRelatedDuration) || productRelatedDuration < 0 || (revenue !== 'TRUE' && revenue !== 'FALSE')) {
      throw new Error(`${path}:${i + 2}: ProductRelated, ProductRelated_Duration or Revenue is not valid`);
    }
    return { productRelated, productRelatedDuration, revenue: revenue === 'TRUE' };
  });
}

/** Share of sessions that bought. */
export function revenueRate(sessions: readonly UciSession[]): number {
  if (sessions.length === 0) throw new RangeError("'sessions' passed to 'revenueRate' must be non-empty");
  return sessions.filter((s) => s.revenue).length / sessions.length;
}

/** The behaviour of a shopper sampled from `session` (row `row`). */
export function profileOf(session: UciSession, row: number): ShopperProfile {
  const pages = Math.max(1, Math.min(MAX_PRODUCT_PAGES, Math.round(session.productRelated)));
  const perPageSeconds = session.productRelated > 0 ? session.productRelatedDuration / session.productRelated : 0;
  const [lo, hi] = DWELL_RANGE_MS;
  const dwellMs = Math.round(Math.max(lo!, Math.min(hi!, perPageSeconds * DWELL_MS_PER_SECOND)));
  return { row, productPages: pages, dwellMs, buys: session.revenue };
}

/** `count` shoppers drawn uniformly with replacement from `sessions`. */
export function sampleShoppers(sessions: readonly UciSession[], count: number, rng: Rng): ShopperProfile[] {
  if (sessions.length === 0) throw new RangeError("'sessions' passed to 'sampleShoppers' must be non-empty");
  return Array.from({ length: count }, () => {
    const row = Math.min(sessions.length - 1, Math.floor(rng() * sessions.length));
    return profileOf(sessions[row]!, row);
  });
}

/**
 * Probability that a shopper who would not buy anyway buys because an offer
 * of `tier` is shown, such that the purchase rate rises by exactly
 * `uplift[tier]` over the population: P(buy | shown) = r + u requires
 * non-buyers to convert with u / (1 − r).
 */
export function conversionOfNonBuyers(uplift: Readonly<Record<number, number>>, tier: number, baseRate: number): number {
  const u = uplift[tier] ?? 0;
  if (!(baseRate >= 0 && baseRate < 1)) throw new RangeError(`'baseRate' passed to 'conversionOfNonBuyers' must be in [0, 1), got ${baseRate}`);
  return Math.min(1, u / (1 - baseRate));
}
