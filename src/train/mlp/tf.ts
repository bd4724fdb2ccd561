/**
 * The one place the training CLI imports TensorFlow.js. Pure `@tensorflow/tfjs` on the cpu
 * backend (tfjs-node is not available here); prod mode silences the "install tfjs-node" banner
 * and skips per-op debug checks that only slow training down.
 */
import * as tf from '@tensorflow/tfjs';

let ready: Promise<typeof tf> | undefined;

/** Resolves with the tfjs namespace once the cpu backend is active. */
export function loadTf(): Promise<typeof tf> {
  ready ??= (async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
    await tf.ready();
    return tf;
  })();
  return ready;
}
