/**
 * `GET /v1/config?site=`: the site's policy config (calibration, exploration,
 * ε, k, budget; the merchant's policy and page-value table when set; on the
 * central channel `channel: 'central'` and the per-cell allocation `cells`),
 * cacheable for 5 minutes, with an ETag (304 on a matching
 * If-None-Match). `POST /v1/config/recompute?site=` recomputes now; it needs
 * `Authorization: Bearer <TAILOR_ADMIN_TOKEN>` and is off without a token.
 */
import type { Context, Hono } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SITE_RE, contentHash, type PolicySnapshot } from '../../../core/privacy';
import { jsonError } from '../lib/jsonError';
import type { PolicyService } from '../policyService';
import type { ClientRateLimiter } from '../rateLimiter';
import type { ResolvedDeps } from '../settings';
import type { PageValueTable } from '../../../core/pageValues';
import type { ServedCells } from '../../../core/learning';
import type { CellService } from '../cellService';

/** What the merchant configured beside the learned snapshot: the offer policy and the page-value table. */
export interface MerchantInputs {
  readonly merchantPolicy: Record<string, unknown> | null;
  readonly pageValues: PageValueTable | null;
}

const NO_INPUTS: MerchantInputs = { merchantPolicy: null, pageValues: null };

/**
 * The config body: the snapshot, the merchant's policy and page values (if set), the central channel's
 * allocation (when it runs), and the site it is for.
 */
export function configBody(site: string, snapshot: PolicySnapshot, inputs: MerchantInputs = NO_INPUTS, cells: ServedCells | null = null): Record<string, unknown> {
  return {
    site,
    ...snapshot,
    ...(inputs.merchantPolicy ? { policy: inputs.merchantPolicy } : {}),
    ...(inputs.pageValues ? { pageValues: inputs.pageValues } : {}),
    ...(cells ? { channel: 'central', cells } : {}),
  };
}

/** Strong ETag of a body: the version and content hashes identify it (the allocation's too, which changes without a version). */
export function configEtag(snapshot: PolicySnapshot, inputs: MerchantInputs = NO_INPUTS, cells: ServedCells | null = null): string {
  const extra = [inputs.merchantPolicy, inputs.pageValues, cells].map((x) => (x ? `.${contentHash(x)}` : '')).join('');
  return `"${snapshot.version}.${snapshot.hash}${extra}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  // Weak comparison, as RFC 9110 asks for If-None-Match.
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Mounts the config routes. */
export function mountConfigRoutes(app: Hono, deps: ResolvedDeps, service: PolicyService, limiter: ClientRateLimiter, cells: CellService | null = null): void {
  const site = (c: Context): string | null => {
    const s = c.req.query('site') || 'default';
    return SITE_RE.test(s) ? s : null;
  };

  app.get('/v1/config', (c) => {
    const s = site(c);
    if (s === null) return jsonError(c, 400, 'invalid_query', "'site' must be 1-64 characters of a-z, 0-9, '-' or '_'", { field: 'site' });
    const snapshot = service.current(s);
    const served = cells?.current(s).served ?? null;
    const etag = configEtag(snapshot, deps, served);
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=300' };
    if (matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    return c.json(configBody(s, snapshot, deps, served), 200, headers);
  });

  app.post('/v1/config/recompute', (c) => {
    const verdict = limiter.hit(deps.clientAddress(c));
    if (!verdict.allowed) return jsonError(c, 429, 'rate_limited', `retry in ${verdict.retryAfterSeconds} s`, {}, { 'Retry-After': String(verdict.retryAfterSeconds) });
    if (deps.adminToken === null) return jsonError(c, 403, 'forbidden', 'recompute is disabled: TAILOR_ADMIN_TOKEN is not set');
    const given = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    // Compare digests so neither length nor content leaks through timing.
    if (!timingSafeEqual(digest(given), digest(deps.adminToken))) {
      return jsonError(c, 401, 'unauthorized', 'a valid admin token is required', {}, { 'WWW-Authenticate': 'Bearer' });
    }
    const s = site(c);
    if (s === null) return jsonError(c, 400, 'invalid_query', "'site' must be 1-64 characters of a-z, 0-9, '-' or '_'", { field: 'site' });
    const snapshot = service.recompute(s);
    const served = cells?.recompute(s).served ?? null;
    return c.json(configBody(s, snapshot, deps, served), 200, { 'Cache-Control': 'no-store', ETag: configEtag(snapshot, deps, served) });
  });
}
