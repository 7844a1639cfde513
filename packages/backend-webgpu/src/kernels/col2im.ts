/**
 * col2im (F.fold), the adjoint of im2col: every image element is the sum of the column entries
 * im2col would have read from it. One invocation per image element gathers its own contributions
 * (kernel offsets in order, so no atomics and a fixed summation order), in f32.
 */
import type { DType, Im2ColParams, View } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { bufferOf, checkSize, computeType, numel, prelude, withMeta } from './common';
import { windowMeta } from './windows';

const WG = 256;

function shader(dtype: DType): string {
  return `${prelude([{ name: 'cols', dtype }], [{ name: 'out', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= meta[0]) { return; }
  let H = meta[3]; let W = meta[4];
  let w = i % W;
  let h = (i / W) % H;
  let c = (i / (W * H)) % meta[2];
  let n = i / (W * H * meta[2]);
  let K = meta[7] * meta[8];
  var acc = 0.0;
  for (var ki = 0u; ki < meta[7]; ki = ki + 1u) {
    let hh = i32(h + meta[11]) - i32(ki * meta[13]);
    if (hh < 0 || u32(hh) % meta[9] != 0u) { continue; }
    let oi = u32(hh) / meta[9];
    if (oi >= meta[5]) { continue; }
    for (var kj = 0u; kj < meta[8]; kj = kj + 1u) {
      let ww = i32(w + meta[12]) - i32(kj * meta[14]);
      if (ww < 0 || u32(ww) % meta[10] != 0u) { continue; }
      let oj = u32(ww) / meta[10];
      if (oj >= meta[6]) { continue; }
      acc = acc + load_cols(meta[20] + n * meta[21] + (c * K + ki * meta[8] + kj) * meta[22] + (oi * meta[6] + oj) * meta[23]);
    }
  }
  store_out(meta[15] + n * meta[16] + c * meta[17] + h * meta[18] + w * meta[19], acc);
}
`;
}

export function col2im(ctx: KernelContext, cols: View, params: Im2ColParams, out: View): void {
  if (computeType(out.dtype) !== 'f32' || cols.dtype !== out.dtype) {
    throw new Error(`@x/backend-webgpu: col2im computes floating types (float32, float16, bfloat16), got ${cols.dtype} into ${out.dtype}`);
  }
  const total = numel(out.shape);
  if (total === 0) return;
  checkSize('col2im output', Math.max(total, numel(cols.shape)));
  ctx.run({
    key: `w1b/col2im/${out.dtype}`,
    code: () => withMeta(shader(out.dtype)),
    meta: windowMeta(total, out, cols, params),
    inputs: [bufferOf(cols)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(total, WG),
  });
}
