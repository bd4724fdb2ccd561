/**
 * A plain-JS multilayer perceptron: dense layers with relu/tanh/sigmoid/linear activations on
 * Float32Arrays. It is the parity reference for the TensorFlow.js model in the worker and the
 * benchmark floor (a model this small may well run faster here than through tfjs).
 */

/** Activations the purchase/discount models use. */
export type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid';

/** One dense layer; `kernel` is row-major [inputSize][units], the layout tfjs stores. */
export interface DenseLayer {
  readonly inputSize: number;
  readonly units: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  readonly activation: Activation;
}

/** A stack of dense layers applied in order. */
export interface Mlp {
  readonly layers: readonly DenseLayer[];
}

function activate(x: number, activation: Activation): number {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      // Split by sign so exp never overflows.
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    default: {
      const unknown: never = activation;
      throw new Error(`'activation' passed to 'activate' is not supported: ${String(unknown)}`);
    }
  }
}

/** Checks layer shapes chain (each layer's input = previous units) and buffers have the right sizes. */
export function assertMlp(mlp: Mlp, caller: string): void {
  if (mlp.layers.length === 0) throw new Error(`'mlp' passed to '${caller}' must have at least one layer`);
  mlp.layers.forEach((layer, i) => {
    const prev = mlp.layers[i - 1];
    if (prev && prev.units !== layer.inputSize) {
      throw new Error(`'mlp' passed to '${caller}': layer ${i} expects ${layer.inputSize} inputs but layer ${i - 1} has ${prev.units} units`);
    }
    if (layer.kernel.length !== layer.inputSize * layer.units || layer.bias.length !== layer.units) {
      throw new Error(`'mlp' passed to '${caller}': layer ${i} kernel/bias sizes do not match ${layer.inputSize}x${layer.units}`);
    }
  });
}

/**
 * Forward pass over `rows` row-major input rows. Returns rows x (last layer units) outputs.
 * Accumulates in float64 (JS numbers) and stores float32, which keeps it within ~1e-6 of tfjs.
 */
export function mlpForward(mlp: Mlp, input: Float32Array, rows = 1): Float32Array {
  const first = mlp.layers[0];
  if (!first) throw new Error(`'mlp' passed to 'mlpForward' must have at least one layer`);
  if (!Number.isInteger(rows) || rows < 1 || input.length !== rows * first.inputSize) {
    throw new Error(`'input' passed to 'mlpForward' must hold rows x ${first.inputSize} = ${rows * first.inputSize} values, got ${input.length} for rows=${rows}`);
  }
  let current = input;
  for (const layer of mlp.layers) {
    const { inputSize, units, kernel, bias, activation } = layer;
    const next = new Float32Array(rows * units);
    for (let r = 0; r < rows; r++) {
      const inOffset = r * inputSize;
      for (let u = 0; u < units; u++) {
        let sum = bias[u]!;
        for (let i = 0; i < inputSize; i++) sum += current[inOffset + i]! * kernel[i * units + u]!;
        next[r * units + u] = activate(sum, activation);
      }
    }
    current = next;
  }
  return current;
}
