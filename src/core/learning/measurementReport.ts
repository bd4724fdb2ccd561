/**
 * The measurement report: what a device sends on the central channel. It is one entry of the
 * (cell × arm × outcome) measurement (measurement.ts) and nothing else: no arm name, no order value, no policy
 * version, no timestamp finer than the UTC day. The collector only ever adds it to its batch's sums; the
 * learning code sees the batch once it is released with noise (aggregation.ts).
 *
 * The propensity of the decision stays on the device (its decision record, shown in the audit view): every
 * device of a cell draws from the same served allocation, so the allocation of the day is the propensity and
 * sending it would only add a field that varies between devices.
 *
 * Pure TypeScript because the worker uses it; the collector mirrors it in zod (src/server/collector/wireSchema.ts)
 * and a test proves the two accept and reject the same inputs.
 */
import { IDEMPOTENCY_KEY_RE, MAX_BATCH, SITE_RE, type Validation } from '../privacy/report';
import { newIdempotencyKey } from '../privacy/randomizedResponse';
import type { CellSpec } from './contextCells';
import { measurementIndex, type LearningTier } from './measurement';

/** Wire schema of a measurement report; bumped on any change of its fields. */
export const MEASUREMENT_SCHEMA = 'measurement-1';

/** A cell spec version as it travels: short, printable. */
export const SPEC_VERSION_RE = /^[a-z0-9][a-z0-9._-]{0,31}$/;

/** Largest measurement index the wire accepts (the spec in force bounds it further, on the server). */
export const MAX_MEASUREMENT_INDEX = 1_000_000;

/** One measurement report. */
export interface MeasurementReport {
  schema: typeof MEASUREMENT_SCHEMA;
  /** Fresh random 128 bits per report, so a retried upload counts once. */
  idempotencyKey: string;
  /** UTC day of the decision. */
  day: number;
  /** The cell spec the index was computed under. */
  spec: string;
  /** The one entry this report adds 1 to. */
  index: number;
}

const FIELDS = ['schema', 'idempotencyKey', 'day', 'spec', 'index'] as const;

const bad = (field: string, message: string): { ok: false; field: string; message: string } => ({ ok: false, field, message });

/** Checks one measurement report strictly: every field present, typed and bounded, and no other field. */
export function validateMeasurement(value: unknown, path = ''): Validation<MeasurementReport> {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(path || 'measurement', 'must be an object');
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!(FIELDS as readonly string[]).includes(key)) return bad(at(key), 'is not a measurement field');
  for (const key of FIELDS) if (!Object.hasOwn(r, key)) return bad(at(key), 'is required');
  if (r.schema !== MEASUREMENT_SCHEMA) return bad(at('schema'), `must be '${MEASUREMENT_SCHEMA}'`);
  if (typeof r.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY_RE.test(r.idempotencyKey)) return bad(at('idempotencyKey'), 'must be 32 lower-case hex digits');
  if (typeof r.day !== 'number' || !Number.isInteger(r.day) || r.day < 0 || r.day > 1e6) return bad(at('day'), 'must be a UTC day number (integer ≥ 0)');
  if (typeof r.spec !== 'string' || !SPEC_VERSION_RE.test(r.spec)) return bad(at('spec'), 'must be a cell spec version (1-32 characters of a-z, 0-9, ., _ or -)');
  if (typeof r.index !== 'number' || !Number.isInteger(r.index) || r.index < 0 || r.index > MAX_MEASUREMENT_INDEX) {
    return bad(at('index'), `must be an integer in [0, ${MAX_MEASUREMENT_INDEX}]`);
  }
  return { ok: true, value: r as unknown as MeasurementReport };
}

/** Checks an upload `{site?, measurements}` of 1..{@link MAX_BATCH} valid measurement reports. */
export function validateMeasurementBatch(value: unknown): Validation<{ site?: string; measurements: MeasurementReport[] }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('body', 'must be an object');
  const body = value as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== 'site' && key !== 'measurements') return bad(key, 'is not an upload field');
  if (body.site !== undefined && (typeof body.site !== 'string' || !SITE_RE.test(body.site))) return bad('site', "must be 1-64 characters of a-z, 0-9, '-' or '_'");
  if (!Array.isArray(body.measurements)) return bad('measurements', 'must be an array');
  if (body.measurements.length === 0 || body.measurements.length > MAX_BATCH) return bad('measurements', `must hold 1 to ${MAX_BATCH} measurements`);
  for (let i = 0; i < body.measurements.length; i++) {
    const result = validateMeasurement(body.measurements[i], `measurements[${i}]`);
    if (!result.ok) return result;
  }
  return { ok: true, value: body as { site?: string; measurements: MeasurementReport[] } };
}

/** What one decision measured: its cell, its arm and whether the shopper bought within the outcome window. */
export interface MeasuredExposure {
  day: number;
  cell: number;
  arm: LearningTier | 'holdout';
  bought: boolean;
}

/** The report of one measured exposure (a fresh idempotency key; `randomBytes` for tests). */
export function measurementReport(spec: CellSpec, exposure: MeasuredExposure, randomBytes?: (n: number) => Uint8Array): MeasurementReport {
  if (!Number.isInteger(exposure.day) || exposure.day < 0) throw new RangeError(`'exposure.day' passed to 'measurementReport' must be a UTC day number, got ${String(exposure.day)}`);
  return {
    schema: MEASUREMENT_SCHEMA,
    idempotencyKey: newIdempotencyKey(randomBytes),
    day: exposure.day,
    spec: spec.version,
    index: measurementIndex(spec, exposure.cell, exposure.arm, exposure.bought),
  };
}
