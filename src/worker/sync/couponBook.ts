/**
 * The coupon book: one signed code per tier, fetched from the collector at
 * once and cached locally until it expires. Every consented device fetches
 * a book whether or not it will ever see an offer (holdout included), so the
 * server learns neither the tier shown nor whether an offer is shown at all.
 */
import type { Store } from '../store/store';
import { send, type SendDeps } from './send';

/** One code of the book. */
export interface BookCode {
  tier: number;
  code: string;
  expiresAt: number;
}

/** A cached book. */
export interface CouponBook {
  codes: BookCode[];
  expiresAt: number;
  fetchedAt: number;
}

/** The `meta` key of the cached book. */
export const BOOK_KEY = 'coupon-book';
/** A book is refreshed when less than this much validity is left (ms). */
const REFRESH_MARGIN_MS = 60 * 60 * 1000;

function isBook(value: unknown): value is { codes: BookCode[]; expiresAt: number } {
  const v = value as { codes?: unknown; expiresAt?: unknown } | null;
  return (
    !!v &&
    typeof v.expiresAt === 'number' &&
    Array.isArray(v.codes) &&
    v.codes.every((c: BookCode) => c && typeof c.tier === 'number' && typeof c.code === 'string' && c.code.length <= 40 && typeof c.expiresAt === 'number')
  );
}

/** Returns a valid cached book, fetching a new one when missing or near expiry; null when unavailable. */
export async function couponBook(deps: SendDeps & { store: Store; site: string; tiers: number[] }): Promise<CouponBook | null> {
  const now = (deps.now ?? Date.now)();
  const cached = await deps.store.getMeta<CouponBook>(BOOK_KEY);
  if (cached && isBook(cached) && cached.expiresAt - now > REFRESH_MARGIN_MS) return cached;
  try {
    const response = await send(deps, 'POST', '/v1/coupons/book', { site: deps.site, tiers: deps.tiers });
    if (!response.ok) return cached && isBook(cached) && cached.expiresAt > now ? cached : null;
    const body: unknown = await response.json();
    if (!isBook(body)) return null;
    const book: CouponBook = { codes: body.codes, expiresAt: body.expiresAt, fetchedAt: now };
    await deps.store.setMeta(BOOK_KEY, book);
    return book;
  } catch {
    return cached && isBook(cached) && cached.expiresAt > now ? cached : null;
  }
}

/** The code for `tier` in `book`, if present and unexpired. */
export function codeFor(book: CouponBook | null, tier: number, now: number): BookCode | null {
  return book?.codes.find((c) => c.tier === tier && c.expiresAt > now) ?? null;
}
