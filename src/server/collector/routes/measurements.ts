/**
 * `POST /v1/measurements`: `{site?, measurements: MeasurementReport[]}` (1–50), the central channel's uploads.
 * 200 `{accepted, duplicates, late}`; 400 on malformed JSON, any invalid measurement, a day outside the
 * acceptance window, a spec other than the served one or an index past its measurement (naming the field;
 * nothing of the batch is stored); 429 with Retry-After when a client floods (the same budget as
 * `/v1/reports`); 404 when the collector runs the local channel. A 400 means "drop these", a 429 or 5xx
 * "retry later".
 */
import type { Hono } from 'hono';
import { measurementLength, type MeasurementReport } from '../../../core/learning';
import { MAX_REPORT_AGE_DAYS, utcDay } from '../../../core/privacy';
import { jsonError } from '../lib/jsonError';
import type { ClientRateLimiter } from '../rateLimiter';
import type { CentralSettings, ResolvedDeps } from '../settings';
import { measurementBatchSchema } from '../wireSchema';
import { dailyKeyPruner, readUpload } from '../lib/upload';

/** The first measurement the served spec and the acceptance window refuse, as `{field, message}`; null when all pass. */
export function servedSpecIssue(measurements: readonly MeasurementReport[], central: CentralSettings, today: number): { field: string; message: string } | null {
  const { spec } = central.cellPrior;
  const length = measurementLength(spec);
  for (let i = 0; i < measurements.length; i++) {
    const m = measurements[i]!;
    const at = (name: string) => `measurements[${i}].${name}`;
    // A measurement is made once its decision's 24 h window closed: its day is never after today.
    if (m.day < today - MAX_REPORT_AGE_DAYS || m.day > today) return { field: at('day'), message: `'${at('day')}' must be within the last ${MAX_REPORT_AGE_DAYS} days and not after today (UTC day ${today}), got ${m.day}` };
    // A measurement under another spec indexes other cells: adding it would corrupt the sums.
    if (m.spec !== spec.version) return { field: at('spec'), message: `'${at('spec')}' must be the served cell spec '${spec.version}', got '${m.spec}'` };
    if (m.index >= length) return { field: at('index'), message: `'${at('index')}' must be below ${length}, the measurement length of spec '${spec.version}'` };
  }
  return null;
}

/** Mounts the measurement upload route. */
export function mountMeasurementRoutes(app: Hono, deps: ResolvedDeps, limiter: ClientRateLimiter): void {
  const prune = dailyKeyPruner((day) => deps.measurements.pruneKeys(day));
  const route = { limiter, clientAddress: deps.clientAddress, schema: measurementBatchSchema, field: 'measurements', invalid: 'invalid_measurement' };
  app.post('/v1/measurements', async (c) => {
    const central = deps.central;
    if (central === null) return jsonError(c, 404, 'channel_off', "the central report channel is off on this collector (TAILOR_REPORT_CHANNEL is 'local'); send local-DP reports to /v1/reports");
    const upload = await readUpload(c, route);
    if (!upload.ok) return upload.response;
    const today = utcDay(deps.now());
    const issue = servedSpecIssue(upload.data.measurements, central, today);
    if (issue) return jsonError(c, 400, 'invalid_measurement', issue.message, { field: issue.field });
    prune(today);
    const result = deps.measurements.insert(upload.data.site ?? 'default', upload.data.measurements, central.maxBatchDays);
    return c.json(result, 200, { 'Cache-Control': 'no-store' });
  });
}
