/**
 * L2-regularised logistic regression by Newton's method (IRLS), for the simulation's baseline:
 * a dozen columns and ~12k rows converge in a few iterations, exactly and deterministically.
 */

/** Solves the symmetric positive-definite system `a x = b` (Cholesky); `a` is row-major k x k. */
function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j]!;
      for (let m = 0; m < j; m++) sum -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error(`'fitLogistic': the Hessian is not positive definite (collinear design columns?)`);
        l[i * k + i] = Math.sqrt(sum);
      } else l[i * k + j] = sum / l[j * k + j]!;
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i]!;
    for (let m = 0; m < i; m++) sum -= l[i * k + m]! * y[m]!;
    y[i] = sum / l[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let m = i + 1; m < k; m++) sum -= l[m * k + i]! * x[m]!;
    x[i] = sum / l[i * k + i]!;
  }
  return x;
}

/**
 * Fits coefficients w of P(y = 1 | x) = sigmoid(w · x) on row-major `x` (rows x k) and 0/1 `y`,
 * minimising mean log loss + l2/2 × |w without column 0|² (column 0 is the intercept).
 */
export function fitLogistic(x: Float64Array, y: ArrayLike<number>, k: number, l2 = 1e-3, iterations = 25): Float64Array {
  const n = y.length;
  if (n === 0 || x.length !== n * k) throw new Error(`'x' passed to 'fitLogistic' must hold ${n} x ${k} values, got ${x.length}`);
  let w = new Float64Array(k);
  for (let iter = 0; iter < iterations; iter++) {
    const grad = new Float64Array(k);
    const hess = new Float64Array(k * k);
    for (let r = 0; r < n; r++) {
      let z = 0;
      for (let j = 0; j < k; j++) z += w[j]! * x[r * k + j]!;
      const p = 1 / (1 + Math.exp(-z));
      const d = p - (y[r] as number);
      const h = p * (1 - p);
      for (let i = 0; i < k; i++) {
        const xi = x[r * k + i]!;
        grad[i]! += (d * xi) / n;
        for (let j = 0; j <= i; j++) hess[i * k + j]! += (h * xi * x[r * k + j]!) / n;
      }
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) hess[j * k + i] = hess[i * k + j]!;
      if (i > 0) {
        grad[i]! += l2 * w[i]!;
        hess[i * k + i]! += l2;
      }
      hess[i * k + i]! += 1e-12;
    }
    const step = solveSpd(hess, grad, k);
    let change = 0;
    w = w.map((v, i) => {
      change = Math.max(change, Math.abs(step[i]!));
      return v - step[i]!;
    });
    if (change < 1e-10) break;
  }
  return w;
}
