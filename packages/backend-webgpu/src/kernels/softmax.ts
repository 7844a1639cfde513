/**
 * softmax / log-softmax along the last dim (the optional fused kernel). One workgroup per row: the
 * row's max (NaN propagates), then the sum of exp(x - max), then the outputs, with the accurate
 * exp/log of the 'math' snippet; floats only (float16/bfloat16 computed in f32). x and out may have
 * any layout whose last dim is addressed by a stride.
 */
import type { DType, View } from '@x/tensor';
import { MATH_WGSL } from '../wgsl/math';
import { dispatch1d, type KernelContext } from '../program';
import { bufferOf, checkSize, computeType, merge, Meta, numel, prelude, withMeta } from './common';

const WG = 256;
// meta: 0 rows, 1 len, 2 rank of the row dims, 3 x off, 4 out off, 5 x stride, 6 out stride (last dim)
const HEADER = 8;
const SHAPE = Meta.at(HEADER, 0);
const X_S = Meta.at(HEADER, 1);
const O_S = Meta.at(HEADER, 2);

function shader(dtype: DType, log: boolean): string {
  // MATH_WGSL is included by value, not by snippet name: a bare `import '../wgsl/math'` (which
  // registers the snippet) is dropped by bundlers under "sideEffects": false.
  return `${prelude([{ name: 'x', dtype }], [{ name: 'out', dtype }], ['float', 'int64', 'convert'])}
${MATH_WGSL}
var<workgroup> red: array<f32, ${WG}>;
fn reduce_max(lid: u32, v0: f32) -> f32 {
  red[lid] = v0;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      let a = red[lid]; let b = red[lid + s];
      if (!f32_is_nan(a) && (f32_is_nan(b) || b > a)) { red[lid] = b; }
    }
    workgroupBarrier();
  }
  let m = red[0];
  workgroupBarrier();
  return m;
}
fn reduce_sum(lid: u32, v0: f32) -> f32 {
  red[lid] = v0;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { red[lid] = red[lid] + red[lid + s]; }
    workgroupBarrier();
  }
  let t = red[0];
  workgroupBarrier();
  return t;
}
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = wid.x + wid.y * nwg.x;
  let live = r < meta[0];
  let len = meta[1];
  var xb = 0u;
  var ob = 0u;
  var m = -f32_inf();
  if (live) {
    xb = meta[3] + strided_offset(r, meta[2], ${SHAPE}u, ${X_S}u);
    ob = meta[4] + strided_offset(r, meta[2], ${SHAPE}u, ${O_S}u);
    for (var i = lid; i < len; i = i + ${WG}u) {
      let v = load_x(xb + i * meta[5]);
      if (!f32_is_nan(m) && (f32_is_nan(v) || v > m)) { m = v; }
    }
  }
  let mx = reduce_max(lid, m);
  var s = 0.0;
  if (live) {
    for (var i = lid; i < len; i = i + ${WG}u) { s = s + m_exp(load_x(xb + i * meta[5]) - mx); }
  }
  let total = reduce_sum(lid, s);
  if (live) {
    ${log ? 'let lse = m_log(total);' : 'let inv = 1.0 / total;'}
    for (var i = lid; i < len; i = i + ${WG}u) {
      let d = load_x(xb + i * meta[5]) - mx;
      store_out(ob + i * meta[6], ${log ? 'd - lse' : 'm_exp(d) * inv'});
    }
  }
}
`;
}

export function softmax(ctx: KernelContext, x: View, out: View, log: boolean): void {
  if (computeType(x.dtype) !== 'f32' || out.dtype !== x.dtype) {
    throw new Error(`@x/backend-webgpu: softmax computes floating types (float32, float16, bfloat16), got ${x.dtype} into ${out.dtype}`);
  }
  const nd = x.shape.length;
  const len = nd === 0 ? 1 : x.shape[nd - 1]!;
  const lead = x.shape.slice(0, Math.max(nd - 1, 0));
  const rows = numel(lead);
  if (rows === 0 || len === 0) return;
  checkSize('softmax input', rows * len);
  const m = merge('softmax', lead, [x.strides.slice(0, nd - 1), out.strides.slice(0, nd - 1)]);
  const meta = new Meta(HEADER, 3)
    .set(0, rows).set(1, len).set(2, m.shape.length).set(3, x.offset).set(4, out.offset)
    .set(5, nd === 0 ? 0 : x.strides[nd - 1]!).set(6, nd === 0 ? 0 : out.strides[nd - 1]!)
    .list(0, m.shape).list(1, m.strides[0]!).list(2, m.strides[1]!);
  ctx.run({
    key: `w1b/softmax/${x.dtype}/${log ? 'log' : 'plain'}`,
    code: () => withMeta(shader(x.dtype, log)),
    meta: meta.words,
    inputs: [bufferOf(x)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(rows, 1),
  });
}
