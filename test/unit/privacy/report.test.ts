import { describe, expect, it } from 'vitest';
import {
  FIELD_WEIGHTS,
  MAX_BATCH,
  ORDER_VALUE_BUCKETS,
  RANDOMIZED_FIELDS,
  orderValueBucket,
  validateBatch,
  validateReport,
} from '../../../src/core/privacy';
import { VALID } from './lib/fixtures';


describe('report schema', () => {
  it('accepts a well-formed report', () => {
    expect(validateReport(VALID)).toEqual({ ok: true, value: VALID });
  });

  it('names the first bad field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...VALID, userId: 'x' }, 'userId'],
      [{ ...VALID, url: 'https://shop/p/1' }, 'url'],
      [{ ...VALID, ts: 1_700_000_000_000 }, 'ts'],
      [{ ...VALID, day: 20_000.5 }, 'day'],
      [{ ...VALID, day: '20000' }, 'day'],
      [{ ...VALID, clicked: true }, 'clicked'],
      [{ ...VALID, purchased: 2 }, 'purchased'],
      [{ ...VALID, orderValueBucket: ORDER_VALUE_BUCKETS }, 'orderValueBucket'],
      [{ ...VALID, satisfaction: 'meh' }, 'satisfaction'],
      [{ ...VALID, arm: 'tier0' }, 'arm'],
      [{ ...VALID, arm: 'tier100' }, 'arm'],
      [{ ...VALID, arm: 'tier07' }, 'arm'],
      [{ ...VALID, arm: 'Tier5' }, 'arm'],
      [{ ...VALID, schema: 2 }, 'schema'],
      [{ ...VALID, idempotencyKey: 'ABCDEF0123456789abcdef0123456789' }, 'idempotencyKey'],
      [{ ...VALID, idempotencyKey: 'abc' }, 'idempotencyKey'],
      [{ ...VALID, policyVersion: 'user-42' }, 'policyVersion'],
      [{ ...VALID, epsilon: 0 }, 'epsilon'],
      [{ ...VALID, epsilon: Number.POSITIVE_INFINITY }, 'epsilon'],
    ];
    // Any tier the merchant offers has its arm: 7 % and 25 % are reported as themselves, never as 'none'.
    for (const arm of ['tier7', 'tier25', 'tier99', 'tier1']) expect(validateReport({ ...VALID, arm }, 'r').ok, arm).toBe(true);
    for (const [value, field] of cases) {
      const result = validateReport(value, 'r');
      expect(result.ok, field).toBe(false);
      if (!result.ok) expect(result.field).toBe(`r.${field}`);
    }
    const { satisfaction: _s, ...missing } = VALID;
    expect(validateReport(missing)).toMatchObject({ ok: false, field: 'satisfaction', message: 'is required' });
    expect(validateReport(JSON.parse('{"__proto__": {"x": 1}}'))).toMatchObject({ ok: false, field: '__proto__' });
    expect(validateReport([VALID])).toMatchObject({ ok: false, field: 'report' });
  });

  it('validates batches: size, envelope fields, and the index of a bad report', () => {
    expect(validateBatch({ reports: [VALID] }).ok).toBe(true);
    expect(validateBatch({ site: 'demo', reports: [VALID] }).ok).toBe(true);
    expect(validateBatch({ reports: [] })).toMatchObject({ ok: false, field: 'reports' });
    expect(validateBatch({ reports: Array.from({ length: MAX_BATCH + 1 }, () => VALID) })).toMatchObject({ ok: false, field: 'reports' });
    expect(validateBatch({ reports: [VALID], device: 'x' })).toMatchObject({ ok: false, field: 'device' });
    expect(validateBatch({ site: 'Bad Site', reports: [VALID] })).toMatchObject({ ok: false, field: 'site' });
    expect(validateBatch({ reports: [VALID, { ...VALID, day: -1 }] })).toMatchObject({ ok: false, field: 'reports[1].day' });
  });

  it('buckets order values at the documented bounds', () => {
    expect([null, 0, 24.99, 25, 49.99, 50, 99.99, 100, 199.99, 200, 1e6].map(orderValueBucket)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(() => orderValueBucket(-1)).toThrow(/'value' passed to 'orderValueBucket'/);
  });

  it('splits ε over exactly the randomised fields, summing to 1', () => {
    expect(Object.keys(FIELD_WEIGHTS).sort()).toEqual(Object.keys(RANDOMIZED_FIELDS).sort());
    expect(Object.values(FIELD_WEIGHTS).reduce((a, w) => a + w, 0)).toBeCloseTo(1, 12);
  });
});
