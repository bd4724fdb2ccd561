import { describe, expect, it } from 'vitest';
import { mulberry32, randomNormal } from '../../../src/core/lib/random';
import { rocAuc } from '../../../src/core/metrics/classification';
import { binMatrix, binOf, fitBinEdges } from '../../../src/train/gbdt/binning';
import type { LabelledMatrix } from '../../../src/train/gbdt/gbdt';
import { DEFAULT_GBDT_PARAMS, predictGbdt, trainGbdt } from '../../../src/train/gbdt/gbdt';

/** y = 1 exactly when x0 + x1 > 0.3 (an oblique boundary trees must staircase); x2 is noise. */
function separable(rows: number, seed: number): LabelledMatrix {
  const rng = mulberry32(seed);
  const x = new Float32Array(rows * 3);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < 3; c++) x[i * 3 + c] = randomNormal(rng);
    y[i] = x[i * 3]! + x[i * 3 + 1]! > 0.3 ? 1 : 0;
  }
  return { x, y, rows, cols: 3 };
}

describe('binning', () => {
  it('cuts between distinct values when there are few', () => {
    const edges = fitBinEdges(Float32Array.from([3, 1, 2, 2, 1]), 5, 1, 8);
    expect(Array.from(edges[0]!)).toEqual([1.5, 2.5]);
    expect([binOf(1, edges[0]!), binOf(2, edges[0]!), binOf(3, edges[0]!), binOf(99, edges[0]!)]).toEqual([0, 1, 2, 2]);
  });

  it('uses quantile cuts with a non-empty top bin when values are many', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => i);
    const edges = fitBinEdges(x, 1000, 1, 10)[0]!;
    expect(edges.length).toBe(9);
    const binned = binMatrix(x, 1000, 1, [edges]);
    const counts = new Array<number>(10).fill(0);
    for (const b of binned) counts[b]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(50);
    expect(() => fitBinEdges(x, 1000, 1, 1)).toThrow(/'maxBins' passed to 'fitBinEdges'/);
  });
});

describe('trainGbdt', () => {
  it('learns a separable problem to near-perfect ranking on fresh data', () => {
    const model = trainGbdt(separable(1500, 1), separable(500, 2), { ...DEFAULT_GBDT_PARAMS, maxTrees: 200 });
    const test = separable(1000, 3);
    const p = predictGbdt(model, test.x, test.rows);
    expect(rocAuc(test.y, p)).toBeGreaterThan(0.98);
    let correct = 0;
    for (let i = 0; i < test.rows; i++) correct += (p[i]! >= 0.5 ? 1 : 0) === test.y[i] ? 1 : 0;
    expect(correct / test.rows).toBeGreaterThan(0.93);
  });

  it('ignores a pure-noise feature in its splits', () => {
    const model = trainGbdt(separable(1500, 4), separable(500, 5), { ...DEFAULT_GBDT_PARAMS, maxTrees: 50, maxDepth: 2 });
    const used = new Set<number>();
    const walk = (node: (typeof model.trees)[number]): void => {
      if ('feature' in node) {
        used.add(node.feature);
        walk(node.left);
        walk(node.right);
      }
    };
    model.trees.forEach(walk);
    expect(used.has(0) && used.has(1)).toBe(true);
    expect(used.has(2)).toBe(false);
  });

  it('is deterministic for a seed and stops early on validation loss', () => {
    const params = { ...DEFAULT_GBDT_PARAMS, maxTrees: 400, earlyStoppingRounds: 10, learningRate: 0.3 };
    const a = trainGbdt(separable(800, 6), separable(300, 7), params);
    const b = trainGbdt(separable(800, 6), separable(300, 7), params);
    expect(a.trees.length).toBe(b.trees.length);
    expect(Array.from(predictGbdt(a, separable(50, 8).x, 50))).toEqual(Array.from(predictGbdt(b, separable(50, 8).x, 50)));
    expect(a.trees.length).toBeLessThan(400);
  });

  it('checks shapes', () => {
    const train = separable(50, 9);
    expect(() => trainGbdt(train, { ...train, cols: 2 })).toThrow(/'validation' passed to 'trainGbdt' must have 3 columns/);
    const model = trainGbdt(train, separable(20, 10), { ...DEFAULT_GBDT_PARAMS, maxTrees: 3 });
    expect(() => predictGbdt(model, new Float32Array(5), 2)).toThrow(/'x' passed to 'predictGbdt'/);
  });
});
