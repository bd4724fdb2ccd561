/**
 * Model inference in the worker, in headless Chromium, one run for all backends: the built
 * startModel chunk runs in a module worker on the demo shop (see browserHarness) with the
 * discount-response model the build ships (or, if it ships none, a generated one shaped like it:
 * 34 feature columns + one-hot tiers, 32-16 relu, sigmoid). Per backend, each in a fresh browser context:
 * - init: chunk import + backend init + weight upload + self-check (which also warms up);
 * - first prediction after init; steady state: all 4 tiers for one shopper, batch means;
 * - parity: worst |delta| against the Node forward pass over 50 generated shoppers.
 * 'js' is the plain-JS Float32Array forward pass through the same predictor: the floor.
 * WebGL runs on SwiftShader (software), forced; the runtime itself would refuse it here.
 * Sizes: gzip -9 of each backend's chunks (with their shared tfjs chunks), the startModel chunk,
 * the .wasm binaries and the weights.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/e2e/lib/chromium';
import { startServer } from '../test/e2e/lib/server';
import { harnessFirst, harnessPredict, harnessStart, harnessTime, modelChunk, prepareModelSdk, shippedModel, startHarness, START_MODEL_ENTRY, type ShippedModel } from '../test/unit/model-runtime/lib/browserHarness';
import { referenceProbabilities, worstDelta } from '../test/unit/model-runtime/lib/reference';
import { randomRecords } from '../test/unit/model-runtime/lib/tinyModel';
import type { BackendName } from '../src/worker/model/engine';
import { figure, type BenchContext, type Benchmark, type Figure } from './lib/figure';

const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu', 'js'];
const CHUNKS: Record<Exclude<BackendName, 'js'>, string> = {
  webgl: 'src/worker/model/lib/tfWebgl.ts',
  wasm: 'src/worker/model/lib/tfWasm.ts',
  cpu: 'src/worker/model/lib/tfCpu.ts',
};
const LABEL: Record<BackendName, string> = { webgl: 'webgl (SwiftShader)', wasm: 'wasm SIMD', cpu: 'tfjs cpu', js: 'plain JS (floor)' };

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (bytes: number) => Math.round((bytes / 1024) * 100) / 100;

/** gzip bytes of a manifest entry and every chunk it imports statically. */
function closureGzip(sdkDir: string, manifest: Record<string, { file: string; imports?: string[] }>, key: string): number {
  const seen = new Set<string>();
  const visit = (k: string) => {
    const entry = manifest[k];
    if (!entry || seen.has(entry.file)) return;
    seen.add(entry.file);
    (entry.imports ?? []).forEach(visit);
  };
  visit(key);
  return [...seen].reduce((sum, file) => sum + gz(join(sdkDir, file)), 0);
}

function sizeFigures(sdkDir: string): Figure[] {
  const manifest = JSON.parse(readFileSync(join(sdkDir, 'manifest.json'), 'utf8'));
  const out = (Object.keys(CHUNKS) as (keyof typeof CHUNKS)[]).map((b) =>
    figure(`model: ${LABEL[b]} chunks, gzip`, 'KB', [kb(closureGzip(sdkDir, manifest, CHUNKS[b]))], 'backend chunk + shared tfjs chunks it imports'),
  );
  out.push(figure('model: startModel chunk (loader, predictor, backend choice), gzip', 'KB', [kb(gz(join(sdkDir, manifest[START_MODEL_ENTRY].file)))]));
  const index = JSON.parse(readFileSync(join(sdkDir, 'models', 'index.json'), 'utf8')) as { wasm: Record<string, string> };
  for (const [name, path] of Object.entries(index.wasm)) out.push(figure(`model: ${name}, gzip`, 'KB', [kb(gz(join(sdkDir, 'models', path)))]));
  return out;
}

/** Weights of the trained models in the real build, if it has any. */
function realWeightFigures(distDir: string): Figure[] {
  const indexPath = join(distDir, 'models', 'index.json');
  if (!existsSync(indexPath)) return [];
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { models: { kind: string; version: string }[] };
  return index.models.map((m) => {
    const dir = join(distDir, 'models', m.version);
    const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const paths: string[] = modelJson.weightsManifest.flatMap((g: { paths: string[] }) => g.paths);
    return figure(`model: trained ${m.kind} weights + model.json + bundle.json, gzip`, 'KB', [kb([...paths, 'model.json', 'bundle.json'].reduce((s, p) => s + gz(join(dir, p)), 0))], `version ${m.version}`);
  });
}

/** The SDK to measure: the real build with its trained model, else a copy with a generated one. */
async function benchSdk(ctx: BenchContext): Promise<{ sdkDir: string; chunk: string; model: ShippedModel; urls: { tailorUrl: string; shopUrl: string }; stop(): Promise<void>; label: string }> {
  const trained = shippedModel('dist/sdk', ['discount-response']);
  if (trained) return { sdkDir: 'dist/sdk', chunk: modelChunk('dist/sdk'), model: trained, urls: ctx, stop: async () => undefined, label: `trained model ${trained.version}` };
  const sdk = await prepareModelSdk([{ kind: 'discount-response', seed: 41, hidden: [32, 16] }]);
  const server = await startServer({ TAILOR_SDK_DIR: sdk.sdkDir });
  const { bundle, mlp } = sdk.models[0]!;
  return { sdkDir: sdk.sdkDir, chunk: sdk.chunk, model: { version: 'generated', bundle, mlp }, urls: server, stop: () => server.stop(), label: 'generated model (the build ships none)' };
}

export const benchmark: Benchmark = {
  title: 'Model inference (worker)',
  async run(ctx) {
    const sdk = await benchSdk(ctx);
    const { model, urls: server } = sdk;
    const tiers = model.bundle.treatment?.levels.length ?? 1;
    const browser = await launchChromium(['--enable-unsafe-swiftshader']);
    const runs = ctx.quick ? 3 : 7;
    const records = randomRecords(77, 50);
    const shopper = records[0]!;
    const want = records.map((raw) => referenceProbabilities(model.bundle, model.mlp, raw));
    const out: Figure[] = [];
    try {
      for (const backend of BACKENDS) {
        const init: number[] = [];
        const first: number[] = [];
        const steady: number[] = [];
        let worst = 0;
        const batchSizes: number[] = [];
        for (let r = 0; r < runs; r++) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(`${server.shopUrl}/`);
          await startHarness(page, server.tailorUrl, sdk.chunk);
          const start = await harnessStart(page, backend, { backends: [backend], allowSoftwareGpu: true, timeoutMs: 30_000 });
          init.push(start.initMs);
          first.push(await harnessFirst(page, backend, shopper));
          const timed = await harnessTime(page, backend, shopper, ctx.quick ? 20 : 40);
          steady.push(...timed.perCall.map((ms) => ms * 1000));
          batchSizes.push(timed.batchSize);
          const got = (await harnessPredict(page, backend, records)).map((p) => (p.ok ? [...p.probabilities] : [Number.NaN]));
          worst = Math.max(worst, worstDelta(got, want));
          await context.close();
        }
        out.push(
          figure(`model init: ${LABEL[backend]}`, 'ms', init, `chunk import + backend init + weights + self-check/warm-up; fresh context each run; ${sdk.label}`),
          figure(`model first prediction: ${LABEL[backend]}`, 'ms', first, `${tiers} tiers, one shopper, right after init`),
          figure(`model steady prediction, all tiers: ${LABEL[backend]}`, 'µs', steady, `vectorise + one batched engine call + calibrate; means of batches of ${Math.min(...batchSizes)}-${Math.max(...batchSizes)} calls (timers are 0.1 ms coarse)`),
          figure(`model parity vs Node forward: ${LABEL[backend]}`, '1e-7', [worst * 1e7], `worst |Δp| over 50 shoppers x ${tiers} tiers, all runs`),
        );
      }
    } finally {
      await browser.close();
      await sdk.stop();
    }
    return [...out, ...sizeFigures(sdk.sdkDir), ...realWeightFigures('dist/sdk')];
  },
};
