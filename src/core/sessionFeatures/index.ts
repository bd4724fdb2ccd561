/**
 * Session and history features: stored Tailor events → the raw feature record of FEATURE_SPEC, with the
 * cleaning steps (dedupe, bot detection) as small pure functions. Pure TypeScript: the same code runs in the
 * browser worker and in Node. Derivations and their biases: README.md in this folder.
 */
export { computeFeatures } from './computeFeatures';
export type { AccumulatorSnapshot, FeatureAccumulator } from './createAccumulator';
export { ACCUMULATOR_SNAPSHOT_VERSION, createAccumulator } from './createAccumulator';
export { dedupeEvents } from './dedupeEvents';
export type { BotSignals, BotThresholds, BotVerdict } from './detectBot';
export { DEFAULT_BOT_THRESHOLDS, detectBot } from './detectBot';
export type { FeaturePipeline, FeaturePipelineResult } from './createFeaturePipeline';
export { createFeaturePipeline } from './createFeaturePipeline';
export type { FeatureContext, FeatureEvent, RateOptions, VisitorState } from './featureContext';
export { DEFAULT_RATE_OPTIONS } from './featureContext';
export type { PageClass, PageClassRules, PageClassifier } from './classifyPage';
export { DEFAULT_PAGE_CLASS_RULES, classifyPage, createPageClassifier } from './classifyPage';
export type { HistorySummary, PathStats } from './historySummary';
export { HISTORY_SUMMARY_VERSION, MAX_HISTORY_CATEGORIES, assertHistorySummary, emptyHistory } from './historySummary';
export { upgradeHistorySummary } from './upgradeHistorySummary';
export { summariseHistory } from './summariseHistory';
export { DUPLICATE_WINDOW_MS, ID_WINDOW_MS } from './lib/deduper';
export { SESSION_IDLE_MS } from './lib/sessionRule';
export type { RawFeatureRecord } from '../features/definition';
