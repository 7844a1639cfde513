/** @tensorflow/tfjs-backend-wasm in this process (single-threaded in Node; SIMD on). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import type { Case } from './cases';
import { time } from './timing';

export const name = 'tfjs-backend-wasm 4.22';

export async function init(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
}

export function run(c: Case): number | null {
  switch (c.kind) {
    case 'mlpStep':
    case 'scalarChain':
    case 'convStep':
    case 'cnnStep':
      return null;
    case 'matmul': {
      const [M, K, N] = c.dims as [number, number, number];
      const a = tf.randomUniform([M, K]);
      const b = tf.randomUniform([K, N]);
      const t = time(() => tf.matMul(a, b).dispose());
      tf.dispose([a, b]);
      return t.median;
    }
    case 'add': {
      const a = tf.randomUniform([c.dims[0]!]);
      const b = tf.randomUniform([c.dims[0]!]);
      const t = time(() => tf.add(a, b).dispose());
      tf.dispose([a, b]);
      return t.median;
    }
    case 'sum': {
      const a = tf.randomUniform([c.dims[0]!]);
      const t = time(() => tf.sum(a).dispose());
      a.dispose();
      return t.median;
    }
    case 'tinyAdd': {
      const [count, size] = c.dims as [number, number];
      const a = tf.randomUniform([size]);
      const b = tf.randomUniform([size]);
      const t = time(() => {
        for (let i = 0; i < count; i++) tf.add(a, b).dispose();
      }, { minRuns: 5 });
      tf.dispose([a, b]);
      return t.median;
    }
  }
}
