import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, permutation, randomInt, randomNormal, shuffleInPlace } from '../../../src/core/lib/random';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('draws uniformly in [0, 1)', () => {
    const rng = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng();
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 10)]! += 1;
    }
    expect(outside).toBe(0);
    // Each decile holds 10,000 ± 5 sd (sd ≈ 95).
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(() => mulberry32(NaN)).toThrow(/'seed' passed to 'mulberry32'/);
  });

  it('gives standard normals with mean 0 and sd 1', () => {
    const rng = mulberry32(11);
    const xs = Array.from({ length: 50_000 }, () => randomNormal(rng));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });
});

describe('helpers', () => {
  it('derive distinct, stable seeds per label', () => {
    expect(deriveSeed(1, 'mlp')).toBe(deriveSeed(1, 'mlp'));
    expect(deriveSeed(1, 'mlp')).not.toBe(deriveSeed(1, 'gbdt'));
    expect(deriveSeed(1, 'mlp')).not.toBe(deriveSeed(2, 'mlp'));
  });

  it('shuffle and permute without losing or duplicating items', () => {
    const p = permutation(100, mulberry32(3));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    const items = ['a', 'b', 'c', 'd'];
    shuffleInPlace(items, mulberry32(4));
    expect([...items].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(randomInt(mulberry32(1), 1)).toBe(0);
    expect(() => randomInt(mulberry32(1), 0)).toThrow(/'n' passed to 'randomInt'/);
  });
});
