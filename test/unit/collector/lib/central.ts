/** The central channel's test rig: a prior built in code, loud-ε settings, seeded noise, measurement uploads. */
import { Hono } from 'hono';
import {
  CELL_PRIOR_FORMAT,
  DEFAULT_CELL_SPEC,
  LEARNING_TIERS,
  MEASUREMENT_SCHEMA,
  cellCount,
  measurementIndex,
  parseCellPriorFile,
  type CellPriorFile,
  type CentralDpSettings,
  type LearningTier,
  type MeasurementReport,
} from '../../../../src/core/learning';
import { mulberry32 } from '../../../../src/core/lib/random';
import { uniformSourceFromRng } from '../../../../src/core/privacy/discreteNoise';
import { mountCollector, type CollectorDeps } from '../../../../src/server/collector';
import { rig, TODAY, type Rig } from './harness';
import { testGuard } from '../../lib/merchants';

export const SPEC = DEFAULT_CELL_SPEC;

/** Every cell's prior: the model's mean P(buy) rising slowly with the discount. */
export const PRIOR: CellPriorFile = parseCellPriorFile(
  { format: CELL_PRIOR_FORMAT, spec: SPEC, tiers: [...LEARNING_TIERS], prior: Array.from({ length: cellCount(SPEC) }, () => [0.1, 0.11, 0.12, 0.13, 0.14]), source: { test: true } },
  'test prior',
);

/** ε = 8 per device-week: σ ≈ 0.63 per entry, so a few hundred measurements are learned clearly. */
export const LOUD_DP: CentralDpSettings = { epsilon: 8, delta: 1e-4, reportsPerDeviceWeek: 1, k: 50 };

/** The central deps every test starts from. */
export function centralDeps(seed = 7): Partial<CollectorDeps> {
  return { reportChannel: 'central', cellPrior: PRIOR, centralDp: LOUD_DP, noiseSource: uniformSourceFromRng(mulberry32(seed)) };
}

/** A central-channel rig. */
export function centralRig(deps: Partial<CollectorDeps> = {}): Rig {
  return rig({ ...centralDeps(), ...deps });
}

/** A second collector over the same database and clock (a restart, or a second server). */
export function secondCollector(r: Rig, deps: Partial<CollectorDeps> = {}): Hono {
  const app = new Hono();
  mountCollector(app, { db: r.db, now: () => r.clock.now, rateLimit: { limit: 100_000, windowMs: 60_000 }, merchants: testGuard({ now: () => r.clock.now }), ...centralDeps(99), ...deps });
  return app;
}

/** A valid measurement for today with a key derived from `i`. */
export function measurement(i: number, cell = 0, arm: LearningTier | 'holdout' = 10, bought = false, fields: Partial<MeasurementReport> = {}): MeasurementReport {
  return {
    schema: MEASUREMENT_SCHEMA,
    idempotencyKey: (0xabc000000 + i).toString(16).padStart(32, '0'),
    day: TODAY,
    spec: SPEC.version,
    index: measurementIndex(SPEC, cell, arm, bought),
    ...fields,
  };
}

/** `n` exposures of one (cell, arm), `buyers` of them buying, keys from `start`. */
export function exposures(start: number, cell: number, arm: LearningTier | 'holdout', n: number, buyers: number, day = TODAY): MeasurementReport[] {
  return Array.from({ length: n }, (_, i) => measurement(start + i, cell, arm, i < buyers, { day }));
}

/** POSTs a JSON (or raw string) body to /v1/measurements. */
export function postMeasurements(app: Hono, body: unknown): Promise<Response> {
  return Promise.resolve(app.request('/v1/measurements', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }));
}

/** Uploads in batches of 50; throws unless every batch is accepted whole. Returns the summed results. */
export async function uploadMeasurements(app: Hono, ms: readonly MeasurementReport[], site = 'demo'): Promise<{ accepted: number; duplicates: number; late: number }> {
  const total = { accepted: 0, duplicates: 0, late: 0 };
  for (let i = 0; i < ms.length; i += 50) {
    const res = await postMeasurements(app, { site, measurements: ms.slice(i, i + 50) });
    if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as typeof total;
    total.accepted += body.accepted;
    total.duplicates += body.duplicates;
    total.late += body.late;
  }
  return total;
}

/** Rows in the central channel's tables. */
export function centralRows(r: Rig): { counts: number; keys: number; epochs: number; batches: number } {
  const n = (t: string) => (r.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { counts: n('measurement_counts'), keys: n('measurement_keys'), epochs: n('measurement_epochs'), batches: n('measurement_batches') };
}

export const DAY_MS = 86_400_000;
