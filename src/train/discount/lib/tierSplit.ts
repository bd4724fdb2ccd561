/**
 * Train/validation/test split stratified by tier × outcome: every fold keeps each tier's share
 * and each tier's conversion rate, so per-tier calibration and uplift are judged on folds that
 * look like the log.
 */
import type { Rng } from '../../../core/lib/random';
import type { Split } from '../../lib/split';
import { stratifiedSplit } from '../../lib/split';

/** Splits row indices by tier (`tiers[i]`) and 0/1 outcome (`labels[i]`). */
export function tierStratifiedSplit(tiers: ArrayLike<number>, labels: ArrayLike<number>, fractions: { validation: number; test: number }, rng: Rng): Split {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i] as number;
    let group = groups.get(tier);
    if (!group) groups.set(tier, (group = []));
    group.push(i);
  }
  const parts = { train: [] as number[], validation: [] as number[], test: [] as number[] };
  for (const tier of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = groups.get(tier)!;
    const split = stratifiedSplit(rows.map((i) => labels[i] as number), fractions, rng);
    for (const part of ['train', 'validation', 'test'] as const) for (const k of split[part]) parts[part].push(rows[k]!);
  }
  const sorted = (values: number[]) => Int32Array.from(values).sort();
  return { train: sorted(parts.train), validation: sorted(parts.validation), test: sorted(parts.test) };
}
