/**
 * Request bodies of the coupon routes. Messages complete "'field' …" (see `readBody`), so every error names its field.
 */
import { isIpAddress } from '../lib/clientAddress';
import { z } from 'zod';
import { COUPON_SITE_RE } from '../../core/coupon';

/** Largest order value accepted, in currency units: keeps the cent arithmetic exact. */
export const MAX_ORDER_VALUE = 1_000_000_000;
/** Longest code string accepted before normalisation (a code is 24 characters; spaces may be pasted along). */
export const MAX_CODE_INPUT = 64;

const required = (otherwise: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : otherwise);

const SITE_RULE = "must be 1-64 characters of a-z, 0-9, '-' or '_'";
const site = z.string({ error: required(`must be a string; ${SITE_RULE}`) }).regex(COUPON_SITE_RE, { error: SITE_RULE });

/** `POST /v1/coupons/book`: `{site, tiers?}`, `tiers` a non-empty subset of the server's `allowed` tiers. */
export function bookBodySchema(allowed: readonly number[]) {
  const choices = allowed.join(', ');
  const tier = z.number({ error: `must be one of ${choices}` }).refine((t) => allowed.includes(t), { error: `must be one of ${choices}` });
  return z.object({
    site,
    tiers: z
      .array(tier, { error: `must be an array of tiers from ${choices}` })
      .min(1, { error: `must list at least one tier from ${choices}` })
      .max(allowed.length, { error: `must list at most ${allowed.length} distinct tiers` })
      .refine((tiers) => new Set(tiers).size === tiers.length, { error: 'must not repeat a tier' })
      .optional(),
  });
}

const code = z.string({ error: required('must be a string') }).max(MAX_CODE_INPUT, { error: `must be at most ${MAX_CODE_INPUT} characters` });
/**
 * The shopper's IP address as the merchant's backend saw it: optional; when given, refused codes are also limited
 * per shopper network (coarsened and hashed like every limiter key, never stored).
 */
const shopperAddress = z
  .string({ error: 'must be an IPv4 or IPv6 address' })
  .max(64, { error: 'must be an IPv4 or IPv6 address' })
  .refine(isIpAddress, { error: 'must be an IPv4 or IPv6 address' })
  .optional();

/** `POST /v1/coupons/redeem`: `{code, orderValue, site?, shopperAddress?}`. */
export const redeemBodySchema = z.object({
  code,
  orderValue: z
    .number({ error: required(`must be a number from 0 to ${MAX_ORDER_VALUE}`) })
    .min(0, { error: `must be a number from 0 to ${MAX_ORDER_VALUE}` })
    .max(MAX_ORDER_VALUE, { error: `must be a number from 0 to ${MAX_ORDER_VALUE}` }),
  site: site.optional(),
  shopperAddress,
});

/** `POST /v1/coupons/check`: `{code, site?, shopperAddress?}`. */
export const checkBodySchema = z.object({ code, site: site.optional(), shopperAddress });
