/** A valid wire report, for tests to mutate. */
import type { Report } from '../../../../src/core/privacy';

/** Valid in every field. */
export const VALID: Report = {
  schema: 1,
  idempotencyKey: '0123456789abcdef0123456789abcdef',
  day: 20_000,
  policyVersion: '3',
  epsilon: Math.log(3),
  arm: 'tier10',
  clicked: 1,
  copied: 0,
  redeemed: 0,
  purchased: 1,
  orderValueBucket: 3,
  satisfaction: 'up',
};
