/**
 * HMAC-SHA256 from `node:crypto`, in the shape `src/core/coupon` takes.
 */
import { createHmac } from 'node:crypto';
import type { HmacSha256 } from '../../../core/coupon';

/** HMAC-SHA256 of `message` under `key`. */
export const nodeHmacSha256: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());
