/** Parsing of the `site`, `from`, `to`, `policyVersion` query shared by the estimate routes and the dashboard. */
import { POLICY_VERSION_RE, SITE_RE, utcDay } from '../../../core/privacy';
import type { EstimatesQuery } from '../estimatesView';
import { parseDay } from './days';

/** Longest range one query may cover, in days. */
export const MAX_RANGE_DAYS = 366;

/** The query, or the parameter that is wrong. */
export type ParsedQuery = { ok: true; query: EstimatesQuery } | { ok: false; field: string; message: string };

/**
 * Reads the query. Defaults: site 'default', `to` today, `from` the
 * `windowDays` days ending at `to`, all policy versions.
 */
export function parseEstimatesQuery(get: (name: string) => string | undefined, now: number, windowDays: number): ParsedQuery {
  const site = get('site') || 'default';
  if (!SITE_RE.test(site)) return { ok: false, field: 'site', message: "'site' must be 1-64 characters of a-z, 0-9, '-' or '_'" };
  const toRaw = get('to');
  const fromRaw = get('from');
  const toDay = toRaw ? parseDay(toRaw) : utcDay(now);
  if (toDay === null) return { ok: false, field: 'to', message: "'to' must be a date (YYYY-MM-DD) or a UTC day number" };
  const fromDay = fromRaw ? parseDay(fromRaw) : toDay - windowDays + 1;
  if (fromDay === null) return { ok: false, field: 'from', message: "'from' must be a date (YYYY-MM-DD) or a UTC day number" };
  if (fromDay > toDay) return { ok: false, field: 'from', message: "'from' must not be after 'to'" };
  if (toDay - fromDay + 1 > MAX_RANGE_DAYS) return { ok: false, field: 'from', message: `the range must span at most ${MAX_RANGE_DAYS} days` };
  const version = get('policyVersion') || null;
  if (version !== null && !POLICY_VERSION_RE.test(version)) return { ok: false, field: 'policyVersion', message: "'policyVersion' must be 'default' or a decimal version" };
  return { ok: true, query: { site, fromDay, toDay, policyVersion: version } };
}
