/**
 * Lazily loaded chunk: everything between "the worker wants predictions" and a ready predictor —
 * load and validate the model, pick and self-check a backend, build the predictor. The facade
 * (index.ts) imports this only on the first `warmUp()` or prediction, so neither the model code
 * nor any tfjs chunk is fetched on pages where no decision is ever made.
 */
import type { BackendChoice, ChooseBackendOptions } from './backend';
import { chooseBackend } from './backend';
import type { BackendName } from './engine';
import { ModelUnavailableError } from './diagnostics';
import { loadModel, type LoadedModel, type LoadModelOptions } from './loadModel';
import { createPredictor, type Predictor } from './predictor';

/** Options of {@link startModel}: loading plus backend choice. */
export interface StartModelOptions extends LoadModelOptions, Pick<ChooseBackendOptions, 'timeoutMs' | 'allowSoftwareGpu' | 'probes' | 'jsMaxMacs'> {
  /** Backends to try, in order (by default chosen by the model's size, see backendOrderFor). */
  readonly backends?: readonly BackendName[];
}

/** A running model. */
export interface StartedModel {
  readonly model: LoadedModel;
  readonly choice: BackendChoice;
  readonly predictor: Predictor;
  /** Frees the engine's weights. */
  dispose(): void;
}

/** Loads the model of `sdkBase` and starts it on the best backend; throws ModelUnavailableError. */
export async function startModel(sdkBase: string, options: StartModelOptions = {}): Promise<StartedModel> {
  const model = await loadModel(sdkBase, options);
  let choice: BackendChoice;
  try {
    choice = await chooseBackend(model.mlp, {
      order: options.backends,
      timeoutMs: options.timeoutMs,
      allowSoftwareGpu: options.allowSoftwareGpu,
      probes: options.probes,
      jsMaxMacs: options.jsMaxMacs,
      wasmUrls: model.wasmUrls,
      // Check (and warm up) with the batch size every prediction will use.
      checkRows: Math.max(1, model.bundle.treatment?.levels.length ?? 1),
    });
  } catch (error) {
    throw new ModelUnavailableError('backend', error instanceof Error ? error.message : String(error));
  }
  const predictor = createPredictor(model.bundle, choice.engine, options.spec);
  // One full prediction now (vectoriser, engine, calibration) so the shopper's first decision
  // does not pay for JIT warm-up, and so a path that cannot predict fails here, not later.
  const warm = await predictor.predictTiers({});
  if (!warm.ok) {
    choice.engine.dispose();
    throw new ModelUnavailableError('predict', warm.reason);
  }
  return { model, choice, predictor, dispose: () => choice.engine.dispose() };
}
