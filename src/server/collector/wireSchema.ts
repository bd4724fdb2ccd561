/**
 * The server's zod mirror of the report wire schema in
 * `src/core/privacy/report.ts` and of the measurement schema in
 * `src/core/learning/measurementReport.ts` (which the SDK uses without zod).
 * Both are built from the same constants, and property tests check they accept
 * and reject the same inputs.
 */
import { z } from 'zod';
import {
  ARM_RE,
  type Arm,
  EPSILON_RANGE,
  IDEMPOTENCY_KEY_RE,
  MAX_BATCH,
  ORDER_VALUE_BUCKETS,
  POLICY_VERSION_RE,
  REPORT_SCHEMA,
  SATISFACTION,
  SITE_RE,
} from '../../core/privacy/report';
import { MAX_MEASUREMENT_INDEX, MEASUREMENT_SCHEMA, SPEC_VERSION_RE } from '../../core/learning/measurementReport';

const bit = z.union([z.literal(0), z.literal(1)], { error: 'must be 0 or 1' });

/** One report, strictly: no unknown fields, every field typed and bounded. */
export const reportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA, { error: `must be ${REPORT_SCHEMA}` }),
  idempotencyKey: z.string().regex(IDEMPOTENCY_KEY_RE, { error: 'must be 32 lower-case hex digits' }),
  day: z.number().int().min(0).max(1e6),
  policyVersion: z.string().regex(POLICY_VERSION_RE, { error: "must be 'default' or a decimal version" }),
  epsilon: z.number().min(EPSILON_RANGE[0]!).max(EPSILON_RANGE[1]!),
  arm: z.string().regex(ARM_RE, { error: "must be 'holdout', 'none' or 'tierN' for a tier N of 1–99 %" }).transform((a) => a as Arm),
  clicked: bit,
  copied: bit,
  redeemed: bit,
  purchased: bit,
  orderValueBucket: z.number().int().min(0).max(ORDER_VALUE_BUCKETS - 1),
  satisfaction: z.enum(SATISFACTION),
});

/** An upload: `{site?, reports}` with 1 to {@link MAX_BATCH} reports. */
export const batchSchema = z.strictObject({
  site: z.string().regex(SITE_RE, { error: "must be 1-64 characters of a-z, 0-9, '-' or '_'" }).optional(),
  reports: z.array(reportSchema).min(1, { error: `must hold 1 to ${MAX_BATCH} reports` }).max(MAX_BATCH, { error: `must hold 1 to ${MAX_BATCH} reports` }),
});

/** A parsed upload. */
export type Batch = z.infer<typeof batchSchema>;

/** One measurement report of the central channel, strictly. */
export const measurementSchema = z.strictObject({
  schema: z.literal(MEASUREMENT_SCHEMA, { error: `must be '${MEASUREMENT_SCHEMA}'` }),
  idempotencyKey: z.string().regex(IDEMPOTENCY_KEY_RE, { error: 'must be 32 lower-case hex digits' }),
  day: z.number().int().min(0).max(1e6),
  spec: z.string().regex(SPEC_VERSION_RE, { error: 'must be a cell spec version (1-32 characters of a-z, 0-9, ., _ or -)' }),
  index: z.number().int().min(0).max(MAX_MEASUREMENT_INDEX),
});

/** A measurement upload: `{site?, measurements}` with 1 to {@link MAX_BATCH} measurements. */
export const measurementBatchSchema = z.strictObject({
  site: z.string().regex(SITE_RE, { error: "must be 1-64 characters of a-z, 0-9, '-' or '_'" }).optional(),
  measurements: z
    .array(measurementSchema)
    .min(1, { error: `must hold 1 to ${MAX_BATCH} measurements` })
    .max(MAX_BATCH, { error: `must hold 1 to ${MAX_BATCH} measurements` }),
});

/** A parsed measurement upload. */
export type MeasurementBatch = z.infer<typeof measurementBatchSchema>;

/** `['reports', 3, 'day']` → `reports[3].day`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

/** The first problem of a failed parse as `{field, message}`; unknown keys are named themselves. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const field = fieldPath([...issue.path, issue.keys[0]!]);
    return { field, message: `'${field}' is not an allowed field` };
  }
  const field = fieldPath(issue.path) || 'body';
  return { field, message: `'${field}' ${issue.message.replace(/^Invalid input: /, '')}` };
}
