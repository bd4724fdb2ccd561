/**
 * The treatment input of a discount-response model: the discount tier offered, appended after the
 * feature columns so one network predicts P(buy | features, tier) for every tier. A purchase
 * model has no treatment input.
 */

/** How the tier is fed to the model. */
export interface TreatmentInput {
  /** Input name, e.g. 'discount_tier'. */
  readonly name: string;
  /** Allowed tiers in percent off, ascending, e.g. [0, 5, 10, 15]. */
  readonly levels: readonly number[];
  /** 'onehot': one column per level (no shape assumed); 'numeric': one column, tier / 100. */
  readonly encoding: 'onehot' | 'numeric';
}

/** Column names the treatment adds, in order. */
export function treatmentColumns(treatment: TreatmentInput): string[] {
  return treatment.encoding === 'numeric' ? [treatment.name] : treatment.levels.map((level) => `${treatment.name}=${level}`);
}

/** Writes the encoding of `tier` into `out` at `offset`. */
export function encodeTreatment(treatment: TreatmentInput, tier: number, out: Float32Array, offset: number): void {
  const index = treatment.levels.indexOf(tier);
  if (index < 0) {
    throw new Error(`'tier' passed to 'encodeTreatment' must be one of ${treatment.levels.join(', ')}, got ${tier}`);
  }
  if (treatment.encoding === 'numeric') {
    out[offset] = tier / 100;
    return;
  }
  for (let i = 0; i < treatment.levels.length; i++) out[offset + i] = i === index ? 1 : 0;
}
