/**
 * The known truth of a simulated logged file (`FILE.truth.json`): every parameter needed to
 * recompute, for any row, the true P(buy | tier, x) and so the oracle tier
 *   oracleTier(row) = argmax_t P_true(buy | t, x) × cart_value × (margin − t / 100)
 * (ties go to the smaller tier, as in the runtime policy).
 */
import { readFile } from 'node:fs/promises';
import type { RawFeatureRecord } from '../../core/features/definition';
import { sigmoid } from '../../core/model/calibration';
import { BASELINE_DESIGN_NAMES, baselineDesign, num } from './lib/baselineDesign';
import type { DecisionRow } from './loggedFormat';
import type { SegmentRule, SimulationConfig } from './simulationConfig';
import { parseSimulationConfig } from './simulationConfig';

/** Identifies a truth file. */
export const TRUTH_FORMAT = 'tailor-simulation-truth';

/** Which real sessions a file drew from: all, or one side of the fixed 70/30 session partition. */
export type SessionPool = 'all' | 'train' | 'holdout';

/** Contents of `FILE.truth.json`. */
export interface SimulationTruth {
  readonly format: typeof TRUTH_FORMAT;
  readonly formatVersion: 1;
  readonly formula: string;
  readonly config: SimulationConfig;
  /** p0(x) = sigmoid(coefficients · design(x)), fitted to the real Revenue label of every UCI session. */
  readonly baseline: { readonly design: readonly string[]; readonly coefficients: readonly number[]; readonly l2: number; readonly fittedOn: string };
  readonly source: { readonly file: string; readonly sha256: string; readonly sessions: number };
  readonly sampling: { readonly pool: SessionPool; readonly holdoutFraction: number; readonly poolSessions: number; readonly rows: number; readonly seed: number };
}

/** The formula the truth file states in words. */
export const TRUTH_FORMULA =
  'P(buy | tier t, x) = clamp01(sigmoid(baseline.coefficients · design(x)) + a_s × (1 − exp(−t / τ_s))), s = first segment whose conditions x meets';

function matches(rule: SegmentRule, record: RawFeatureRecord): boolean {
  const { when } = rule;
  const pv = num(record, 'PageValues');
  const pr = num(record, 'ProductRelated');
  if (when.minPageValues !== undefined && !(pv >= when.minPageValues)) return false;
  if (when.maxPageValues !== undefined && !(pv < when.maxPageValues)) return false;
  if (when.minProductRelated !== undefined && !(pr >= when.minProductRelated)) return false;
  if (when.maxProductRelated !== undefined && !(pr < when.maxProductRelated)) return false;
  if (when.visitorTypes !== undefined && !when.visitorTypes.includes(String(record.VisitorType))) return false;
  return true;
}

/** Index of the first segment of `segments` that `record` falls in (the last one catches all). */
export function segmentOf(segments: readonly SegmentRule[], record: RawFeatureRecord): number {
  const index = segments.findIndex((rule) => matches(rule, record));
  return index < 0 ? segments.length - 1 : index;
}

/** Reused design buffer: the truth is evaluated millions of times in an evaluation. */
const scratch = new Float64Array(BASELINE_DESIGN_NAMES.length);

/** The baseline (no-discount) purchase probability p0(x). */
export function baselineProbability(truth: Pick<SimulationTruth, 'baseline'>, record: RawFeatureRecord): number {
  const d = baselineDesign(record, scratch);
  let z = 0;
  truth.baseline.coefficients.forEach((w, i) => {
    z += w * d[i]!;
  });
  return sigmoid(z);
}

/** Uplift in P(buy) of tier `tier` for a segment: a × (1 − exp(−tier / τ)). */
export function segmentUplift(rule: SegmentRule, tier: number): number {
  return rule.maxUplift * (1 - Math.exp(-tier / rule.tau));
}

/** True P(buy | tier, x). */
export function trueConversion(truth: Pick<SimulationTruth, 'baseline' | 'config'>, record: RawFeatureRecord, tier: number): number {
  const rule = truth.config.segments[segmentOf(truth.config.segments, record)]!;
  return Math.min(1, Math.max(0, baselineProbability(truth, record) + segmentUplift(rule, tier)));
}

/** True expected margin of offering `tier` at a decision point, on the cart-value basis. */
export function trueExpectedMargin(truth: Pick<SimulationTruth, 'baseline' | 'config'>, row: DecisionRow, tier: number, margin = truth.config.margin): number {
  return trueConversion(truth, row.record, tier) * row.cartValue * (margin - tier / 100);
}

/** The tier among `tiers` (default: the simulated ones) with the highest true expected margin. */
export function oracleTier(
  truth: Pick<SimulationTruth, 'baseline' | 'config'>,
  row: DecisionRow,
  tiers: readonly number[] = truth.config.tiers,
  margin = truth.config.margin,
): number {
  let best = tiers[0]!;
  let bestValue = -Infinity;
  for (const tier of tiers) {
    const value = trueExpectedMargin(truth, row, tier, margin);
    if (value > bestValue + 1e-12) [best, bestValue] = [tier, value];
  }
  return best;
}

/** Validates a parsed truth file (format, design names of this build, config). */
export function assertTruth(value: unknown, source = 'truth'): asserts value is SimulationTruth {
  const t = value as Partial<SimulationTruth> | null;
  const fail = (why: string): never => {
    throw new Error(`'${source}' passed to 'assertTruth' ${why}`);
  };
  if (typeof t !== 'object' || t === null || t.format !== TRUTH_FORMAT) fail(`must have format '${TRUTH_FORMAT}'`);
  if (t!.formatVersion !== 1) fail(`has formatVersion ${String(t!.formatVersion)}; this build reads 1`);
  const b = t!.baseline;
  if (!b || !Array.isArray(b.design) || b.design.join('|') !== BASELINE_DESIGN_NAMES.join('|')) {
    fail(`has baseline.design ${JSON.stringify(b?.design)}; this build computes ${JSON.stringify(BASELINE_DESIGN_NAMES)}`);
  }
  if (!Array.isArray(b!.coefficients) || b!.coefficients.length !== BASELINE_DESIGN_NAMES.length || !b!.coefficients.every(Number.isFinite)) {
    fail(`needs ${BASELINE_DESIGN_NAMES.length} finite baseline.coefficients`);
  }
  parseSimulationConfig(t!.config);
}

/** Reads and validates a truth file. */
export async function readTruth(path: string): Promise<SimulationTruth> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`'path' passed to 'readTruth' cannot be read: ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  assertTruth(value, path);
  return value;
}

/** The sidecar truth path of a logged CSV: `x.csv` → `x.truth.json`. */
export function truthPathFor(csvPath: string): string {
  return `${csvPath.replace(/\.csv$/i, '')}.truth.json`;
}
