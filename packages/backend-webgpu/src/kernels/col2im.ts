/**
 * col2im (F.fold), the adjoint of im2col: every image element is the sum of the column entries
 * im2col would have read from it. One invocation per image element gathers its own contributions
 * (kernel offsets in order, so no atomics and a fixed summation order), in f32.
 */
import type { DType, Im2ColParams } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { Params } from '../wgsl/params';
import { bufferOf, checkSize, computeType, numel, prelude, type GpuView } from './common';
import { WINDOW_PARAMS, windowValues } from './windows';

const WG = 256;
/** The image is out. */
const PARAMS = new Params(WINDOW_PARAMS);

function shader(dtype: DType): string {
  return `${prelude(PARAMS, [{ name: 'cols', dtype }], [{ name: 'out', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= params.total) { return; }
  let H = params.H; let W = params.W;
  let w = i % W;
  let h = (i / W) % H;
  let c = (i / (W * H)) % params.C;
  let n = i / (W * H * params.C);
  let K = params.kh * params.kw;
  var acc = 0.0;
  for (var ki = 0u; ki < params.kh; ki = ki + 1u) {
    let hh = i32(h + params.ph) - i32(ki * params.dh);
    if (hh < 0 || u32(hh) % params.sh != 0u) { continue; }
    let oi = u32(hh) / params.sh;
    if (oi >= params.OH) { continue; }
    for (var kj = 0u; kj < params.kw; kj = kj + 1u) {
      let ww = i32(w + params.pw) - i32(kj * params.dw);
      if (ww < 0 || u32(ww) % params.sw != 0u) { continue; }
      let oj = u32(ww) / params.sw;
      if (oj >= params.OW) { continue; }
      acc = acc + load_cols(params.cols.offset + n * params.cols.strides[0] + (c * K + ki * params.kw + kj) * params.cols.strides[1] + (oi * params.OW + oj) * params.cols.strides[2]);
    }
  }
  store_out(params.image.offset + n * params.image.strides[0] + c * params.image.strides[1] + h * params.image.strides[2] + w * params.image.strides[3], acc);
}
`;
}

export function col2im(ctx: KernelContext, cols: GpuView, params: Im2ColParams, out: GpuView): void {
  if (computeType(out.dtype) !== 'f32' || cols.dtype !== out.dtype) {
    throw new Error(`@x/backend-webgpu: col2im computes floating types (float32, float16, bfloat16), got ${cols.dtype} into ${out.dtype}`);
  }
  const total = numel(out.shape);
  if (total === 0) return;
  checkSize('col2im output', Math.max(total, numel(cols.shape)));
  ctx.run({
    key: `col2im/${out.dtype}`,
    code: () => shader(out.dtype),
    params: PARAMS.write(windowValues(total, out, cols, params)),
    inputs: [bufferOf(cols)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(total, WG),
  });
}
