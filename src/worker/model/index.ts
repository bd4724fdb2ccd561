/**
 * The worker's model facade: `modelRuntime(sdkBase)` → `{ warmUp, predictTiers, diagnostics }`.
 *
 * Cheap to create and statically importable: nothing is fetched and no tfjs code is loaded until
 * the first `warmUp()` or `predictTiers()` (the page asks for `warmUp()` once a decision is plausible, see
 * src/sdk/offers/warmUp.ts). Without an explicit backend order, a model this small runs on the plain-JS pass and
 * loads no tfjs at all; a larger one tries WebGL, then wasm, then cpu (`backendOrderFor`).
 * Nothing here rejects: every failure is a `ModelUnavailable` result and a diagnostics entry.
 *
 * Robustness: if the chosen backend starts failing (a lost WebGL context), the runtime restarts
 * without it and retries the prediction once; a failed load is retried after `retryAfterMs`.
 */
import { createVectorizer } from '../../core/features/vectorize';
import type { RawFeatureRecord } from '../../core/features/definition';
import { tierScores } from '../../core/model/tierScores';
import type { TierScore } from '../../core/policy';
import type { BackendRejection } from './backend';
import { unavailable, type ModelDiagnostics, type ModelUnavailable } from './diagnostics';
import type { BackendName } from './engine';
import type { PredictionResult } from './predictor';
import type { StartedModel, StartModelOptions } from './startModel';

export type { ModelDiagnostics, ModelUnavailable } from './diagnostics';
export type { PredictionResult, TierPrediction } from './predictor';
export type { BackendName } from './engine';

/** Options of {@link modelRuntime}. */
export interface ModelRuntimeOptions extends StartModelOptions {
  /** After a failed load, calls within this many ms answer from the failure; default 60 000. */
  readonly retryAfterMs?: number;
}

/** The worker-side model API. */
export interface ModelRuntime {
  /** Loads the model and starts a backend (idempotent); resolves with the diagnostics. */
  warmUp(): Promise<ModelDiagnostics>;
  /** Calibrated P(buy | tier) for every tier of the model, or why there is none. */
  predictTiers(raw: RawFeatureRecord): Promise<PredictionResult>;
  /**
   * The decision layer's view (`OfferDeps.score`): P(buy | tier) for exactly `tiers`, or null when
   * there is no model, the model is a purchase model (it cannot price tiers), or it was not
   * trained on one of the requested tiers. Never an extrapolated guess.
   */
  score(raw: RawFeatureRecord, tiers: readonly number[]): Promise<TierScore[] | null>;
  /** Current state, backend choice with reasons, timings. */
  diagnostics(): ModelDiagnostics;
  /**
   * The model input for `raw` (clipped, imputed, standardised with the bundle's
   * training statistics), by column name; null while no model is loaded.
   */
  standardize(raw: RawFeatureRecord): { names: string[]; values: number[] } | null;
  /** Frees the engine; later calls start over. */
  dispose(): void;
}

/** Creates the runtime for the SDK served from `sdkBase` (absolute, ending in '/'). */
export function modelRuntime(sdkBase: string, options: ModelRuntimeOptions = {}): ModelRuntime {
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  // Unset: the model's size decides (backendOrderFor); narrowed when a backend fails while predicting.
  let backends: readonly BackendName[] | undefined = options.backends;
  let running: Promise<StartedModel> | null = null;
  let current: StartedModel | null = null;
  let failure: { result: ModelUnavailable; at: number } | null = null;
  /** Rejections accumulate across restarts, so diagnostics tell the whole story. */
  const rejected: BackendRejection[] = [];
  let predictions = 0;
  let lastPredictionMs: number | undefined;

  const start = (): Promise<StartedModel> => {
    running ??= (async () => {
      let runtime: typeof import('./startModel');
      try {
        runtime = await import('./startModel');
      } catch (error) {
        throw unavailable(error, 'runtime');
      }
      try {
        const started = await runtime.startModel(sdkBase, { ...options, backends });
        rejected.push(...started.choice.rejected);
        current = started;
        failure = null;
        return started;
      } catch (error) {
        throw unavailable(error, 'index');
      }
    })().catch((result: ModelUnavailable) => {
      failure = { result, at: performance.now() };
      running = null;
      throw result;
    });
    return running;
  };

  /** The started model, or the failure to answer with (retrying once the back-off has passed). */
  const ready = async (): Promise<StartedModel | ModelUnavailable> => {
    if (current) return current;
    if (failure && !running && performance.now() - failure.at < retryAfterMs) return failure.result;
    return start().catch((result: ModelUnavailable) => result);
  };

  /** Drops a backend that failed at prediction time and starts again on the next one. */
  const demote = (broken: StartedModel, reason: string): void => {
    const name = broken.choice.engine.backend;
    rejected.push({ backend: name, reason: `failed while predicting: ${reason}`, ms: 0 });
    backends = broken.choice.order.filter((b) => b !== name);
    broken.dispose();
    if (current === broken) {
      current = null;
      running = null;
    }
  };

  const diagnostics = (): ModelDiagnostics => {
    const state = current ? 'ready' : running ? 'loading' : failure ? 'unavailable' : 'idle';
    const model = current?.model;
    return {
      state,
      ...(model
        ? {
            model: {
              kind: model.bundle.kind,
              version: model.version,
              featureSpecVersion: model.bundle.featureSpecVersion,
              tiers: [...(model.bundle.treatment?.levels ?? [])],
              inputs: model.bundle.inputColumns.length,
              storage: model.storage,
              loadMs: model.loadMs,
            },
          }
        : {}),
      ...(current ? { backend: { name: current.choice.engine.backend, initMs: current.choice.initMs, why: current.choice.why } } : {}),
      rejected: [...rejected],
      ...(failure && !current ? { unavailable: failure.result } : {}),
      predictions,
      ...(lastPredictionMs !== undefined ? { lastPredictionMs } : {}),
    };
  };

  const predictTiers = async (raw: RawFeatureRecord): Promise<PredictionResult> => {
    // Checked here so a bad argument is never mistaken for a failing backend below.
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return unavailable(new TypeError(`'raw' passed to 'predictTiers' must be a feature record object, got ${raw === null ? 'null' : typeof raw}`), 'predict');
    }
    let attempt = await ready();
    if ('ok' in attempt) return attempt;
    let result = await attempt.predictor.predictTiers(raw);
    if (!result.ok && attempt.choice.engine.backend !== 'js' && attempt.choice.order.length > 1) {
      demote(attempt, result.reason);
      attempt = await ready();
      if ('ok' in attempt) return attempt;
      result = await attempt.predictor.predictTiers(raw);
    }
    predictions++;
    if (result.ok) lastPredictionMs = result.ms;
    return result;
  };

  return {
    async warmUp() {
      await ready();
      return diagnostics();
    },
    predictTiers,
    async score(raw, tiers) {
      const result = await predictTiers(raw);
      if (!result.ok || result.kind !== 'discount-response') return null;
      // Merchant tiers between the model's levels are interpolated; outside them, not scored (core/model/tierScores.ts).
      const scores = tierScores(result.tiers, result.probabilities, tiers);
      return scores.some((s) => s.tier === 0) ? scores : null;
    },
    diagnostics,
    standardize(raw) {
      if (!current) return null;
      const vectorizer = createVectorizer(current.model.bundle.stats);
      return { names: [...vectorizer.columns], values: Array.from(vectorizer.vectorize(raw)) };
    },
    dispose() {
      current?.dispose();
      current = null;
      running = null;
    },
  };
}
