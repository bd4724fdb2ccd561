/**
 * Runs a dense network on the active TensorFlow.js backend with one `_FusedMatMul` kernel per
 * layer (matmul + bias + activation in a single dispatch), called straight through the engine.
 * Going below the ops layer is what lets the backend chunks register only the kernels used here
 * instead of all of tfjs: see {@link TF_KERNELS}.
 *
 * tfjs-core is imported from its side-effect-free `base` entry; `base_side_effects` sets up the
 * engine, flags and platform and must run before any backend module registers its flags.
 */
import '@tensorflow/tfjs-core/dist/base_side_effects';
import { _FusedMatMul, Tanh, engine, registerKernel, tensor, tidy, type KernelConfig, type Tensor } from '@tensorflow/tfjs-core/dist/base';
import type { Activation, Mlp } from '../../../core/model/mlp';
import type { BackendName, CreateEngine, EngineStartOptions, InferenceEngine } from '../engine';

/** The kernels {@link createTfEngine} dispatches; each backend chunk registers exactly these. */
export const TF_KERNELS = [_FusedMatMul, Tanh] as const;

/** tfjs backends this module can drive. */
export type TfBackendName = Exclude<BackendName, 'js'>;

/**
 * The `createEngine` of a backend chunk: on first use runs `setup` (backend flags, file locations) and registers
 * `kernels` — that backend's configs of {@link TF_KERNELS} — then uploads each model with {@link createTfEngine}.
 */
export function backendEngine(name: TfBackendName, kernels: readonly KernelConfig[], setup?: (options: EngineStartOptions) => void): CreateEngine {
  let registered = false;
  return (mlp, options = {}) => {
    if (!registered) {
      setup?.(options);
      for (const kernel of kernels) registerKernel(kernel);
      registered = true;
    }
    return createTfEngine(name, mlp, options.signal);
  };
}

interface ResidentLayer {
  readonly kernel: Tensor;
  readonly bias: Tensor;
  readonly units: number;
  readonly activation: Activation;
}

/** Activations `_FusedMatMul` applies itself; tanh is not among them and runs as its own kernel. */
const FUSED: Record<Activation, string | null> = { linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', tanh: null };

/**
 * Makes `name` the active backend (it must be registered) and uploads the weights of `mlp` to it.
 * Matrices are rank 3 ([1, rows, cols]) because the wasm `_FusedMatMul` reads batch-first shapes.
 *
 * `signal` aborts a slow initialisation: the backend is then removed from tfjs, because a late
 * success would otherwise make it the active backend behind the back of whichever backend the
 * caller moved on to (and tfjs refuses every tensor while an initialisation is pending).
 */
export async function createTfEngine(name: TfBackendName, mlp: Mlp, signal?: AbortSignal): Promise<InferenceEngine> {
  const abandon = () => {
    if (engine().backendName === name) engine().removeBackend(name);
  };
  if (signal?.aborted) throw new Error(`the ${name} backend was abandoned before it started`);
  signal?.addEventListener('abort', abandon, { once: true });
  try {
    if (!(await engine().setBackend(name))) throw new Error(`tfjs backend '${name}' failed to initialise`);
  } finally {
    signal?.removeEventListener('abort', abandon);
  }
  if (signal?.aborted) throw new Error(`the ${name} backend finished initialising after it was abandoned`);
  const layers: ResidentLayer[] = [];
  try {
    for (const layer of mlp.layers) {
      const kernel = engine().keep(tensor(layer.kernel, [1, layer.inputSize, layer.units], 'float32'));
      const bias = engine().keep(tensor(layer.bias, [layer.units], 'float32'));
      layers.push({ kernel, bias, units: layer.units, activation: layer.activation });
    }
  } catch (error) {
    for (const layer of layers) [layer.kernel, layer.bias].forEach((t) => t.dispose());
    throw error;
  }
  const inputSize = mlp.layers[0]?.inputSize ?? 0;
  let disposed = false;

  const forward = (input: Float32Array, rows: number): Tensor =>
    tidy(() => {
      let x: Tensor = tensor(input, [1, rows, inputSize], 'float32');
      for (const layer of layers) {
        const fused = FUSED[layer.activation];
        x = engine().runKernel(
          _FusedMatMul,
          { a: x, b: layer.kernel, bias: layer.bias },
          { transposeA: false, transposeB: false, activation: fused ?? 'linear', leakyreluAlpha: 0 },
        ) as Tensor;
        if (fused === null) x = engine().runKernel(Tanh, { x }) as Tensor;
      }
      return x;
    });

  return {
    backend: name,
    async run(input, rows) {
      if (disposed) throw new Error(`the '${name}' engine passed to 'run' has been disposed`);
      if (!Number.isInteger(rows) || rows < 1 || input.length !== rows * inputSize) {
        throw new Error(`'input' passed to 'run' must hold rows x ${inputSize} values, got ${input.length} for rows=${rows}`);
      }
      // Another engine (a parity check, a benchmark) may have switched the global backend since.
      if (engine().backendName !== name) await engine().setBackend(name);
      const out = forward(input, rows);
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const layer of layers) {
        layer.kernel.dispose();
        layer.bias.dispose();
      }
    },
  };
}
