import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateBatch } from '../../../src/core/privacy';
import { batchSchema, fieldPath, firstIssue } from '../../../src/server/collector/wireSchema';
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
