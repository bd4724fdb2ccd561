/** The metric tables shared by the CLI output and the model card. */
import type { CrossValidationSection, HoldoutSection } from './metricsFile';
import { PUBLISHED_REFERENCES } from './metricsFile';
import { formatSummary } from '../lib/summarize';
import { SCORE_LABELS, SCORE_NAMES } from '../pipeline/scoreClassifier';
import { markdownTable } from './markdownTable';

/** Cross-validated figures, mean ± sd, MLP next to the GBDT baseline. */
export function crossValidationTable(cv: CrossValidationSection): string {
  const rows = [...SCORE_NAMES, 'threshold' as const].map((name) => [
    name === 'threshold' ? 'Threshold (chosen on validation)' : SCORE_LABELS[name],
    formatSummary(cv.mlp[name]),
    formatSummary(cv.gbdt[name]),
  ]);
  return markdownTable([`Metric (${cv.folds}-fold CV, mean ± sd)`, 'MLP (shipped architecture)', 'GBDT baseline'], rows);
}

/** Figures of the shipped model and the baseline on the `train` command's test split. */
export function holdoutTable(holdout: HoldoutSection): string {
  const rows = SCORE_NAMES.map((name) => [SCORE_LABELS[name], holdout.mlp.scores[name].toFixed(3), holdout.gbdt.scores[name].toFixed(3)]);
  rows.push(['Threshold (chosen on validation)', holdout.mlp.threshold.toFixed(3), holdout.gbdt.threshold.toFixed(3)]);
  return markdownTable([`Metric (held-out test, ${holdout.rows.test} rows)`, 'MLP (shipped)', 'GBDT baseline'], rows);
}

/** Published figures for context. */
export function referencesTable(): string {
  return markdownTable(['Published reference', 'Metric', 'Value'], PUBLISHED_REFERENCES.map((r) => [r.model, r.metric, r.value.toFixed(3)]));
}
