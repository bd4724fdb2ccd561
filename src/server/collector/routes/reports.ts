/**
 * `POST /v1/reports`: `{site?, reports: Report[]}` (1–50 reports).
 * 200 `{accepted, duplicates}`; 400 on malformed JSON or any invalid report
 * (naming the field; nothing of the batch is stored); 429 with Retry-After when
 * a client floods. A 400 means "drop these reports", a 429 or 5xx "retry later".
 */
import type { Hono } from 'hono';
import { MAX_REPORT_AGE_DAYS, utcDay } from '../../../core/privacy';
import { jsonError } from '../lib/jsonError';
import type { SlidingWindowLimiter } from '../rateLimiter';
import type { ResolvedDeps } from '../settings';
import { batchSchema, firstIssue } from '../wireSchema';

/** Mounts the upload route. */
export function mountReportRoutes(app: Hono, deps: ResolvedDeps, limiter: SlidingWindowLimiter): void {
  let prunedOn = -1;
  app.post('/v1/reports', async (c) => {
    const verdict = limiter.hit(deps.clientAddress(c));
    if (!verdict.allowed) {
      return jsonError(c, 429, 'rate_limited', `too many uploads; retry in ${verdict.retryAfterSeconds} s`, {}, { 'Retry-After': String(verdict.retryAfterSeconds) });
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return jsonError(c, 400, 'invalid_json', 'the body must be JSON: {"reports": [...]}');
    }
    const parsed = batchSchema.safeParse(body);
    if (!parsed.success) return jsonError(c, 400, 'invalid_report', firstIssue(parsed.error).message, { field: firstIssue(parsed.error).field });
    const today = utcDay(deps.now());
    const tooOld = parsed.data.reports.findIndex((r) => r.day < today - MAX_REPORT_AGE_DAYS || r.day > today + 1);
    if (tooOld >= 0) {
      const field = `reports[${tooOld}].day`;
      return jsonError(c, 400, 'invalid_report', `'${field}' must be within the last ${MAX_REPORT_AGE_DAYS} days`, { field });
    }
    if (prunedOn !== today) {
      // A key older than the acceptance window can never be replayed successfully, so it can go.
      deps.reports.pruneKeys(today - MAX_REPORT_AGE_DAYS - 1);
      prunedOn = today;
    }
    const result = deps.reports.insert(parsed.data.site ?? 'default', parsed.data.reports);
    return c.json(result, 200, { 'Cache-Control': 'no-store' });
  });
}
