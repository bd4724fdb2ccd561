/**
 * What the model runtime reports about itself, and its one failure type. A model that cannot be
 * loaded, validated or run is never an exception thrown at the page and never a guessed number:
 * it is a `ModelUnavailable` result, and the decision layer shows no offer.
 */
import type { BackendName } from './engine';
import type { BackendRejection } from './backend';

/** Where loading or predicting failed ('runtime': the model chunk itself did not load). */
export type UnavailableStage = 'runtime' | 'index' | 'bundle' | 'weights' | 'backend' | 'predict';

/** The typed "no prediction" answer. */
export interface ModelUnavailable {
  readonly ok: false;
  readonly code: 'ModelUnavailable';
  readonly stage: UnavailableStage;
  readonly reason: string;
}

/** Thrown inside the runtime, turned into {@link ModelUnavailable} at its edge. */
export class ModelUnavailableError extends Error {
  readonly stage: UnavailableStage;
  constructor(stage: UnavailableStage, message: string) {
    super(message);
    this.name = 'ModelUnavailable';
    this.stage = stage;
  }
}

/** Converts anything thrown into a {@link ModelUnavailable}, defaulting to `stage`. */
export function unavailable(error: unknown, stage: UnavailableStage): ModelUnavailable {
  if (error instanceof ModelUnavailableError) return { ok: false, code: 'ModelUnavailable', stage: error.stage, reason: error.message };
  return { ok: false, code: 'ModelUnavailable', stage, reason: error instanceof Error ? error.message : String(error) };
}

/** Where the artifacts came from. */
export interface ModelStorage {
  /** 'cache-storage': kept in Cache Storage under `cacheName`; 'network': fetched every start. */
  readonly kind: 'cache-storage' | 'network';
  readonly cacheName?: string;
  /** Why Cache Storage was not used, when it was not. */
  readonly reason?: string;
  /** Whether every artifact came out of Cache Storage (no download). */
  readonly hit: boolean;
}

/** Everything the runtime knows about its state; structured-cloneable, so it crosses to the page. */
export interface ModelDiagnostics {
  readonly state: 'idle' | 'loading' | 'ready' | 'unavailable';
  readonly model?: {
    readonly kind: 'purchase' | 'discount-response';
    readonly version: string;
    readonly featureSpecVersion: string;
    readonly tiers: readonly number[];
    readonly inputs: number;
    readonly storage: ModelStorage;
    readonly loadMs: number;
  };
  /** The engine in use; `why` says why that order was tried (the model's size, or 'given'). */
  readonly backend?: { readonly name: BackendName; readonly initMs: number; readonly why: string };
  /** Backends passed over before the chosen one, with the reason for each. */
  readonly rejected: readonly BackendRejection[];
  readonly unavailable?: ModelUnavailable;
  readonly predictions: number;
  readonly lastPredictionMs?: number;
}
