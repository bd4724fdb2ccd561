/**
 * Learns FeatureStats from training records. Call it on the training fold only: clip bounds,
 * imputation values and standardisation moments fitted on validation or test rows would leak.
 */
import type { FeatureSpec, RawFeatureRecord } from './definition';
import { isCategorical } from './definition';
import type { FeatureStats, FeatureStatsEntry } from './stats';
import { parseCategorical, parseNumeric } from './parse';
import { impute } from './impute';
import { clip } from './clip';
import { applyTransform } from './transform';
import { quantileSorted } from './lib/quantile';
import { meanSd } from './lib/meanSd';
import { FEATURE_SPEC } from './spec';

/** Options of `fitFeatureStats`. */
export interface FitStatsOptions {
  /** Lower and upper quantiles used as clip bounds; [0.005, 0.995] by default. */
  readonly clipQuantiles?: readonly [number, number];
}

function mode(values: readonly string[], levels: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  // Iterating levels (not the map) breaks ties by level order, which keeps fits deterministic.
  for (const level of levels) {
    const count = counts.get(level) ?? 0;
    if (count > bestCount) [best, bestCount] = [level, count];
  }
  return best;
}

/** Fits clip bounds, imputation values and post-transform mean/sd for every feature of `spec`. */
export function fitFeatureStats(
  records: readonly RawFeatureRecord[],
  spec: FeatureSpec = FEATURE_SPEC,
  options: FitStatsOptions = {},
): FeatureStats {
  if (records.length === 0) throw new Error(`'records' passed to 'fitFeatureStats' must be non-empty`);
  const [qLow, qHigh] = options.clipQuantiles ?? [0.005, 0.995];
  if (!(qLow >= 0 && qLow <= qHigh && qHigh <= 1)) {
    throw new Error(`'clipQuantiles' passed to 'fitFeatureStats' must satisfy 0 <= low <= high <= 1, got [${qLow}, ${qHigh}]`);
  }
  const n = records.length;
  const features: FeatureStatsEntry[] = spec.features.map((def): FeatureStatsEntry => {
    if (isCategorical(def)) {
      const parsed = records.map((r) => parseCategorical(r[def.name], def));
      const observed = parsed.filter((v): v is string => v !== null);
      const fill = mode(observed, def.levels) ?? def.default;
      const counts = def.levels.map(() => 0);
      for (const v of parsed) counts[def.levels.indexOf(impute(v, fill))]! += 1;
      const means = counts.map((c) => c / n);
      // A 0/1 column's population sd is sqrt(p(1-p)); no second pass needed.
      const sds = means.map((p) => Math.sqrt(p * (1 - p)));
      return { name: def.name, kind: 'categorical', impute: fill, levels: [...def.levels], means, sds, missingRate: (n - observed.length) / n };
    }
    const parsed = records.map((r) => parseNumeric(r[def.name], def));
    const observed = Float64Array.from(parsed.filter((v): v is number => v !== null)).sort();
    const seen = observed.length > 0;
    const fill = seen ? quantileSorted(observed, 0.5) : def.default;
    // Binary columns keep [0, 1]: a rare 1 would otherwise fall above the upper quantile and vanish.
    const clipLow = seen && def.kind !== 'binary' ? quantileSorted(observed, qLow) : def.min;
    const clipHigh = seen && def.kind !== 'binary' ? quantileSorted(observed, qHigh) : def.max;
    const prepared = parsed.map((v) => applyTransform(clip(impute(v, fill), clipLow, clipHigh), def.transform));
    const { mean, sd } = meanSd(prepared);
    return { name: def.name, kind: 'numeric', impute: fill, clipLow, clipHigh, mean, sd, missingRate: (n - observed.length) / n };
  });
  return { specVersion: spec.version, features };
}
