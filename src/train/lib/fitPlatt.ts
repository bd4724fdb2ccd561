/**
 * Fits Platt scaling p = sigmoid(a * logit(raw) + b) on held-out predictions by Newton's method,
 * with Platt's smoothed targets ((N+ + 1)/(N+ + 2) and 1/(N- + 2)) so a clean validation fold
 * cannot push the map to infinite slope.
 */
import type { PlattCalibration } from '../../core/model/calibration';
import { logit, sigmoid } from '../../core/model/calibration';

/** Fits Platt parameters on raw probabilities `raw` against 0/1 labels `yTrue`. */
export function fitPlatt(yTrue: ArrayLike<number>, raw: ArrayLike<number>): PlattCalibration {
  const n = yTrue.length;
  if (n === 0 || raw.length !== n) {
    throw new Error(`'yTrue' and 'raw' passed to 'fitPlatt' must be non-empty and of equal length; got ${n} and ${raw.length}`);
  }
  let positives = 0;
  for (let i = 0; i < n; i++) positives += yTrue[i] === 1 ? 1 : 0;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const z = Float64Array.from({ length: n }, (_, i) => logit(raw[i] as number));
  const t = Float64Array.from({ length: n }, (_, i) => (yTrue[i] === 1 ? hi : lo));
  const loss = (a: number, b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const s = a * z[i]! + b;
      // log(1 + e^s) - t*s, computed without overflow.
      sum += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - t[i]! * s;
    }
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * z[i]! + b);
      const d = p - t[i]!;
      const w = p * (1 - p);
      ga += d * z[i]!;
      gb += d;
      haa += w * z[i]! * z[i]!;
      hab += w * z[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Backtracking keeps each step a descent step even where the quadratic model is poor.
    let step = 1;
    let next = loss(a - step * da, b - step * db);
    while (next > current && step > 1e-8) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const improvement = current - next;
    current = next;
    if (improvement < 1e-10 * Math.max(1, current)) break;
  }
  return { method: 'platt', a, b };
}
