/**
 * One-hot step: writes 1 in the column of `level` and 0 in the others, starting at `offset`
 * of `out`. Writing in place keeps the vectorizer allocation-free per record.
 */
export function oneHot(level: string, levels: readonly string[], out: Float32Array | number[], offset: number): void {
  const index = levels.indexOf(level);
  if (index < 0) {
    throw new Error(`'level' passed to 'oneHot' must be one of ${levels.join(', ')}, got '${level}'`);
  }
  for (let i = 0; i < levels.length; i++) out[offset + i] = i === index ? 1 : 0;
}
