import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyModels, writeModelArtifacts } from '../../../scripts/vite/copyModels';
import { assertModelIndex } from '../../../src/worker/model/modelIndex';
import { writeTinyModel } from './lib/tinyModel';

const temp = () => mkdtempSync(join(tmpdir(), 'tailor-copy-'));

describe('writeModelArtifacts', () => {
  it('copies each model into a folder named by the hash of its files and indexes it', async () => {
    const input = temp();
    const purchase = writeTinyModel(join(input, 'purchase'), { kind: 'purchase' });
    writeTinyModel(join(input, 'uplift', 'v2'), { kind: 'discount-response' });
    const out = temp();
    const index = await writeModelArtifacts({ inputDir: input, outDir: out });
    assertModelIndex(index);
    expect(JSON.parse(readFileSync(join(out, 'models', 'index.json'), 'utf8'))).toEqual(index);
    expect(index.models.map((m) => m.kind).sort()).toEqual(['discount-response', 'purchase']);
    for (const m of index.models) {
      expect(m.version).toMatch(/^[0-9a-f]{16}$/);
      expect(m.bundle).toBe(`${m.version}/bundle.json`);
      for (const file of ['bundle.json', 'model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin']) {
        expect(existsSync(join(out, 'models', m.version, file))).toBe(true);
      }
    }
    const copied = join(out, 'models', index.models.find((m) => m.kind === 'purchase')!.version, 'bundle.json');
    expect(readFileSync(copied)).toEqual(readFileSync(join(purchase.dir, 'bundle.json')));
    for (const [name, path] of Object.entries(index.wasm)) {
      expect(path).toMatch(new RegExp(`^\\.\\./wasm/${name.replace('.wasm', '')}\\.[0-9a-f]{10}\\.wasm$`));
      expect(readFileSync(join(out, 'models', path)).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    }
  });

  it('gives the same files the same version and changed weights a new one', async () => {
    const input = temp();
    writeTinyModel(input, { seed: 1 });
    const a = await writeModelArtifacts({ inputDir: input, outDir: temp() });
    const b = await writeModelArtifacts({ inputDir: input, outDir: temp() });
    expect(b.models[0]!.version).toBe(a.models[0]!.version);
    const shard = join(input, 'group1-shard2of2.bin');
    const bytes = readFileSync(shard);
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(shard, bytes);
    const c = await writeModelArtifacts({ inputDir: input, outDir: temp() });
    expect(c.models[0]!.version).not.toBe(a.models[0]!.version);
  });

  it('fails the build on a bundle this build could not load, naming the file', async () => {
    const input = temp();
    const model = writeTinyModel(input);
    writeFileSync(join(input, 'bundle.json'), JSON.stringify({ ...model.bundle, featureSpecVersion: '0.1.0' }));
    await expect(writeModelArtifacts({ inputDir: input, outDir: temp() })).rejects.toThrow(
      `copyModels: ${join(input, 'bundle.json')} is not loadable by this build: 'bundle' passed to 'assertModelBundle' was trained with feature spec 0.1.0`,
    );
  });

  it('refuses two bundles of one kind, and ships an empty index when there is no model', async () => {
    const input = temp();
    writeTinyModel(join(input, 'a'));
    writeTinyModel(join(input, 'b'));
    await expect(writeModelArtifacts({ inputDir: input, outDir: temp() })).rejects.toThrow("two 'discount-response' bundles");
    const empty = await writeModelArtifacts({ inputDir: join(temp(), 'missing'), outDir: temp() });
    expect(empty.models).toEqual([]);
    expect(Object.keys(empty.wasm).sort()).toEqual(['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm']);
  });
});

describe('copyModels plugin', () => {
  it('stubs only the threaded wasm glue, and only for tfjs-backend-wasm', async () => {
    const [customTfjs] = copyModels();
    const resolveId = customTfjs!.resolveId as (this: unknown, id: string, importer?: string) => Promise<unknown>;
    const importer = '/x/node_modules/@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js';
    const stub = await resolveId.call({}, '../wasm-out/tfjs-backend-wasm-threaded-simd.js', importer);
    const workerStub = await resolveId.call({}, '../wasm-out/tfjs-backend-wasm-threaded-simd.worker.js', importer);
    expect(typeof stub).toBe('string');
    expect(workerStub).not.toBe(stub);
    expect(await resolveId.call({}, '../wasm-out/tfjs-backend-wasm.js', importer)).toBeNull();
    expect(await resolveId.call({}, '../wasm-out/tfjs-backend-wasm-threaded-simd.js', '/x/src/other.ts')).toBeNull();
    const load = customTfjs!.load as (id: string) => string | null;
    expect(load(workerStub as string)).toContain('wasmWorkerContents');
    expect(load(stub as string)).toContain('threads are disabled');
  });
});
