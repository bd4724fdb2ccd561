import { describe, expect, it } from 'vitest';
import { fitFeatureStats } from '../../../src/core/features/fitStats';
import { featureColumns } from '../../../src/core/features/columns';
import { FEATURE_SPEC } from '../../../src/core/features/spec';
import { assertModelBundle } from '../../../src/core/model/bundle';
import type { ModelBundle } from '../../../src/core/model/bundle';
import { applyCalibration } from '../../../src/core/model/calibration';
import { encodeTreatment, treatmentColumns } from '../../../src/core/model/treatment';
import type { TreatmentInput } from '../../../src/core/model/treatment';
import { buildModelBundle } from '../../../src/train/pipeline/buildModelBundle';

const stats = fitFeatureStats([
  { PageValues: 0, Month: 'May', VisitorType: 'Returning_Visitor', Weekend: false },
  { PageValues: 30, Month: 'Nov', VisitorType: 'New_Visitor', Weekend: true },
]);
const training = { dataset: 'fixture', dataSha256: '0'.repeat(64), rows: { train: 2, validation: 0, test: 0 }, seed: 1, tailorVersion: '0.1.0' };
const calibration = { method: 'platt', a: 0.8, b: -1.2 } as const;
const purchase = (): ModelBundle => buildModelBundle({ kind: 'purchase', treatment: null, stats, calibration, threshold: 0.35, training });
const TIERS: TreatmentInput = { name: 'discount_tier', levels: [0, 5, 10, 15], encoding: 'onehot' };

describe('model bundle', () => {
  it('builds a purchase bundle that survives a JSON round trip and validation', () => {
    const bundle = JSON.parse(JSON.stringify(purchase())) as unknown;
    expect(() => assertModelBundle(bundle, FEATURE_SPEC)).not.toThrow();
    expect((bundle as ModelBundle).inputColumns).toEqual(featureColumns(FEATURE_SPEC));
  });

  it('accepts a discount-response bundle whose inputs append the treatment columns', () => {
    const columns = featureColumns(FEATURE_SPEC);
    const discount = { ...purchase(), kind: 'discount-response', treatment: TIERS, inputColumns: [...columns, ...treatmentColumns(TIERS)] };
    expect(() => assertModelBundle(discount, FEATURE_SPEC)).not.toThrow();
    expect(treatmentColumns(TIERS)).toEqual(['discount_tier=0', 'discount_tier=5', 'discount_tier=10', 'discount_tier=15']);
  });

  it('builds a discount-response bundle with the treatment columns after the features, and refuses a kind that contradicts the treatment', () => {
    const discount = buildModelBundle({ kind: 'discount-response', treatment: TIERS, stats, calibration, threshold: 0.35, training });
    expect(discount.inputColumns).toEqual([...featureColumns(FEATURE_SPEC), 'discount_tier=0', 'discount_tier=5', 'discount_tier=10', 'discount_tier=15']);
    expect(discount.treatment).toEqual(TIERS);
    expect(() => buildModelBundle({ kind: 'purchase', treatment: TIERS, stats, calibration, threshold: 0.35, training })).toThrow(/must not have a treatment input/);
    expect(() => buildModelBundle({ kind: 'discount-response', treatment: null, stats, calibration, threshold: 0.35, training })).toThrow(/needs a treatment input/);
  });

  it('rejects mismatches with errors naming the field', () => {
    const ok = purchase();
    const cases: [unknown, RegExp][] = [
      [{ ...ok, featureSpecVersion: '0.1.0' }, /trained with feature spec 0\.1\.0, but this build uses 3\./],
      // Bundles of spec 2.0.0 have 34 columns, without PageValues_missing: they must not load after the bump.
      [{ ...ok, featureSpecVersion: '2.0.0' }, /trained with feature spec 2\.0\.0, but this build uses 3\.0\.0/],
      [{ ...ok, stats: { ...ok.stats, specVersion: '0.1.0' } }, /fitted for feature spec 0\.1\.0/],
      [{ ...ok, format: 'other' }, /must have format 'tailor-model-bundle'/],
      [{ ...ok, bundleVersion: 2 }, /bundleVersion 2; this build reads 1/],
      [{ ...ok, treatment: TIERS }, /of kind 'purchase' must not have a treatment input/],
      [{ ...ok, kind: 'discount-response' }, /of kind 'discount-response' needs a treatment input/],
      [{ ...ok, inputColumns: [...ok.inputColumns].reverse() }, /inputColumns must be featureColumns followed by the treatment columns/],
      [{ ...ok, featureColumns: ok.featureColumns.slice(1) }, /featureColumns differ from the feature spec/],
      [{ ...ok, threshold: 1.5 }, /threshold in \[0, 1\], got 1\.5/],
      [{ ...ok, calibration: { method: 'platt', a: NaN, b: 0 } }, /needs calibration/],
      [null, /'bundle' passed to 'assertModelBundle' must be an object/],
    ];
    for (const [bundle, message] of cases) expect(() => assertModelBundle(bundle, FEATURE_SPEC)).toThrow(message);
  });
});

describe('treatment and calibration helpers', () => {
  it('encode a tier one-hot or numerically, rejecting unknown tiers', () => {
    const out = new Float32Array(6).fill(9);
    encodeTreatment(TIERS, 10, out, 1);
    expect(Array.from(out)).toEqual([9, 0, 0, 1, 0, 9]);
    const numeric: TreatmentInput = { ...TIERS, encoding: 'numeric' };
    encodeTreatment(numeric, 15, out, 0);
    expect(out[0]).toBeCloseTo(0.15, 6);
    expect(treatmentColumns(numeric)).toEqual(['discount_tier']);
    expect(() => encodeTreatment(TIERS, 7, out, 0)).toThrow(/'tier' passed to 'encodeTreatment' must be one of 0, 5, 10, 15, got 7/);
  });

  it('apply Platt scaling on the logit and pass through without calibration', () => {
    // a = 1, b = 0 is the identity; b = ln 3 turns 0.5 into 0.75.
    expect(applyCalibration({ method: 'platt', a: 1, b: 0 }, 0.3)).toBeCloseTo(0.3, 6);
    expect(applyCalibration({ method: 'platt', a: 1, b: Math.log(3) }, 0.5)).toBeCloseTo(0.75, 12);
    expect(applyCalibration({ method: 'none' }, 0.42)).toBe(0.42);
    expect(Number.isFinite(applyCalibration({ method: 'platt', a: 2, b: 0 }, 1))).toBe(true);
    expect(() => applyCalibration({ method: 'none' }, NaN)).toThrow(/'raw' passed to 'applyCalibration'/);
  });
});
