/**
 * Conv2DBackpropFilter for tfjs-backend-wasm 4.22, which lacks it (tfjs#8474), so that tfjs-layers
 * can train a conv net there: built from the backend's own Transpose and Conv2D kernels. For stride
 * 1, dilation 1 and 'valid' padding (the seed's CNN), the filter gradient is itself a convolution:
 *
 *   dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh + kh, ow + kw, ci] · dy[n, oh, ow, co]
 *                      = conv2d(x as [ci, H, W, n], dy as [oh, ow, n, co])[ci, kh, kw, co]
 *
 * Other settings throw, saying so. Intermediates are freed on the backend; the kernel's output is a
 * fresh tensor the engine takes over, as with any kernel.
 */
import * as tf from '@tensorflow/tfjs-core';

type Info = tf.TensorInfo;

export function registerConv2DBackpropFilter(): void {
  const conv2d = tf.getKernel('Conv2D', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!conv2d || !transpose) throw new Error('tfjs-backend-wasm has no Conv2D or Transpose kernel to build Conv2DBackpropFilter from');
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: Info; dy: Info };
      const { strides, pad, dataFormat, filterShape } = attrs as unknown as { strides: number | [number, number]; pad: unknown; dataFormat: string; filterShape: number[] };
      const s = typeof strides === 'number' ? [strides, strides] : strides;
      if (s[0] !== 1 || s[1] !== 1 || pad !== 'valid' || (dataFormat !== 'NHWC' && dataFormat !== undefined)) {
        throw new Error(`this Conv2DBackpropFilter handles stride 1, 'valid' padding and NHWC only; got strides ${JSON.stringify(strides)}, pad ${JSON.stringify(pad)}, ${dataFormat}`);
      }
      const b = backend as tf.KernelBackend;
      const run = (kernel: tf.KernelConfig, ins: Record<string, Info>, at: Record<string, unknown>): Info =>
        kernel.kernelFunc({ inputs: ins, backend: b, attrs: at as tf.NamedAttrMap }) as Info;
      const xT = run(transpose, { x }, { perm: [3, 1, 2, 0] }); // [ci, H, W, n]
      const dyT = run(transpose, { x: dy }, { perm: [1, 2, 0, 3] }); // [oh, ow, n, co]
      const out = run(conv2d, { x: xT, filter: dyT }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined }); // [ci, kh, kw, co]
      const dw = run(transpose, { x: out }, { perm: [1, 2, 0, 3] }); // [kh, kw, ci, co]
      for (const t of [xT, dyT, out]) b.disposeData(t.dataId);
      if (dw.shape.join() !== filterShape.join()) throw new Error(`Conv2DBackpropFilter: computed ${dw.shape.join('x')}, expected the filter's ${filterShape.join('x')}`);
      return dw;
    },
  });
}

/**
 * Checks the registered kernel on a small case against the sum it stands for, computed directly;
 * returns the largest relative difference (the benchmark refuses to run tfjs above 1e-4).
 */
export function checkConv2DBackpropFilter(): number {
  const [N, H, W, C, K, O] = [3, 9, 8, 4, 5, 6];
  const [OH, OW] = [H - K + 1, W - K + 1];
  const xs = Float32Array.from({ length: N * H * W * C }, (_, i) => Math.sin(i * 0.7));
  const dys = Float32Array.from({ length: N * OH * OW * O }, (_, i) => Math.cos(i * 0.3));
  const got = tf.tidy(() => {
    const x = tf.tensor4d(xs, [N, H, W, C]);
    const dy = tf.tensor4d(dys, [N, OH, OW, O]);
    return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', filterShape: [K, K, C, O] }) as tf.Tensor;
  });
  const g = got.dataSync();
  got.dispose();
  let worst = 0;
  for (let kh = 0; kh < K; kh++) for (let kw = 0; kw < K; kw++) for (let ci = 0; ci < C; ci++) for (let co = 0; co < O; co++) {
    let sum = 0;
    for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
      sum += xs[((n * H + oh + kh) * W + ow + kw) * C + ci]! * dys[((n * OH + oh) * OW + ow) * O + co]!;
    }
    worst = Math.max(worst, Math.abs(g[((kh * K + kw) * C + ci) * O + co]! - sum) / (1 + Math.abs(sum)));
  }
  return worst;
}
