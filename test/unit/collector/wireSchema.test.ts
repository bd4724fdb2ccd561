import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateBatch } from '../../../src/core/privacy';
import { MAX_BATCH } from '../../../src/core/privacy';
import { MAX_MEASUREMENT_INDEX, MEASUREMENT_SCHEMA, validateMeasurementBatch, type MeasurementReport } from '../../../src/core/learning';
import { batchSchema, fieldPath, firstIssue, measurementBatchSchema } from '../../../src/server/collector/wireSchema';
import { VALID } from '../privacy/lib/fixtures';

const FIELDS = Object.keys(VALID);
const anyValue = fc.oneof(
  fc.constantFrom(0, 1, 2, -1, 0.5, 5, 6, 20_000, 1e7, Math.log(3), 0.001, 9, 'tier10', 'holdout', 'up', 'meh', 'default', '7', '07', 'a'.repeat(32), 'A'.repeat(32), null, true, [], {}),
  fc.jsonValue(),
);

/** A valid report with a few random edits: a field replaced, removed, or added. */
const mutated = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...FIELDS, 'extra', '__proto__'), fc.option(anyValue, { nil: undefined })), { maxLength: 3 }))
  .map(([edits]) => {
    const out: Record<string, unknown> = { ...VALID };
    for (const [key, value] of edits) {
      if (value === undefined) delete out[key];
      else Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
    }
    return out;
  });

describe('wire schema: zod on the server, plain TS in the SDK', () => {
  it('accept and reject exactly the same uploads', () => {
    fc.assert(
      fc.property(fc.array(mutated, { minLength: 0, maxLength: 3 }), fc.option(fc.constantFrom('demo', 'Bad', 'a-b_c', 7), { nil: undefined }), (reports, site) => {
        const body = JSON.parse(JSON.stringify({ ...(site !== undefined ? { site } : {}), reports }));
        expect(batchSchema.safeParse(body).success).toBe(validateBatch(body).ok);
      }),
      { numRuns: 2000 },
    );
  });

  it('name the same field for single-fault reports', () => {
    for (const field of FIELDS) {
      const body = { reports: [{ ...VALID, [field]: 'wrong' }] };
      const zod = batchSchema.safeParse(body);
      const core = validateBatch(body);
      expect(zod.success).toBe(false);
      expect(core.ok).toBe(false);
      if (!zod.success && !core.ok) expect(firstIssue(zod.error).field).toBe(core.field);
    }
    const extra = batchSchema.safeParse({ reports: [{ ...VALID, ip: '1.2.3.4' }] });
    expect(!extra.success && firstIssue(extra.error)).toEqual({ field: 'reports[0].ip', message: "'reports[0].ip' is not an allowed field" });
    expect(fieldPath(['reports', 3, 'day'])).toBe('reports[3].day');
  });
});

describe('measurement wire schema: zod on the server, plain TS in the SDK', () => {
  const VALID_MEASUREMENT: MeasurementReport = { schema: MEASUREMENT_SCHEMA, idempotencyKey: 'ab'.repeat(16), day: 20_785, spec: 'cells-1', index: 17 };
  const KEYS = Object.keys(VALID_MEASUREMENT);
  const measurementValue = fc.oneof(
    fc.constantFrom(0, 1, -1, 0.5, 1e6, 1e6 + 1, MAX_MEASUREMENT_INDEX, MAX_MEASUREMENT_INDEX + 1, 'measurement-1', 'measurement-2', 1, 'cells-1', 'Cells-1', '-x', 'a'.repeat(32), 'a'.repeat(33), 'ab'.repeat(16), 'AB'.repeat(16), '', null, true, [], {}),
    fc.jsonValue(),
  );
  const mutatedMeasurement = fc
    .array(fc.tuple(fc.constantFrom(...KEYS, 'cell', '__proto__'), fc.option(measurementValue, { nil: undefined })), { maxLength: 3 })
    .map((edits) => {
      const out: Record<string, unknown> = { ...VALID_MEASUREMENT };
      for (const [key, value] of edits) {
        if (value === undefined) delete out[key];
        else Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
      }
      return out;
    });
  // Mostly no extra envelope key and a valid site, so a good share of the bodies is accepted.
  const envelope = fc.constantFrom(undefined, undefined, undefined, undefined, 'site', 'reports', 'extra');
  const site = fc.constantFrom(undefined, undefined, 'demo', 'a-b_c', 'Bad', 7, '');
  const measurementOrValid = fc.oneof(fc.constant(VALID_MEASUREMENT), mutatedMeasurement);

  it('accept and reject exactly the same uploads', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 6, arbitrary: fc.array(measurementOrValid, { minLength: 0, maxLength: 3 }) },
          { weight: 1, arbitrary: fc.integer({ min: MAX_BATCH - 1, max: MAX_BATCH + 1 }).map((n) => Array.from({ length: n }, () => VALID_MEASUREMENT)) },
          { weight: 1, arbitrary: measurementValue },
        ),
        site,
        envelope,
        (measurements, site, extra) => {
          const body = JSON.parse(JSON.stringify({ ...(site !== undefined ? { site } : {}), measurements, ...(extra ? { [extra]: 1 } : {}) }));
          expect(measurementBatchSchema.safeParse(body).success).toBe(validateMeasurementBatch(body).ok);
        },
      ),
      { numRuns: 2000 },
    );
    for (const body of [null, [], 'x', 3]) expect(measurementBatchSchema.safeParse(body).success).toBe(validateMeasurementBatch(body).ok);
  });

  it('name the same field for single-fault measurements', () => {
    for (const field of KEYS) {
      const body = { measurements: [{ ...VALID_MEASUREMENT, [field]: 'wrong!' }] };
      const zod = measurementBatchSchema.safeParse(body);
      const core = validateMeasurementBatch(body);
      expect(zod.success).toBe(false);
      expect(core.ok).toBe(false);
      if (!zod.success && !core.ok) expect(firstIssue(zod.error).field).toBe(core.field);
    }
    expect(measurementBatchSchema.safeParse({ measurements: [VALID_MEASUREMENT] }).success).toBe(true);
  });
});
