/**
 * The `/v1/cells` body: the central channel's learning state as published. Built only from released (noised)
 * batches and what was learned from them; the exact sums of the open batch never appear, not even their total,
 * since that would be an un-noised count. The dashboard renders this same object.
 */
import { LEARNING_TIERS, cellLabel, centralEpsilon, centralSigma, type CellSpec, type CentralDpSettings } from '../../core/learning';
import type { CellLearning } from './cellService';
import { dayToIso } from './lib/days';

/** Who sees what on this channel, as the dashboard states it. */
export const TRUST_MODEL = {
  model: 'ideal-aggregator',
  statement:
    'Ideal aggregator: this collector is trusted with the exact sums of the batch still open; it adds noise once when the batch closes and deletes the exact sums in the same step, keeping only what it publishes.',
  planned: 'A two-aggregator Prio3 deployment (each aggregator sees only secret shares and adds its share of the noise) is the planned replacement; the learning code reads the same released sums.',
} as const;

/** One closed batch. */
export interface BatchView {
  batch: number;
  from: string;
  to: string;
  firstDay: number;
  lastDay: number;
  status: 'released' | 'withheld';
  /** Noised report total; null when withheld. */
  reports: number | null;
  sigma: number | null;
  /** Margin per exposure per unit of order value over this batch alone (null without enough exposures). */
  policyMargin: number | null;
  holdoutMargin: number | null;
  /** Whether the served allocation was learned from it. */
  learned: boolean;
}

/** One tier of one cell. */
export interface TierView {
  tier: number;
  /** Noised exposures and purchases over the learned batches (tier 0 includes the holdout's). */
  exposures: number;
  purchases: number;
  /** Posterior mean and SD of the conversion rate. */
  conversion: number;
  sd: number;
  /** P(draw this tier) as served. */
  weight: number;
}

/** One cell. */
export interface CellView {
  cell: number;
  label: string;
  exposures: number;
  exploration: number;
  tiers: TierView[];
}

/** The `/v1/cells` response body. */
export interface CellsView {
  site: string;
  channel: 'central';
  trust: typeof TRUST_MODEL;
  privacy: {
    /** ε and δ per device per week that the noise and the contribution bound give. */
    epsilonPerDeviceWeek: number;
    delta: number;
    reportsPerDeviceWeek: number;
    k: number;
    /** Noise SD on every entry of every released batch. */
    sigma: number;
  };
  schedule: { epoch: string | null; epochDay: number | null; maxBatchDays: number; reportLagDays: number; windowDays: number };
  spec: CellSpec;
  batches: BatchView[];
  /** The batch collecting now and the first day it can be released on. */
  open: { batch: number; from: string; to: string; releaseOn: string } | null;
  stopLoss: { active: boolean; reason: string; policyMargin: number | null; holdoutMargin: number | null; se: number | null };
  /** Hash of the served allocation. */
  hash: string;
  cells: CellView[];
}

/** The schedule and privacy settings the view states. */
export interface CellsViewSettings {
  dp: CentralDpSettings;
  maxBatchDays: number;
  reportLagDays: number;
  windowDays: number;
}

/** The closed batches as published. */
function batchViews(learning: CellLearning): BatchView[] {
  return learning.batches.map(({ record, alone, learned }) => ({
    batch: record.batch,
    from: dayToIso(record.firstDay),
    to: dayToIso(record.lastDay),
    firstDay: record.firstDay,
    lastDay: record.lastDay,
    status: record.release ? 'released' : 'withheld',
    reports: record.release?.reports ?? null,
    sigma: record.release?.sigma ?? null,
    policyMargin: alone?.policy ?? null,
    holdoutMargin: alone?.holdout ?? null,
    learned,
  }));
}

/** Every cell with its posterior and served weights. */
function cellViews(learning: CellLearning): CellView[] {
  const { spec } = learning.served;
  return learning.policy.cells.map((c) => ({
    cell: c.cell,
    label: cellLabel(c.cell, spec),
    exposures: c.arms.reduce((a, arm) => a + arm.exposures, 0),
    exploration: c.exploration,
    tiers: c.arms.map((arm, t) => ({ tier: LEARNING_TIERS[t]!, exposures: arm.exposures, purchases: arm.purchases, conversion: arm.mean, sd: arm.sd, weight: learning.served.weights[c.cell]![t]! })),
  }));
}

/** Builds the view of a site's learning state. */
export function cellsView(learning: CellLearning, settings: CellsViewSettings): CellsView {
  const { dp } = settings;
  const { stopLoss, open } = learning;
  return {
    site: learning.site,
    channel: 'central',
    trust: TRUST_MODEL,
    privacy: { epsilonPerDeviceWeek: centralEpsilon(dp), delta: dp.delta, reportsPerDeviceWeek: dp.reportsPerDeviceWeek, k: dp.k, sigma: centralSigma(dp) },
    schedule: {
      epoch: learning.epoch === null ? null : dayToIso(learning.epoch),
      epochDay: learning.epoch,
      maxBatchDays: settings.maxBatchDays,
      reportLagDays: settings.reportLagDays,
      windowDays: settings.windowDays,
    },
    spec: learning.served.spec,
    batches: batchViews(learning),
    open: open ? { batch: open.batch, from: dayToIso(open.firstDay), to: dayToIso(open.lastDay), releaseOn: dayToIso(open.releaseDay) } : null,
    stopLoss: { active: stopLoss.active, reason: stopLoss.reason, policyMargin: stopLoss.policy, holdoutMargin: stopLoss.holdout, se: stopLoss.se },
    hash: learning.policy.hash,
    cells: cellViews(learning),
  };
}
