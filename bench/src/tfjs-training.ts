/**
 * What stock tfjs-core + tfjs-backend-wasm 4.22 need before they can run a conv net's backward in Node:
 *
 * 1. Gradient functions. tfjs-core's Node entry (its CommonJS bundle) registers no gradients (the
 *    @tensorflow/tfjs union package does, from tfjs-core's own ESM `register_all_gradients`, which Node
 *    cannot import directly: its imports have no file extensions). We bundle that very file with
 *    esbuild and load it; it registers tfjs's own gradient configs into the shared global registry.
 * 2. A Conv2DBackpropFilter kernel: tfjs-backend-wasm 4.22 has none (tfjs#8474), so the filter
 *    gradient of every conv layer fails. We register one for 'wasm' built from the backend's own
 *    kernels: the filter gradient is a convolution of the input with dy (dilated by the stride),
 *    run by tfjs's own Conv2D. `checkFilterKernel` compares it with
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

/**
 * dW[kh, kw, c, o] = Σ_{n, y, x} xpad[n, y·s + kh, x·s + kw, c] · dy[n, y, x, o] (NHWC, no dilation):
 * itself a convolution of xpad (as [c, H, W, n]) with dy (as [y, x, n, o]) dilated by the stride,
 * so it runs on the backend's own (XNNPACK) Conv2D kernel; the result's first KH×KW rows are dW.
 */
function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: FilterAttrs): tf.Tensor4D {
  if (attrs.dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (bench kernel): only NHWC, got ${attrs.dataFormat}`);
  const [KH, KW] = attrs.filterShape;
  const info = tf.backend_util.computeConv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const { top, bottom, left, right } = info.padInfo;
  return tf.tidy(() => {
    const xp = top || bottom || left || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
    const xT = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D; // [c, H, W, n]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [y, x, n, o]
    const full = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]); // [c, ≥KH, ≥KW, o]
    const dw = full.shape[1] === KH && full.shape[2] === KW ? full : tf.slice(full, [0, 0, 0, 0], [-1, KH, KW, -1]);
    return tf.transpose(dw, [1, 2, 0, 3]) as tf.Tensor4D; // [KH, KW, c, o]
  });
}

export const FILTER_KERNEL_NOTE = 'Conv2DBackpropFilter registered from its own kernels (transposes + Conv2D): stock 4.22 lacks it, tfjs#8474';

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
