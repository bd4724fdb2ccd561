import type { NumericFeatureDefinition } from './definition';

/**
 * Transform step for numeric features. log1p compresses the long right tails of counts,
 * durations and money (PageValues spans 0..360 in UCI with a median of 0).
 */
export function applyTransform(value: number, transform: NumericFeatureDefinition['transform']): number {
  switch (transform) {
    case 'none':
      return value;
    case 'log1p':
      return Math.log1p(value);
    default: {
      const unknown: never = transform;
      throw new Error(`'transform' passed to 'applyTransform' must be 'none' or 'log1p', got ${String(unknown)}`);
    }
  }
}
