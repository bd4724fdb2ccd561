/**
 * The whole pure pipeline from stored events to a model input vector:
 * dedupe → split sessions → bot check of the current session → raw features → vectorise.
 * Clipping, imputation and standardisation are the vectorizer's (statistics from the model bundle); nothing is
 * re-implemented here.
 */
import type { RawFeatureRecord } from '../features/definition';
import type { FeatureSpec } from '../features/definition';
import type { FeatureStats } from '../features/stats';
import { FEATURE_SPEC } from '../features/spec';
import { createVectorizer } from '../features/vectorize';
import type { FeatureContext, FeatureEvent } from './featureContext';
import type { BotSignals, BotVerdict } from './detectBot';
import { detectBot } from './detectBot';
import { dedupeEvents } from './dedupeEvents';
import { computeFeatures } from './computeFeatures';
import { splitSessions } from './lib/splitSessions';

/** Result of one pipeline run. */
export interface FeaturePipelineResult {
  readonly raw: RawFeatureRecord;
  readonly bot: BotVerdict;
  /** False for bot sessions: the caller must not show an offer (nor learn from the session). */
  readonly personalise: boolean;
  /** The model input in `columns` order, or null when the session must not be personalised. */
  readonly vector: Float32Array | null;
}

/** A pipeline bound to one model bundle's statistics. */
export interface FeaturePipeline {
  readonly columns: readonly string[];
  run(events: readonly FeatureEvent[], context: FeatureContext, signals?: BotSignals): FeaturePipelineResult;
}

/** Validates `stats` against `spec` once (throws on mismatch, see `createVectorizer`) and returns the pipeline. */
export function createFeaturePipeline(stats: FeatureStats | unknown, spec: FeatureSpec = FEATURE_SPEC): FeaturePipeline {
  const vectorizer = createVectorizer(stats, spec);
  return {
    columns: vectorizer.columns,
    run(events, context, signals = {}) {
      const kept = dedupeEvents(events);
      const sessions = splitSessions(kept);
      const bot = detectBot(sessions[sessions.length - 1]?.events ?? [], signals);
      const raw = computeFeatures(kept, context);
      return { raw, bot, personalise: !bot.bot, vector: bot.bot ? null : vectorizer.vectorize(raw) };
    },
  };
}
