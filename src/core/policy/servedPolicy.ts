/**
 * How a device turns the server's versioned snapshot (`GET /v1/config`) into the policy it decides with: the
 * learned values (calibration, exploration, ε, budget, margin) merged over the defaults, the merchant's own
 * settings over those. In core so that the worker and the fleet simulator (`tailor fleet`) apply a served
 * config identically.
 */
import { DEFAULT_POLICY, parsePolicyConfig, type PolicyConfig } from './config';
import { DEFAULT_BUDGET, type BudgetPolicy } from '../privacy/budget';
import { DEFAULT_EPSILON } from '../privacy/randomizedResponse';
import { centralBudget, centralReportEpsilon } from '../learning/contribution';
import { parseServedCells, type ServedCells } from '../learning/servedCells';
import { LEARNING_TIERS } from '../learning/measurement';

/** The server's snapshot, as `GET /v1/config` returns it (fields Tailor reads). */
export interface ServerPolicy {
  version: string;
  calibration?: Record<string, number>;
  exploration?: { rate?: number; weights?: Record<string, number> };
  epsilon?: number;
  budget?: BudgetPolicy;
  grossMargin?: number;
  /** The merchant's own settings (tiers, caps, cool-down, …); they win over learned values. */
  policy?: Record<string, unknown>;
  /** The site-wide page-value table (core/pageValues), validated where it is read. */
  pageValues?: unknown;
  /** Which report channel the collector runs: local DP per report (default), or central DP over aggregates. */
  channel?: 'local' | 'central';
  /** The per-cell allocation of the central channel (core/learning/servedCells.ts), validated here. */
  cells?: unknown;
}

/** The policy and report settings in force. */
export interface EffectivePolicy {
  policy: PolicyConfig;
  /** ε one report spends and the device's budget: per report on the local channel, the contribution bound on the central one. */
  epsilon: number;
  budget: BudgetPolicy;
  /**
   * The central channel's per-cell allocation, when the collector serves one that parses and every merchant tier
   * is one it measures; null = the local channel (decide by the model, report with local DP).
   */
  cells: ServedCells | null;
}

/** The served allocation, when it applies to `policy`: a tier the measurement has no arm for disables it. */
function centralCells(snapshot: ServerPolicy, policy: PolicyConfig): ServedCells | null {
  if (snapshot.channel !== 'central' || snapshot.cells === undefined) return null;
  let cells: ServedCells;
  try {
    cells = parseServedCells(snapshot.cells, 'effectivePolicy');
  } catch {
    // A bad allocation must not cost the merchant's settings: the local channel's model-led policy applies.
    return null;
  }
  return policy.tiers.every((t) => (LEARNING_TIERS as readonly number[]).includes(t)) ? cells : null;
}

/** Merges a server snapshot over the defaults; an invalid snapshot is ignored (defaults win). */
export function effectivePolicy(snapshot: ServerPolicy | null): EffectivePolicy {
  const fallback: EffectivePolicy = { policy: parsePolicyConfig(undefined), epsilon: DEFAULT_EPSILON, budget: DEFAULT_BUDGET, cells: null };
  if (!snapshot || typeof snapshot.version !== 'string') return fallback;
  try {
    const merchant = snapshot.policy && typeof snapshot.policy === 'object' ? snapshot.policy : {};
    const policy = parsePolicyConfig({
      explorationRate: snapshot.exploration?.rate ?? DEFAULT_POLICY.explorationRate,
      explorationWeights: snapshot.exploration?.weights ?? {},
      grossMargin: snapshot.grossMargin ?? DEFAULT_POLICY.grossMargin,
      ...merchant,
      version: snapshot.version,
      calibration: snapshot.calibration ?? {},
    });
    const epsilon = typeof snapshot.epsilon === 'number' && snapshot.epsilon > 0 ? snapshot.epsilon : DEFAULT_EPSILON;
    const b = snapshot.budget;
    const budget = b && b.maxReportsPerDay > 0 && b.weeklyEpsilon > 0 ? b : DEFAULT_BUDGET;
    const cells = centralCells(snapshot, policy);
    // On the central channel the ledger enforces the contribution bound: reportsPerDeviceWeek reports of ε / bound.
    if (cells) return { policy, epsilon: centralReportEpsilon(cells.dp), budget: centralBudget(cells.dp), cells };
    return { policy, epsilon, budget, cells: null };
  } catch {
    return fallback;
  }
}
