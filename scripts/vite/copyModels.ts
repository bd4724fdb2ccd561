/**
 * Build step for the worker's model runtime (src/worker/model):
 *
 * 1. `writeModelArtifacts`: every `bundle.json` under `models/` is validated exactly as the
 *    worker will validate it (bundle against FEATURE_SPEC, weights parsed, input width checked),
 *    then copied with its model.json and weight shards into `dist/sdk/models/<version>/`, where
 *    `<version>` is a hash of all three. tfjs's two single-threaded `.wasm` binaries go to
 *    `dist/sdk/wasm/` with content-hashed names. `dist/sdk/models/index.json`, the only
 *    unhashed file, points at all of them.
 * 2. tfjs "custom module" resolution: the backends' bare `@tensorflow/tfjs-core` imports resolve
 *    to the side-effect-free `dist/base.js` (the runtime imports `base_side_effects` itself), and
 *    the threaded wasm glue, which can never run with threads off, is replaced by a stub.
 *    Shared chunks made only of tfjs code are named `assets/tfjs-[hash].js` instead of
 *    `chunk-[hash].js`, so size budgets can tell tfjs from Tailor's own shared code.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { FEATURE_SPEC } from '../../src/core/features/spec';
import { assertModelBundle, type ModelBundle } from '../../src/core/model/bundle';
import { layersModelWeightPaths, parseLayersModel } from '../../src/core/model/layersModel';
import { MODEL_INDEX_FORMAT, MODEL_INDEX_PATH, MODEL_INDEX_VERSION, type ModelIndex, type ModelIndexEntry } from '../../src/worker/model/modelIndex';

/** The `.wasm` binaries the runtime may load (threads off: never the threaded one). */
export const WASM_BINARIES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

/** Options of {@link writeModelArtifacts}. */
export interface ModelArtifactsOptions {
  /** Folder searched (recursively) for `bundle.json` files; 'models' by default. */
  readonly inputDir?: string;
  /** The SDK output folder (the one holding tailor.js). */
  readonly outDir: string;
}

const sha = (...parts: (string | Uint8Array)[]): string => {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex');
};

async function findBundles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return findBundles(path);
    return Promise.resolve(e.isFile() && e.name === 'bundle.json' ? [path] : []);
  }));
  return nested.flat().sort();
}

interface ReadModel {
  readonly bundle: ModelBundle;
  readonly files: { readonly name: string; readonly bytes: Uint8Array }[];
  readonly version: string;
}

/** Reads and validates one bundle with its model.json and shards; throws naming the file. */
async function readModel(bundlePath: string): Promise<ReadModel> {
  const fail = (message: string): never => {
    throw new Error(`copyModels: ${bundlePath} ${message}`);
  };
  const bundleBytes = await readFile(bundlePath);
  const bundle: unknown = JSON.parse(bundleBytes.toString('utf8'));
  try {
    assertModelBundle(bundle, FEATURE_SPEC);
  } catch (error) {
    return fail(`is not loadable by this build: ${(error as Error).message}`);
  }
  // Version folders keep the files' own names, so the paths inside must stay plain file names.
  const flat = (p: string) => /^[\w.-]+$/.test(p) || fail(`references '${p}'; only file names next to it are supported`);
  flat(bundle.modelPath);
  const modelBytes = await readFile(join(dirname(bundlePath), bundle.modelPath));
  const modelJson: unknown = JSON.parse(modelBytes.toString('utf8'));
  const shardNames = layersModelWeightPaths(modelJson);
  shardNames.forEach(flat);
  const shards = await Promise.all(shardNames.map((name) => readFile(join(dirname(bundlePath), name))));
  const mlp = parseLayersModel(modelJson, shards.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)));
  if (mlp.layers[0]?.inputSize !== bundle.inputColumns.length) {
    fail(`lists ${bundle.inputColumns.length} input columns but its network takes ${mlp.layers[0]?.inputSize}`);
  }
  const files = [
    { name: 'bundle.json', bytes: bundleBytes },
    { name: bundle.modelPath, bytes: modelBytes },
    ...shardNames.map((name, i) => ({ name, bytes: shards[i]! })),
  ];
  return { bundle, files, version: sha(...files.flatMap((f) => [f.name, f.bytes])).slice(0, 16) };
}

/** Copies and validates the model artifacts, writes models/index.json, and returns the index. */
export async function writeModelArtifacts(options: ModelArtifactsOptions): Promise<ModelIndex> {
  const inputDir = resolve(options.inputDir ?? 'models');
  const outDir = resolve(options.outDir);
  const models: ModelIndexEntry[] = [];
  for (const bundlePath of await findBundles(inputDir)) {
    const model = await readModel(bundlePath);
    const clash = models.find((m) => m.kind === model.bundle.kind);
    if (clash) throw new Error(`copyModels: two '${model.bundle.kind}' bundles under ${inputDir}; keep one per kind`);
    const dir = join(outDir, 'models', model.version);
    await mkdir(dir, { recursive: true });
    await Promise.all(model.files.map((f) => writeFile(join(dir, f.name), f.bytes)));
    models.push({ kind: model.bundle.kind, version: model.version, featureSpecVersion: model.bundle.featureSpecVersion, bundle: `${model.version}/bundle.json` });
  }
  const wasmSource = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const wasm: Record<string, string> = {};
  await mkdir(join(outDir, 'wasm'), { recursive: true });
  for (const file of WASM_BINARIES) {
    const from = join(wasmSource, 'dist', file);
    const name = file.replace(/\.wasm$/, `.${sha(await readFile(from)).slice(0, 10)}.wasm`);
    await copyFile(from, join(outDir, 'wasm', name));
    wasm[file] = relative(dirname(join(outDir, MODEL_INDEX_PATH)), join(outDir, 'wasm', name)).split('\\').join('/');
  }
  const index: ModelIndex = { format: MODEL_INDEX_FORMAT, formatVersion: MODEL_INDEX_VERSION, models, wasm };
  await mkdir(join(outDir, 'models'), { recursive: true });
  await writeFile(join(outDir, MODEL_INDEX_PATH), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

/** tfjs and the runtime's tfjs glue (lib/tf*.ts). */
const TFJS_MODULE = /[\\/]node_modules[\\/]@tensorflow[\\/]|[\\/]src[\\/]worker[\\/]model[\\/]lib[\\/]tf\w+\.ts$/;
/** What tfjs pulls in besides itself: npm dependencies (long, seedrandom), Vite's stubs of Node built-ins, virtual modules. */
const TFJS_COMPANION = /[\\/]node_modules[\\/]|^__vite-browser-external|^\0/;

/** A shared (non-entry) chunk that holds tfjs and nothing of Tailor's besides its tfjs glue. */
function isTfjsChunk(chunk: { isEntry: boolean; isDynamicEntry: boolean; moduleIds: readonly string[] }): boolean {
  if (chunk.isEntry || chunk.isDynamicEntry) return false;
  return chunk.moduleIds.some((id) => TFJS_MODULE.test(id)) && chunk.moduleIds.every((id) => TFJS_MODULE.test(id) || TFJS_COMPANION.test(id));
}

/** Chunk name pattern of shared tfjs-only chunks. */
export const TFJS_CHUNK_NAMES = 'assets/tfjs-[hash].js';

const THREADED_GLUE = /\/wasm-out\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/;
const STUB_FACTORY = '\0tailor:tfjs-wasm-threaded-stub';
const STUB_WORKER = '\0tailor:tfjs-wasm-threaded-worker-stub';

/** Options of {@link copyModels}. */
export interface CopyModelsOptions {
  /** Folder searched for `bundle.json` files; 'models' by default. */
  readonly inputDir?: string;
}

/** The Vite plugins: artifact copy (after the bundle is written) and tfjs custom-module resolution. */
export function copyModels(options: CopyModelsOptions = {}): Plugin[] {
  let config: ResolvedConfig | undefined;
  const artifacts: Plugin = {
    name: 'tailor-copy-models',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle() {
      if (!config) throw new Error('copyModels: the Vite config was not resolved');
      const index = await writeModelArtifacts({ inputDir: options.inputDir, outDir: resolve(config.root, config.build.outDir) });
      if (index.models.length === 0) this.warn(`no bundle.json under ${options.inputDir ?? 'models'}: the SDK ships without a model and will show no offers`);
    },
  };
  const customTfjs: Plugin = {
    name: 'tailor-tfjs-custom-module',
    enforce: 'pre',
    async resolveId(id, importer) {
      if (!importer) return null;
      if (id === '@tensorflow/tfjs-core') return this.resolve('@tensorflow/tfjs-core/dist/base.js', importer, { skipSelf: true });
      if (THREADED_GLUE.test(id) && importer.includes('tfjs-backend-wasm')) return id.endsWith('.worker.js') ? STUB_WORKER : STUB_FACTORY;
      return null;
    },
    outputOptions(output) {
      const base = output.chunkFileNames;
      if (base === undefined) return null;
      return { ...output, chunkFileNames: (chunk) => (isTfjsChunk(chunk) ? TFJS_CHUNK_NAMES : typeof base === 'function' ? base(chunk) : base) };
    },
    load(id) {
      if (id === STUB_WORKER) return 'export const wasmWorkerContents = "";';
      if (id === STUB_FACTORY) return 'export default function threadedSimdUnavailable() { throw new Error("tfjs wasm: threads are disabled in this build"); }';
      return null;
    },
  };
  return [customTfjs, artifacts];
}
