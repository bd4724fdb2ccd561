import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clip } from '../../../src/core/features/clip';
import { impute } from '../../../src/core/features/impute';
import { standardize } from '../../../src/core/features/standardize';
import { oneHot } from '../../../src/core/features/oneHot';
import { applyTransform } from '../../../src/core/features/transform';
import { parseCategorical, parseNumeric } from '../../../src/core/features/parse';
import type { CategoricalFeatureDefinition, NumericFeatureDefinition } from '../../../src/core/features/definition';

const count: NumericFeatureDefinition = { name: 'c', kind: 'count', source: 'session', default: 0, min: 0, max: 100, transform: 'log1p', doc: '' };
const flag: NumericFeatureDefinition = { name: 'b', kind: 'binary', source: 'session', default: 0, min: 0, max: 1, transform: 'none', doc: '' };
const colour: CategoricalFeatureDefinition = { name: 'k', kind: 'categorical', source: 'session', default: 'red', levels: ['red', 'green', 'blue'], transform: 'onehot', doc: '' };

describe('clip', () => {
  it('winsorises to the bounds and passes values inside through', () => {
    expect(clip(-3, 0, 10)).toBe(0);
    expect(clip(12, 0, 10)).toBe(10);
    expect(clip(4.5, 0, 10)).toBe(4.5);
  });

  it('rejects inverted bounds, naming the function', () => {
    expect(() => clip(1, 5, 2)).toThrow(/'low' passed to 'clip'/);
  });

  it('always lands inside [low, high]', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.double({ noNaN: true, min: 0, max: 1e6 }),
      (v, low, width) => {
        const out = clip(v, low, low + width);
        return out >= low && out <= low + width;
      }));
  });
});

describe('impute', () => {
  it('fills only missing values', () => {
    expect(impute(null, 7)).toBe(7);
    expect(impute(0, 7)).toBe(0);
    expect(impute<string>(null, 'May')).toBe('May');
  });
});

describe('standardize', () => {
  it('centres and scales', () => {
    expect(standardize(7, 5, 2)).toBe(1);
    expect(standardize(3, 5, 2)).toBe(-1);
  });

  it('maps a column without spread to 0 whatever the value', () => {
    expect(standardize(1234, 0, 0)).toBe(0);
    expect(standardize(-5, 3, 1e-12)).toBe(0);
  });
});

describe('oneHot', () => {
  it('writes one 1 at the level index from the offset and leaves other cells alone', () => {
    const out = new Float32Array([9, 9, 9, 9, 9]);
    oneHot('green', colour.levels, out, 1);
    expect(Array.from(out)).toEqual([9, 0, 1, 0, 9]);
  });

  it('rejects unknown levels', () => {
    expect(() => oneHot('purple', colour.levels, new Float32Array(3), 0)).toThrow(/'level' passed to 'oneHot'/);
  });
});

describe('applyTransform', () => {
  it('applies log1p or nothing', () => {
    expect(applyTransform(Math.E - 1, 'log1p')).toBeCloseTo(1, 12);
    expect(applyTransform(3, 'none')).toBe(3);
  });
});

describe('parse', () => {
  it('accepts numbers and numeric strings inside the validity range', () => {
    expect(parseNumeric(3, count)).toBe(3);
    expect(parseNumeric(' 4.5 ', count)).toBe(4.5);
  });

  it('treats malformed, non-finite and out-of-range values as missing', () => {
    for (const raw of [null, undefined, '', 'abc', NaN, Infinity, -1, 101]) expect(parseNumeric(raw, count), String(raw)).toBeNull();
  });

  it('reads booleans and TRUE/FALSE words as 0/1, and rejects 0.5 for a binary', () => {
    expect(parseNumeric(true, flag)).toBe(1);
    expect(parseNumeric('FALSE', flag)).toBe(0);
    expect(parseNumeric('true', flag)).toBe(1);
    expect(parseNumeric(0.5, flag)).toBeNull();
  });

  it('accepts only exact categorical levels', () => {
    expect(parseCategorical('blue', colour)).toBe('blue');
    expect(parseCategorical(' blue ', colour)).toBe('blue');
    expect(parseCategorical('Blue', colour)).toBeNull();
    expect(parseCategorical(3, colour)).toBeNull();
  });
});
