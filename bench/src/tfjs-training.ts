/**
 * What stock tfjs-core + tfjs-backend-wasm 4.22 need before they can run a conv net's backward in Node:
 *
 * 1. Gradient functions. tfjs-core's Node entry (its CommonJS bundle) registers no gradients (the
 *    @tensorflow/tfjs union package does, from tfjs-core's own ESM `register_all_gradients`, which Node
 *    cannot import directly: its imports have no file extensions). We bundle that very file with
 *    esbuild and load it; it registers tfjs's own gradient configs into the shared global registry.
 * 2. A Conv2DBackpropFilter kernel: tfjs-backend-wasm 4.22 has none (tfjs#8474), so the filter
 *    gradient of every conv layer fails. We register one for 'wasm' built from the backend's own
 *    kernels: im2col as K·K strided slices concatenated along channels, then one matMul with dy
 *    (dW = colsᵀ · dy), reshaped to [KH, KW, C, O]. `checkFilterKernel` compares it with
 *    tfjs-backend-cpu's Conv2DBackpropFilter.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildSync } from 'esbuild';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const require = createRequire(import.meta.url);

/** Loads tfjs-core's register_all_gradients (bundled to CommonJS on the fly). */
export function registerTfjsGradients(): void {
  const coreDir = path.dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
  const entry = path.join(coreDir, 'dist', 'register_all_gradients.js');
  const built = buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'error' });
  const module = { exports: {} };
  // The bundle carries its own copy of the ops it calls; they reach the one global engine and registries.
  new Function('module', 'exports', 'require', built.outputFiles[0]!.text)(module, module.exports, require);
}

interface FilterAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** dW[kh, kw, c, o] = Σ_{n, y, x} xpad[n, y·s + kh, x·s + kw, c] · dy[n, y, x, o] (NHWC, no dilation). */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: FilterAttrs): tf.Tensor4D {
  if (attrs.dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (bench kernel): only NHWC, got ${attrs.dataFormat}`);
  const [KH, KW, C, O] = attrs.filterShape;
  const info = tf.backend_util.computeConv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const { top, bottom, left, right } = info.padInfo;
  return tf.tidy(() => {
    const xp = top || bottom || left || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
    const [N] = x.shape;
    const { outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw } = info;
    const slices: tf.Tensor4D[] = [];
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        slices.push(tf.stridedSlice(xp, [0, kh, kw, 0], [N, kh + (OH - 1) * sh + 1, kw + (OW - 1) * sw + 1, C], [1, sh, sw, 1]) as tf.Tensor4D);
      }
    }
    const cols = tf.reshape(tf.concat(slices, 3), [N * OH * OW, KH * KW * C]);
    const dw = tf.matMul(cols, tf.reshape(dy, [N * OH * OW, O]), true, false);
    return tf.reshape(dw, [KH, KW, C, O]) as tf.Tensor4D;
  });
}

export const FILTER_KERNEL_NOTE = 'Conv2DBackpropFilter registered from its own kernels (stridedSlice im2col + matMul): stock 4.22 lacks it, tfjs#8474';

export function registerConv2DBackpropFilter(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    // A Tensor returned by a kernel is taken as its output as it is (the engine checks `rank`).
    kernelFunc: ({ inputs, attrs }) => {
      const { x, dy } = inputs as unknown as { x: tf.Tensor4D; dy: tf.Tensor4D };
      return filterGradient(x, dy, attrs as unknown as FilterAttrs) as unknown as tf.TensorInfo;
    },
  });
}

/** The largest difference between our kernel and tfjs-backend-cpu's on a strided, padded case. */
export async function checkFilterKernel(): Promise<number> {
  const shapes = { x: [2, 9, 8, 3] as [number, number, number, number], w: [3, 3, 3, 4] as [number, number, number, number] };
  const run = async (backend: string): Promise<Float32Array> => {
    await tf.setBackend(backend);
    const x = tf.tensor4d(Array.from({ length: 2 * 9 * 8 * 3 }, (_, i) => Math.sin(i)), shapes.x);
    const w = tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i)), shapes.w);
    const dw = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'), tf.range(0, 4))))([x, w])[1]!;
    const out = (await dw.data()) as Float32Array;
    tf.dispose([x, w, dw]);
    return out;
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  return Math.max(...Array.from(cpu, (v, i) => Math.abs(v - wasm[i]!)));
}
