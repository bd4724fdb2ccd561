import { describe, expect, it } from 'vitest';
import { FEATURE_SPEC, FEATURE_SPEC_VERSION, MONTH_LEVELS } from '../../../src/core/features/spec';
import { featureColumns } from '../../../src/core/features/columns';
import { isCategorical } from '../../../src/core/features/definition';

const UCI_SESSION = [
  'Administrative', 'Administrative_Duration', 'Informational', 'Informational_Duration', 'ProductRelated',
  'ProductRelated_Duration', 'BounceRates', 'ExitRates', 'PageValues', 'SpecialDay', 'Month', 'VisitorType', 'Weekend',
];

describe('FEATURE_SPEC', () => {
  it('has a semantic version that the spec object carries', () => {
    expect(FEATURE_SPEC_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(FEATURE_SPEC.version).toBe(FEATURE_SPEC_VERSION);
  });

  it('is at major version 3 since PageValues_missing was appended (2.0.0 bundles must be refused)', () => {
    expect(FEATURE_SPEC_VERSION.split('.')[0]).toBe('3');
    expect(FEATURE_SPEC.features.find((f) => f.name === 'category_affinity')).toMatchObject({
      kind: 'rate', source: 'history', min: 0, max: 1, transform: 'none',
    });
    // The missingness flag is the last column: a runtime 0/1 that no training file carries.
    expect(FEATURE_SPEC.features.at(-1)).toMatchObject({ name: 'PageValues_missing', kind: 'binary', source: 'runtime', default: 0, min: 0, max: 1 });
    expect(FEATURE_SPEC.features.filter((f) => f.source === 'runtime').map((f) => f.name)).toEqual(['PageValues_missing']);
  });

  it('lists exactly the UCI session features, in UCI order, and no device/location codes', () => {
    const session = FEATURE_SPEC.features.filter((f) => f.source === 'session').map((f) => f.name);
    expect(session).toEqual(UCI_SESSION);
    for (const banned of ['OperatingSystems', 'Browser', 'Region', 'TrafficType']) {
      expect(FEATURE_SPEC.features.map((f) => f.name)).not.toContain(banned);
    }
  });

  it('names history features in snake_case and never repeats a name', () => {
    const names = FEATURE_SPEC.features.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const history = FEATURE_SPEC.features.filter((f) => f.source === 'history').map((f) => f.name);
    expect(history).toEqual([
      'recency_days', 'frequency', 'monetary', 'cart_abandons', 'sale_share', 'coupon_use', 'offer_response', 'category_affinity',
    ]);
    for (const name of history) expect(name).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('keeps every default valid and documents every feature', () => {
    for (const def of FEATURE_SPEC.features) {
      expect(def.doc.length, def.name).toBeGreaterThan(20);
      if (isCategorical(def)) {
        expect(def.levels).toContain(def.default);
        expect(def.transform).toBe('onehot');
      } else {
        expect(def.min).toBeLessThanOrEqual(def.default);
        expect(def.default).toBeLessThanOrEqual(def.max);
        if (def.kind === 'binary') expect([def.min, def.max]).toEqual([0, 1]);
        if (def.kind === 'rate') expect(def.max).toBeLessThanOrEqual(1);
      }
    }
  });

  it('uses the UCI month spellings indexed by Date#getMonth', () => {
    expect(MONTH_LEVELS).toHaveLength(12);
    expect(MONTH_LEVELS[new Date(2024, 5, 15).getMonth()]).toBe('June');
    expect(MONTH_LEVELS[new Date(2024, 10, 1).getMonth()]).toBe('Nov');
  });

  it('expands categoricals into level columns in place, keeping spec order', () => {
    const columns = featureColumns(FEATURE_SPEC);
    expect(columns.slice(0, 10)).toEqual(UCI_SESSION.slice(0, 10));
    expect(columns[10]).toBe('Month=Jan');
    expect(columns[21]).toBe('Month=Dec');
    expect(columns.slice(22, 25)).toEqual(['VisitorType=Returning_Visitor', 'VisitorType=New_Visitor', 'VisitorType=Other']);
    expect(columns[25]).toBe('Weekend');
    expect(columns.slice(26)).toEqual([
      'recency_days', 'frequency', 'monetary', 'cart_abandons', 'sale_share', 'coupon_use', 'offer_response', 'category_affinity',
      'PageValues_missing',
    ]);
    expect(columns).toHaveLength(35);
  });
});
