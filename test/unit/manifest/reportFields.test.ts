/**
 * The manifest's report fields against `privatizeReport`: the same fields in wire order; fields declared
 * "none" are sent exactly as given and randomised ones really are randomised; the declared ε of the fields
 * adds up to the report's ε; and the declared probability of telling the truth is what randomized response
 * gives, both by formula and by counting 40 000 noised reports.
 */
import { describe, expect, it } from 'vitest';
import { reportFields, reportLimits } from '../../../src/core/manifest';
import { DEFAULT_EPSILON, privatizeReport, type TrueOutcome } from '../../../src/core/privacy';
import { mulberry32 } from '../../../src/core/lib/random';

const truth: TrueOutcome = { arm: 'tier10', clicked: true, copied: false, redeemed: true, orderValue: 60, satisfaction: 'up' };
const options = { day: 20_000, policyVersion: '7', epsilon: DEFAULT_EPSILON };
const TRUE_VALUES: Record<string, unknown> = { clicked: 1, copied: 0, redeemed: 1, purchased: 1, orderValueBucket: 3, satisfaction: 'up' };

describe('reportFields', () => {
  it('lists the fields of a report in wire order', () => {
    const report = privatizeReport(truth, options);
    expect(reportFields().map((f) => f.field)).toEqual(Object.keys(report));
  });

  it('sends "none" fields as given and changes every randomised field when the coin says lie', () => {
    // rng ≈ 1 fails every "report the truth" draw, so each randomised field must move off its true value.
    const report = privatizeReport(truth, { ...options, rng: () => 0.999999 }) as unknown as Record<string, unknown>;
    const given: Record<string, unknown> = { schema: 1, day: options.day, policyVersion: '7', epsilon: DEFAULT_EPSILON, arm: 'tier10' };
    for (const f of reportFields()) {
      if (f.noise === 'none') {
        if (f.field === 'idempotencyKey') expect(report[f.field]).toMatch(/^[0-9a-f]{32}$/);
        else expect(report[f.field], f.field).toEqual(given[f.field]);
      } else {
        expect(report[f.field], f.field).not.toEqual(TRUE_VALUES[f.field]);
      }
    }
  });

  it('splits the report ε across the randomised fields (sequential composition)', () => {
    const noised = reportFields().filter((f) => f.noise !== 'none');
    const total = noised.reduce((a, f) => a + f.epsilon!, 0);
    expect(total).toBeCloseTo(Math.log(3), 3);
    expect(reportLimits().defaultReportEpsilon).toBeCloseTo(Math.log(3), 4);
  });

  it('declares P(truth) = e^ε / (e^ε + k − 1), and the noised reports show it', () => {
    const fields = reportFields().filter((f) => f.noise !== 'none');
    for (const f of fields) expect(f.pTruth!, f.field).toBeCloseTo(Math.exp(f.epsilon!) / (Math.exp(f.epsilon!) + f.k! - 1), 3);
    const n = 40_000;
    const hits: Record<string, number> = {};
    // A seeded generator keeps the count reproducible; the key bytes are irrelevant here.
    const seeded = { ...options, rng: mulberry32(8), randomBytes: () => new Uint8Array(16) };
    for (let i = 0; i < n; i++) {
      const r = privatizeReport(truth, seeded) as unknown as Record<string, unknown>;
      for (const f of fields) if (r[f.field] === TRUE_VALUES[f.field]) hits[f.field] = (hits[f.field] ?? 0) + 1;
    }
    for (const f of fields) {
      const sd = Math.sqrt((f.pTruth! * (1 - f.pTruth!)) / n);
      expect(Math.abs(hits[f.field]! / n - f.pTruth!), f.field).toBeLessThan(4.5 * sd);
    }
  });
});
