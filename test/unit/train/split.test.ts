import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/lib/random';
import { crossValidationSplits, stratifiedKFold, stratifiedSplit } from '../../../src/train/lib/split';

// 1,000 rows, 150 positives at scattered positions.
const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i % 20 < 3 ? 1 : 0));
const positives = (rows: Int32Array): number => rows.reduce((n, r) => n + labels[r]!, 0);

describe('stratifiedSplit', () => {
  it('partitions every row once and keeps the positive rate in each part', () => {
    const s = stratifiedSplit(labels, { validation: 0.2, test: 0.2 }, mulberry32(5));
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([600, 200, 200]);
    expect([positives(s.train), positives(s.validation), positives(s.test)]).toEqual([90, 30, 30]);
  });

  it('is a pure function of the seed', () => {
    const a = stratifiedSplit(labels, { validation: 0.15, test: 0.15 }, mulberry32(9));
    const b = stratifiedSplit(labels, { validation: 0.15, test: 0.15 }, mulberry32(9));
    const c = stratifiedSplit(labels, { validation: 0.15, test: 0.15 }, mulberry32(10));
    expect(a).toEqual(b);
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('rejects fractions that leave nothing to train on', () => {
    expect(() => stratifiedSplit(labels, { validation: 0.5, test: 0.5 }, mulberry32(1))).toThrow(/'fractions' passed to 'stratifiedSplit'/);
  });
});

describe('stratifiedKFold and crossValidationSplits', () => {
  it('deal rows into folds of equal size and positive count', () => {
    const folds = stratifiedKFold(labels, 5, mulberry32(2));
    expect(folds.map((f) => f.length)).toEqual([200, 200, 200, 200, 200]);
    expect(folds.map(positives)).toEqual([30, 30, 30, 30, 30]);
    expect(new Set(folds.flatMap((f) => Array.from(f))).size).toBe(1000);
    expect(() => stratifiedKFold(labels, 1, mulberry32(2))).toThrow(/'k' passed to 'stratifiedKFold'/);
  });

  it('never lets a test row into its fold\'s training or validation part', () => {
    const splits = crossValidationSplits(labels, 4, 0.25, mulberry32(3));
    for (const s of splits) {
      const test = new Set(s.test);
      expect(s.train.some((r) => test.has(r)) || s.validation.some((r) => test.has(r))).toBe(false);
      expect(s.train.length + s.validation.length + s.test.length).toBe(1000);
      expect(positives(s.validation) / s.validation.length).toBeCloseTo(0.15, 2);
    }
    expect(new Set(splits.flatMap((s) => Array.from(s.test))).size).toBe(1000);
  });
});
