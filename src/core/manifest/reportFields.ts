/**
 * The fields of a privacy report as the manifest lists them, derived from the report schema and the
 * randomized-response parameters in src/core/privacy (nothing here is typed in twice): for every field, whether
 * it is sent as-is or randomised, and for randomised fields the mechanism, the number of categories, the ε it
 * spends and the probability of reporting the truth.
 */
import {
  ARMS, DEFAULT_BUDGET, DEFAULT_EPSILON, DEFAULT_K, EPSILON_RANGE, MAX_BATCH, MAX_REPORT_AGE_DAYS, ORDER_VALUE_LABELS,
  RANDOMIZED_FIELDS, RANDOMIZED_FIELD_NAMES, REPORT_SCHEMA, SATISFACTION, BUDGET_WINDOW_DAYS, fieldEpsilon, grrChannel,
} from '../privacy';
import { DEFAULT_CELL_SPEC, LEARNING_TIERS, MEASUREMENT_SCHEMA, cellCount, measurementLength } from '../learning';

/** One report field. */
export interface ReportFieldSpec {
  field: string;
  /** `none`: sent as-is; `k-ary randomized response`: replaced by a random other value with probability 1 − p. */
  noise: 'none' | 'k-ary randomized response';
  /** The values it can take. */
  values: string;
  /** Randomised fields: categories, ε spent at the default report ε, and P(the sent value is the true one). */
  k?: number;
  epsilon?: number;
  pTruth?: number;
  description: string;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const CATEGORY_VALUES: Readonly<Record<string, string>> = {
  orderValueBucket: ORDER_VALUE_LABELS.map((label, i) => `${i} = ${label}`).join('; '),
  satisfaction: SATISFACTION.join(', '),
};
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  schema: 'wire schema version',
  idempotencyKey: '128 fresh random bits per report, so a retried upload counts once; never reused, links nothing',
  day: 'UTC day of the offer (days since 1970-01-01); no finer time',
  policyVersion: "'default' or the decimal policy version the collector issued",
  epsilon: "the report's total ε",
  arm: 'what Tailor chose: holdout, no offer, or the tier shown',
  clicked: 'the shopper clicked the offer',
  copied: 'the shopper copied the code',
  redeemed: 'the code was used',
  purchased: 'the shopper bought within the outcome window',
  orderValueBucket: 'order value bucket',
  satisfaction: 'feedback on the offer',
};

/** The report fields at the default ε, in wire order. */
export function reportFields(epsilon: number = DEFAULT_EPSILON): ReportFieldSpec[] {
  const plain: ReportFieldSpec[] = [
    { field: 'schema', noise: 'none', values: String(REPORT_SCHEMA), description: DESCRIPTIONS.schema! },
    { field: 'idempotencyKey', noise: 'none', values: '32 hex digits', description: DESCRIPTIONS.idempotencyKey! },
    { field: 'day', noise: 'none', values: 'integer', description: DESCRIPTIONS.day! },
    { field: 'policyVersion', noise: 'none', values: "'default' or an integer", description: DESCRIPTIONS.policyVersion! },
    { field: 'epsilon', noise: 'none', values: `${EPSILON_RANGE[0]}–${EPSILON_RANGE[1]}`, description: DESCRIPTIONS.epsilon! },
    { field: 'arm', noise: 'none', values: `holdout, none, tierN for each tier N the merchant offers (default ${ARMS.filter((a) => a.startsWith('tier')).join(', ')})`, description: DESCRIPTIONS.arm! },
  ];
  const noised = RANDOMIZED_FIELD_NAMES.map((field): ReportFieldSpec => {
    const k = RANDOMIZED_FIELDS[field];
    const eps = fieldEpsilon(epsilon, field);
    return {
      field,
      noise: 'k-ary randomized response',
      values: CATEGORY_VALUES[field] ?? '0, 1',
      k,
      epsilon: round(eps),
      pTruth: round(grrChannel(k, eps).p),
      description: DESCRIPTIONS[field]!,
    };
  });
  return [...plain, ...noised];
}

/** The limits around reports: ε per report, the per-device budget, batch size, report age, k-threshold. */
export function reportLimits() {
  return {
    defaultReportEpsilon: round(DEFAULT_EPSILON),
    maxReportsPerDay: DEFAULT_BUDGET.maxReportsPerDay,
    epsilonPerWindow: round(DEFAULT_BUDGET.weeklyEpsilon),
    windowDays: BUDGET_WINDOW_DAYS,
    maxReportsPerUpload: MAX_BATCH,
    maxReportAgeDays: MAX_REPORT_AGE_DAYS,
    kThreshold: DEFAULT_K,
  };
}

/** One field of a measurement report (the central channel). */
export interface MeasurementFieldSpec {
  field: string;
  values: string;
  description: string;
}

/** The measurement report's fields, in wire order (core/learning/measurementReport.ts). */
export function measurementFields(): MeasurementFieldSpec[] {
  const cells = cellCount(DEFAULT_CELL_SPEC);
  return [
    { field: 'schema', values: `'${MEASUREMENT_SCHEMA}'`, description: 'wire schema version' },
    { field: 'idempotencyKey', values: '32 hex digits', description: DESCRIPTIONS.idempotencyKey! },
    { field: 'day', values: 'integer', description: 'UTC day of the decision (days since 1970-01-01); no finer time' },
    { field: 'spec', values: `cell spec version (default ${DEFAULT_CELL_SPEC.version})`, description: 'which grouping of shoppers the index is computed under (the model bundle defines it)' },
    {
      field: 'index',
      values: `0–${measurementLength(DEFAULT_CELL_SPEC) - 1} under ${DEFAULT_CELL_SPEC.version}`,
      description: `the one entry of the (cell × arm × bought) measurement this report adds 1 to: ${cells} coarse cells (new or returning visitor, in or out of season, product pages this visit < 10, 10–19, ≥ 20) × (no discount, ${LEARNING_TIERS.filter((t) => t > 0).map((t) => `${t} %`).join(', ')}, holdout) × (bought within 24 h or not). The collector only adds it to its batch; the batch is released once with discrete Gaussian noise`,
    },
  ];
}
