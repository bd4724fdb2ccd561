/** The tables of the discount-response model card, also printed by the commands. */
import { markdownTable } from '../../report/markdownTable';
import type { PolicyEvaluation } from '../evaluatePolicy';
import type { HoldoutMetrics } from '../holdoutMetrics';

const f = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const pm = (e: { value: number; standardError: number }): string => `${f(e.value)} ± ${f(e.standardError)}`;
const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '–');

/** Discrimination and calibration at the logged tier. */
export function holdoutTable(test: HoldoutMetrics): string {
  return markdownTable([`Metric (test fold, ${test.rows} rows, logged tier)`, 'Value'], [
    ['ROC AUC', f(test.rocAuc)],
    ['Log loss', f(test.logLoss, 4)],
    ['ECE (10 bins)', f(test.ece, 4)],
    ['Brier', f(test.brier, 4)],
  ]);
}

/** Predicted vs observed conversion per logged tier. */
export function perTierTable(test: HoldoutMetrics): string {
  return markdownTable(['Tier', 'Test rows', 'Mean predicted P(buy)', 'Observed conversion'], test.perTier.map((t) => [`${t.tier} %`, String(t.rows), pct(t.predicted), pct(t.observed)]));
}

/** Predicted vs true uplift per segment and tier (simulated logs). */
export function upliftTable(test: HoldoutMetrics): string | null {
  const uplift = test.uplift;
  if (!uplift) return null;
  const tiers = uplift.segments.find((s) => s.tiers.length > 0)?.tiers.map((t) => t.tier) ?? [];
  return markdownTable(
    ['Segment', 'Test rows', ...tiers.map((t) => `uplift @ ${t} % (pred / true)`)],
    uplift.segments.map((s) => [s.segment, String(s.rows), ...tiers.map((tier) => {
      const cell = s.tiers.find((t) => t.tier === tier);
      return cell ? `${(cell.predicted * 100).toFixed(1)} / ${(cell.truth * 100).toFixed(1)} pts` : '–';
    })]),
  );
}

/** Policy values: IPS, DR, DR gain over no discount, exact (truth), tier mix. */
export function policyTable(evaluation: PolicyEvaluation): string {
  const truth = evaluation.oracle !== null;
  return markdownTable(
    ['Policy', 'IPS ± SE', 'DR ± SE', 'DR gain vs none ± SE', ...(truth ? ['Exact (truth)'] : []), 'Tier mix (%: share)'],
    evaluation.policies.map((p) => [
      p.policy,
      pm(p.ips),
      pm(p.dr),
      pm(p.drGainOverNone),
      ...(truth ? [f(p.exact)] : []),
      Object.entries(p.tierMix).filter(([, share]) => share > 0.0005).map(([tier, share]) => `${tier}: ${(share * 100).toFixed(0)}%`).join(', '),
    ]),
  );
}
