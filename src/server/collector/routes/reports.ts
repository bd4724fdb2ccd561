/**
 * `POST /v1/reports`: `{site?, reports: Report[]}` (1–50 reports).
 * 200 `{accepted, duplicates}`; 400 on malformed JSON or any invalid report
 * (naming the field; nothing of the batch is stored); 429 with Retry-After when
 * a client floods. A 400 means "drop these reports", a 429 or 5xx "retry later".
 *
 * Only what this collector issued counts: a report must declare the ε served in `/v1/config` (the estimator
 * de-noises each report with the ε it declares, so one report claiming ε = 0.01 would weigh like hundreds), a
 * policy version issued for its site (or 'default'), and a day no later than today (UTC): a device reports a
 * decision once its 24 h outcome window has closed, so its day is never in the future.
 */
import type { Hono } from 'hono';
import { MAX_REPORT_AGE_DAYS, utcDay, type Report } from '../../../core/privacy';
import { jsonError } from '../lib/jsonError';
import type { PolicyStore } from '../policyStore';
import type { ClientRateLimiter } from '../rateLimiter';
import type { ResolvedDeps } from '../settings';
import { batchSchema } from '../wireSchema';
import { dailyKeyPruner, readUpload } from '../lib/upload';

/** How far a declared ε may be from the served one: float noise of a JSON round trip, nothing a device chooses. */
export const EPSILON_TOLERANCE = 1e-9;

/** What a report is checked against: the served ε, the versions issued for the site, and today. */
export interface IssuedTerms {
  epsilon: number;
  site: string;
  policies: Pick<PolicyStore, 'issued'>;
  today: number;
}

/** The first report whose day, ε or policy version this collector did not issue, as `{field, message}`; null when all pass. */
export function unissuedIssue(reports: readonly Report[], terms: IssuedTerms): { field: string; message: string } | null {
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i]!;
    const at = (name: string) => `reports[${i}].${name}`;
    if (r.day < terms.today - MAX_REPORT_AGE_DAYS || r.day > terms.today) {
      return { field: at('day'), message: `'${at('day')}' must be within the last ${MAX_REPORT_AGE_DAYS} days and not after today (UTC day ${terms.today}), got ${r.day}` };
    }
    if (Math.abs(r.epsilon - terms.epsilon) > EPSILON_TOLERANCE) {
      return { field: at('epsilon'), message: `'${at('epsilon')}' must be ${terms.epsilon}, the ε this collector serves in /v1/config, got ${r.epsilon}` };
    }
    if (r.policyVersion !== 'default' && !terms.policies.issued(terms.site, r.policyVersion)) {
      return { field: at('policyVersion'), message: `'${at('policyVersion')}' must be 'default' or a version this collector issued for site '${terms.site}', got '${r.policyVersion}'` };
    }
  }
  return null;
}

/** Mounts the upload route. */
export function mountReportRoutes(app: Hono, deps: ResolvedDeps, limiter: ClientRateLimiter): void {
  const prune = dailyKeyPruner((day) => deps.reports.pruneKeys(day));
  const route = { limiter, clientAddress: deps.clientAddress, schema: batchSchema, field: 'reports', invalid: 'invalid_report' };
  app.post('/v1/reports', async (c) => {
    const upload = await readUpload(c, route);
    if (!upload.ok) return upload.response;
    const today = utcDay(deps.now());
    const site = upload.data.site ?? 'default';
    const issue = unissuedIssue(upload.data.reports, { epsilon: deps.settings.epsilon, site, policies: deps.policies, today });
    if (issue) return jsonError(c, 400, 'invalid_report', issue.message, { field: issue.field });
    prune(today);
    const result = deps.reports.insert(site, upload.data.reports);
    return c.json(result, 200, { 'Cache-Control': 'no-store' });
  });
}
