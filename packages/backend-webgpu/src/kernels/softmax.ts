/**
 * softmax / log-softmax along the last dim (the optional fused kernel). One workgroup per row: the
 * row's max (NaN propagates), then the sum of exp(x - max), then the outputs, with the accurate
 * exp/log of the 'math' snippet; floats only (float16/bfloat16 computed in f32). x and out may have
 * any layout whose last dim is addressed by a stride.
 */
import type { DType } from '@x/tensor';
import { MATH_WGSL } from '../wgsl/math';
import { dispatch1d, type KernelContext } from '../program';
import { bufferOf, computeType, prelude, type GpuView } from './common';
import { ROW_PARAMS, rowsAlong } from './rows';

const WG = 256;

function shader(dtype: DType, log: boolean): string {
  // MATH_WGSL is included by value, not by snippet name: a bare `import '../wgsl/math'` (which
  // registers the snippet) is dropped by bundlers under "sideEffects": false.
  return `${prelude(ROW_PARAMS, [{ name: 'x', dtype }], [{ name: 'out', dtype }], ['float', 'int64', 'convert'])}
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
  let live = r < params.rows;
  let len = params.len;
  var xb = 0u;
  var ob = 0u;
  var m = -f32_inf();
  if (live) {
    xb = params.x_offset + row_x(r);
    ob = params.out_offset + row_out(r);
    for (var i = lid; i < len; i = i + ${WG}u) {
      let v = load_x(xb + i * params.x_step);
      if (!f32_is_nan(m) && (f32_is_nan(v) || v > m)) { m = v; }
    }
  }
  let mx = reduce_max(lid, m);
  var s = 0.0;
  if (live) {
    for (var i = lid; i < len; i = i + ${WG}u) { s = s + m_exp(load_x(xb + i * params.x_step) - mx); }
  }
  let total = reduce_sum(lid, s);
  if (live) {
    ${log ? 'let lse = m_log(total);' : 'let inv = 1.0 / total;'}
    for (var i = lid; i < len; i = i + ${WG}u) {
      let d = load_x(xb + i * params.x_step) - mx;
      store_out(ob + i * params.out_step, ${log ? 'd - lse' : 'm_exp(d) * inv'});
    }
  }
}
`;
}

export function softmax(ctx: KernelContext, x: GpuView, out: GpuView, log: boolean): void {
  if (computeType(x.dtype) !== 'f32' || out.dtype !== x.dtype) {
    throw new Error(`@x/backend-webgpu: softmax computes floating types (float32, float16, bfloat16), got ${x.dtype} into ${out.dtype}`);
  }
  const along = rowsAlong('softmax', x, out, x.shape.length - 1);
  if (!along) return;
  ctx.run({
    key: `softmax/${x.dtype}/${log ? 'log' : 'plain'}`,
    code: () => shader(x.dtype, log),
    params: ROW_PARAMS.write(along),
    inputs: [bufferOf(x)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(along.rows, 1),
  });
}
