/**
 * `models/index.json`: the one unhashed file of the model artifacts, written by the build
 * (scripts/vite/copyModels.ts). It names the content-hashed bundle of each model and tfjs's
 * `.wasm` files, so everything it points at can be cached forever and a release only has to
 * change this file.
 */

/** Identifies the file. */
export const MODEL_INDEX_FORMAT = 'tailor-model-index';
/** Bumped on any incompatible change to {@link ModelIndex}. */
export const MODEL_INDEX_VERSION = 1;
/** Path of the index under the SDK base URL. */
export const MODEL_INDEX_PATH = 'models/index.json';

/** The kinds of model a bundle can hold (see src/core/model/bundle.ts). */
export type ModelKind = 'purchase' | 'discount-response';

/** One model. */
export interface ModelIndexEntry {
  readonly kind: ModelKind;
  /** Content hash of bundle + model.json + weights; names the Cache Storage cache. */
  readonly version: string;
  readonly featureSpecVersion: string;
  /** URL of bundle.json, relative to index.json. */
  readonly bundle: string;
}

/** The whole index. */
export interface ModelIndex {
  readonly format: typeof MODEL_INDEX_FORMAT;
  readonly formatVersion: typeof MODEL_INDEX_VERSION;
  readonly models: readonly ModelIndexEntry[];
  /** tfjs `.wasm` file name -> URL relative to index.json. */
  readonly wasm: Readonly<Record<string, string>>;
}

/** Versions become cache names and file names: keep them to a safe alphabet. */
const VERSION_RE = /^[A-Za-z0-9._-]{1,64}$/;

function fail(message: string): never {
  throw new Error(`'index' passed to 'assertModelIndex' ${message}`);
}

/** Validates a parsed index.json, naming the first bad field. */
export function assertModelIndex(value: unknown): asserts value is ModelIndex {
  if (typeof value !== 'object' || value === null) fail('must be an object');
  const index = value as Partial<Record<keyof ModelIndex, unknown>>;
  if (index.format !== MODEL_INDEX_FORMAT) fail(`must have format '${MODEL_INDEX_FORMAT}', got '${String(index.format)}'`);
  if (index.formatVersion !== MODEL_INDEX_VERSION) fail(`has formatVersion ${String(index.formatVersion)}; this build reads ${MODEL_INDEX_VERSION}`);
  if (!Array.isArray(index.models)) fail('needs a models array');
  index.models.forEach((entry: Partial<Record<keyof ModelIndexEntry, unknown>> | null, i: number) => {
    if (entry?.kind !== 'purchase' && entry?.kind !== 'discount-response') fail(`models[${i}] has unknown kind '${String(entry?.kind)}'`);
    if (typeof entry.version !== 'string' || !VERSION_RE.test(entry.version)) fail(`models[${i}].version must match ${VERSION_RE}`);
    if (typeof entry.featureSpecVersion !== 'string' || entry.featureSpecVersion === '') fail(`models[${i}] needs a featureSpecVersion`);
    if (typeof entry.bundle !== 'string' || entry.bundle === '') fail(`models[${i}] needs a bundle path`);
  });
  const wasm = index.wasm as Record<string, unknown> | undefined;
  if (typeof wasm !== 'object' || wasm === null || !Object.values(wasm).every((p) => typeof p === 'string' && p !== '')) {
    fail('needs a wasm object of file name -> path');
  }
}

/** The entry to load: the first kind of `prefer` that the index has for `specVersion`. */
export function pickModel(index: ModelIndex, specVersion: string, prefer: readonly ModelKind[]): ModelIndexEntry {
  for (const kind of prefer) {
    const entry = index.models.find((m) => m.kind === kind && m.featureSpecVersion === specVersion);
    if (entry) return entry;
  }
  const listed = index.models.map((m) => `${m.kind}@${m.featureSpecVersion}`).join(', ') || 'none';
  throw new Error(`models/index.json has no ${prefer.join(' or ')} model for feature spec ${specVersion} (it lists: ${listed})`);
}
