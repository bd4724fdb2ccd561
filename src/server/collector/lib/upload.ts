/**
 * The steps every upload route takes before its own checks, in one place: the client's rate limit (429 with
 * Retry-After), a JSON body (400 `invalid_json`), the wire schema (400 with the first bad field), and the daily
 * pruning of idempotency keys past the acceptance window.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { MAX_REPORT_AGE_DAYS } from '../../../core/privacy';
import { jsonError } from './jsonError';
import type { ClientRateLimiter } from '../rateLimiter';
import { firstIssue } from '../wireSchema';

/** A parsed upload, or the response that refused it. */
export type Upload<T> = { ok: true; data: T } | { ok: false; response: Response };

/** What {@link readUpload} needs to know about a route. */
export interface UploadRoute<S extends z.ZodType> {
  limiter: ClientRateLimiter;
  clientAddress: (c: Context) => string | undefined;
  schema: S;
  /** The array field, for the error message ('reports', 'measurements'). */
  field: string;
  /** The error code of a schema failure ('invalid_report', …). */
  invalid: string;
}

/** Rate limit, JSON, schema: the upload, or the refusal to send. */
export async function readUpload<S extends z.ZodType>(c: Context, route: UploadRoute<S>): Promise<Upload<z.infer<S>>> {
  const verdict = route.limiter.hit(route.clientAddress(c));
  if (!verdict.allowed) {
    return { ok: false, response: jsonError(c, 429, 'rate_limited', `too many uploads; retry in ${verdict.retryAfterSeconds} s`, {}, { 'Retry-After': String(verdict.retryAfterSeconds) }) };
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: jsonError(c, 400, 'invalid_json', `the body must be JSON: {"${route.field}": [...]}`) };
  }
  const parsed = route.schema.safeParse(body);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    return { ok: false, response: jsonError(c, 400, route.invalid, issue.message, { field: issue.field }) };
  }
  return { ok: true, data: parsed.data };
}

/**
 * Prunes idempotency keys at most once per UTC day: a key older than the acceptance window can never be
 * replayed successfully, so it can go.
 */
export function dailyKeyPruner(prune: (beforeDay: number) => void): (today: number) => void {
  let prunedOn = -1;
  return (today) => {
    if (prunedOn === today) return;
    prune(today - MAX_REPORT_AGE_DAYS - 1);
    prunedOn = today;
  };
}
