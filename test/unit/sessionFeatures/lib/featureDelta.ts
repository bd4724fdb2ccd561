/**
 * How far apart two raw feature records are: the largest |Δ| over numeric features, and the names whose values
 * differ in kind (null vs number) or, for categoricals, in value. Parity tests allow floating-point noise from
 * summing in another order (incremental vs full), never a different value.
 */
import type { RawFeatureRecord } from '../../../../src/core/features/definition';

/** Result of {@link featureDelta}. */
export interface FeatureDelta {
  /** Largest absolute difference over features numeric in both records (0 when there are none). */
  worst: number;
  /** Features present in one record only, null in one only, or categorical and unequal. */
  mismatched: string[];
}

/** Compares `a` with `b` feature by feature. */
export function featureDelta(a: RawFeatureRecord, b: RawFeatureRecord): FeatureDelta {
  let worst = 0;
  const mismatched: string[] = [];
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[name];
    const y = b[name];
    if (typeof x === 'number' && typeof y === 'number') worst = Math.max(worst, Math.abs(x - y));
    else if (x !== y) mismatched.push(`${name}: ${String(x)} vs ${String(y)}`);
  }
  return { worst, mismatched };
}
