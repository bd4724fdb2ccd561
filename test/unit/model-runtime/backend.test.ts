import { describe, expect, it } from 'vitest';
import { mlpForward } from '../../../src/core/model/mlp';
import { backendOrderFor, chooseBackend, JS_MAX_MACS, multiplyAdds } from '../../../src/worker/model/backend';
import type { InferenceEngine } from '../../../src/worker/model/engine';
import { createJsEngine } from '../../../src/worker/model/lib/jsEngine';
import { classifyRenderer, probeGpu } from '../../../src/worker/model/lib/probeGpu';
import { probeWasm } from '../../../src/worker/model/lib/probeWasm';
import { selfCheck, selfCheckInput, SELF_CHECK_TOLERANCE } from '../../../src/worker/model/lib/selfCheck';
import { withTimeout } from '../../../src/worker/model/lib/withTimeout';
import { randomMlp } from './lib/tinyModel';

const mlp = randomMlp(5, [40, 12, 1], ['relu', 'sigmoid']);
const CSP_REFUSAL = { ok: false as const, reason: "the Content-Security-Policy blocks WebAssembly (needs 'wasm-unsafe-eval'): Refused to compile" };
const WASM_URLS = { 'tfjs-backend-wasm.wasm': 'https://t.test/a.wasm', 'tfjs-backend-wasm-simd.wasm': 'https://t.test/b.wasm' };

describe('backendOrderFor', () => {
  it('counts the multiply-adds of every dense layer for every row', () => {
    // 40x12 + 12x1 per row.
    expect(multiplyAdds(mlp, 1)).toBe(492);
    expect(multiplyAdds(mlp, 5)).toBe(2460);
  });

  it('gives a small network the plain-JS pass alone and a large one the tfjs order, at the threshold', () => {
    expect(backendOrderFor(mlp, 5).order).toEqual(['js']);
    expect(backendOrderFor(mlp, 5).why).toMatch(/^2460 multiply-adds per prediction \(≤ 1000000\)/);
    expect(backendOrderFor(mlp, 5, 2460).order).toEqual(['js']);
    expect(backendOrderFor(mlp, 5, 2459).order).toEqual(['webgl', 'wasm', 'cpu', 'js']);
    const wide = randomMlp(6, [512, 1024, 1024, 1], ['relu', 'relu', 'sigmoid']);
    expect(multiplyAdds(wide, 1)).toBeGreaterThan(JS_MAX_MACS);
    expect(backendOrderFor(wide, 1).order).toEqual(['webgl', 'wasm', 'cpu', 'js']);
  });

  it('is what chooseBackend tries when no order is given, and says so', async () => {
    const small = await chooseBackend(mlp, { checkRows: 5 });
    expect([small.engine.backend, small.order, small.rejected]).toEqual(['js', ['js'], []]);
    expect(small.why).toContain('plain-JS pass is faster');
    // Forced over the threshold, Node has no OffscreenCanvas and no wasm URLs: it goes down the whole order.
    const large = await chooseBackend(mlp, { checkRows: 5, jsMaxMacs: 0 });
    expect(large.order).toEqual(['webgl', 'wasm', 'cpu', 'js']);
    expect(large.rejected.map((r) => r.backend)).toEqual(['webgl', 'wasm']);
    expect(large.engine.backend).toBe('cpu');
    large.engine.dispose();
    expect((await chooseBackend(mlp, { order: ['js'] })).why).toBe('given');
  });
});

describe('chooseBackend', () => {
  it('passes over webgl without a GPU and wasm under a CSP, records why, and runs on cpu', async () => {
    const choice = await chooseBackend(mlp, { order: ['webgl', 'wasm', 'cpu', 'js'], wasmUrls: WASM_URLS, probes: { wasm: async () => CSP_REFUSAL } });
    expect(choice.engine.backend).toBe('cpu');
    expect(choice.rejected.map((r) => [r.backend, r.reason])).toEqual([
      ['webgl', 'no OffscreenCanvas in this worker'],
      ['wasm', CSP_REFUSAL.reason],
    ]);
    const x = selfCheckInput(3, 40);
    const got = await choice.engine.run(x, 3);
    const want = mlpForward(mlp, x, 3);
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-6));
    choice.engine.dispose();
  });

  it('treats a software renderer as no GPU unless told otherwise', async () => {
    const software = { gpu: () => classifyRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)') };
    const refused = await chooseBackend(mlp, { order: ['webgl', 'js'], probes: software });
    expect(refused.engine.backend).toBe('js');
    expect(refused.rejected[0]!.reason).toMatch(/^software WebGL renderer \(ANGLE .*SwiftShader/);
    // Allowed, it gets as far as tfjs, which has no webgl backend in Node: a real initialisation failure.
    const allowed = await chooseBackend(mlp, { order: ['webgl', 'js'], probes: software, allowSoftwareGpu: true });
    expect(allowed.engine.backend).toBe('js');
    expect(allowed.rejected[0]!.reason).toContain("'webgl' not found in registry");
  });

  it('needs the wasm file URLs before it downloads the wasm chunk', async () => {
    const choice = await chooseBackend(mlp, { order: ['wasm', 'js'] });
    expect(choice.rejected).toEqual([{ backend: 'wasm', reason: 'no .wasm files are listed in models/index.json', ms: expect.any(Number) }]);
  });

  it('fails with every reason when no backend of the order can run', async () => {
    await expect(chooseBackend(mlp, { order: ['webgl'] })).rejects.toThrow('no backend of [webgl] could run the model (webgl: no OffscreenCanvas in this worker)');
    await expect(chooseBackend(mlp, { order: [] })).rejects.toThrow("'order' passed to 'chooseBackend' must name at least one backend");
  });
});

describe('selfCheck', () => {
  const skewed = (delta: number): InferenceEngine => {
    const inner = createJsEngine(mlp);
    return { ...inner, backend: 'cpu', run: async (x, rows) => (await inner.run(x, rows)).map((v) => v + delta) };
  };

  it('accepts an engine that agrees with the reference and rejects one that does not', async () => {
    await expect(selfCheck(skewed(SELF_CHECK_TOLERANCE / 2), mlp, 4)).resolves.toBeUndefined();
    await expect(selfCheck(skewed(SELF_CHECK_TOLERANCE * 3), mlp, 4)).rejects.toThrow(/^the cpu backend disagrees with the reference forward pass by 0\.000[23]/);
    await expect(selfCheck(skewed(Number.NaN), mlp, 4)).rejects.toThrow('disagrees with the reference forward pass by Infinity');
  });

  it('uses inputs spread over [-2, 2]', () => {
    const x = selfCheckInput(10, 40);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...x)).toBeLessThan(2);
    expect(Math.max(...x) - Math.min(...x)).toBeGreaterThan(3.9);
  });
});

describe('probes', () => {
  it.each([
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', true],
    ['Apple M2', true],
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', false],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', false],
    ['Microsoft Basic Render Driver', false],
    ['Google SwiftShader', false],
    ['', false],
  ])('classifies %j as hardware: %s', (renderer, hardware) => {
    expect(classifyRenderer(renderer).ok).toBe(hardware);
  });

  it('reports no GPU where there is no OffscreenCanvas, and WebAssembly where it compiles', async () => {
    expect(probeGpu()).toEqual({ ok: false, reason: 'no OffscreenCanvas in this worker' });
    expect(await probeWasm()).toEqual({ ok: true });
  });

  it('withTimeout rejects a hung promise with what hung, and passes results through', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'initialising the wasm backend')).rejects.toThrow('initialising the wasm backend did not finish within 20 ms');
    await expect(withTimeout(Promise.resolve(7), 20, 'x')).resolves.toBe(7);
    await expect(withTimeout(Promise.resolve(7), 0, 'x')).rejects.toThrow("'ms' passed to 'withTimeout' must be a positive number, got 0");
  });
});
