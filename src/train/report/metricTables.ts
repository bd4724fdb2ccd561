/** The metric tables shared by the CLI output and the model card. */
import type { CrossValidationSection, HoldoutSection } from './metricsFile';
import { PUBLISHED_REFERENCES } from './metricsFile';
import { formatSummary } from '../lib/summarize';
import { SCORE_LABELS, SCORE_NAMES } from '../pipeline/scoreClassifier';
import { markdownTable } from './markdownTable';
import { RUNTIME_VIEWS, RUNTIME_VIEW_LABELS } from '../pipeline/runtimeViews';

/** The figures of the runtime views that tell whether a device can rank without PageValues. */
const VIEW_SCORES = ['rocAuc', 'prAuc', 'f1'] as const;

/** Cross-validated figures per runtime view: how the shipped procedure scores on what a device really computes. */
export function runtimeViewsTable(cv: CrossValidationSection): string {
  const rows = RUNTIME_VIEWS.map((v) => [
    RUNTIME_VIEW_LABELS[v],
    ...VIEW_SCORES.map((name) => formatSummary(cv.runtimeViews[v].mlp[name])),
    ...VIEW_SCORES.map((name) => formatSummary(cv.runtimeViews[v].gbdt[name])),
  ]);
  return markdownTable(
    [`Runtime view (${cv.folds}-fold CV)`, ...VIEW_SCORES.map((n) => `MLP ${SCORE_LABELS[n]}`), ...VIEW_SCORES.map((n) => `GBDT ${SCORE_LABELS[n]}`)],
    rows,
  );
}

/** Held-out figures per runtime view. */
export function holdoutViewsTable(holdout: HoldoutSection): string {
  const rows = RUNTIME_VIEWS.map((v) => [
    RUNTIME_VIEW_LABELS[v],
    ...VIEW_SCORES.map((name) => holdout.runtimeViews[v].mlp[name].toFixed(3)),
    ...VIEW_SCORES.map((name) => holdout.runtimeViews[v].gbdt[name].toFixed(3)),
  ]);
  return markdownTable(
    [`Runtime view (held-out test)`, ...VIEW_SCORES.map((n) => `MLP ${SCORE_LABELS[n]}`), ...VIEW_SCORES.map((n) => `GBDT ${SCORE_LABELS[n]}`)],
    rows,
  );
}

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
