/** @tensorflow/tfjs-backend-wasm in this process (single-threaded in Node; SIMD on). */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import type { Case } from './cases';
import { time } from './timing';
import { checkFilterKernel, FILTER_KERNEL_NOTE, registerConv2DBackpropFilter, registerTfjsGradients } from './tfjs-training';

export const name = 'tfjs-backend-wasm 4.22';

/** Said under the table: how tfjs was made able to run the conv rows. */
export const notes: string[] = [];

export async function init(): Promise<void> {
  registerTfjsGradients();
  registerConv2DBackpropFilter();
  const diff = await checkFilterKernel();
  if (!(diff < 1e-4)) throw new Error(`the bench's Conv2DBackpropFilter kernel disagrees with tfjs-backend-cpu's by ${diff}`);
  notes.push(`${FILTER_KERNEL_NOTE}; checked against tfjs-backend-cpu's kernel (max difference ${diff.toExponential(1)}); tfjs runs NHWC`);
  await tf.setBackend('wasm');
  await tf.ready();
}

/** Conv2d(C→O, k) fwd+bwd in NHWC: the filter and bias gradients of sum(conv(x)), as the other runners. */
function convStep(dims: readonly number[]): number {
  const [N, C, H, W, O, K] = dims as [number, number, number, number, number, number];
  const x = tf.randomNormal([N, H, W, C]) as tf.Tensor4D;
  const w = tf.randomUniform([K, K, C, O], -0.05, 0.05) as tf.Tensor4D;
  const b = tf.zeros([O]);
  const step = tf.grads((wt: tf.Tensor, bt: tf.Tensor) => tf.sum(tf.add(tf.conv2d(x, wt as tf.Tensor4D, 1, 'valid'), bt)));
  const t = time(() => tf.dispose(step([w, b])), { minRuns: 5 });
  tf.dispose([x, w, b]);
  return t.median;
}

/** The seed's Fashion-MNIST CNN (NHWC), train mode (dropout 0.3), softmax cross-entropy; all 8 parameter gradients. */
function cnnStep(batch: number): number {
  const x = tf.randomNormal([batch, 28, 28, 1]) as tf.Tensor4D;
  const labels = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32') as tf.Tensor1D, 10);
  const params = [
    tf.randomUniform([5, 5, 1, 32], -0.2, 0.2), tf.zeros([32]),
    tf.randomUniform([5, 5, 32, 64], -0.035, 0.035), tf.zeros([64]),
    tf.randomUniform([1024, 512], -0.03, 0.03), tf.zeros([512]),
    tf.randomUniform([512, 10], -0.04, 0.04), tf.zeros([10]),
  ];
  const loss = (...p: tf.Tensor[]): tf.Scalar => {
    const [w1, b1, w2, b2, w3, b3, w4, b4] = p;
    let h = tf.relu(tf.add(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'valid'), b1!)) as tf.Tensor4D;
    h = tf.dropout(tf.maxPool(h, 2, 2, 'valid'), 0.3) as tf.Tensor4D;
    h = tf.relu(tf.add(tf.conv2d(h, w2 as tf.Tensor4D, 1, 'valid'), b2!)) as tf.Tensor4D;
    h = tf.dropout(tf.maxPool(h, 2, 2, 'valid'), 0.3) as tf.Tensor4D;
    const flat = tf.reshape(h, [batch, 1024]) as tf.Tensor2D;
    const hidden = tf.relu(tf.add(tf.matMul(flat, w3 as tf.Tensor2D), b3!)) as tf.Tensor2D;
    const logits = tf.add(tf.matMul(hidden, w4 as tf.Tensor2D), b4!);
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  };
  const step = tf.grads(loss);
  const t = time(() => tf.dispose(step(params)), { minRuns: 5 });
  tf.dispose([x, labels, ...params]);
  return t.median;
}

export function run(c: Case): number | null {
  switch (c.kind) {
    case 'mlpStep':
    case 'scalarChain':
      return null;
    case 'convStep':
      return convStep(c.dims);
    case 'cnnStep':
      return cnnStep(c.dims[0]!);
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
