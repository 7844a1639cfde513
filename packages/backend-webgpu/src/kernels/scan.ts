/**
 * scan: inclusive cumsum / cumprod along one dim; out has x's shape and dtype, any strides.
 *
 * Short rows: one invocation per row, a plain loop in index order (the reference's order). Long rows:
 * one workgroup of 256 per row; each invocation scans a contiguous chunk, the chunk totals are
 * scanned in workgroup memory (a fixed Hillis–Steele ladder), and each chunk is rescanned from its
 * prefix. Integers wrap (int64 exactly); float16/bfloat16 accumulate in f32, each output rounded once.
 */
import type { DType, ScanOp } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { addOf, bufferOf, computeType, mulOf, oneOf, prelude, zeroOf, type GpuView } from './common';
import { ROW_PARAMS, rowsAlong } from './rows';

const WG = 256;
/** Rows at most this long are scanned by one invocation each. */
const SERIAL_MAX_LEN = 256;


function shader(op: ScanOp, dtype: DType, serial: boolean): string {
  const t = computeType(dtype);
  const step = (acc: string, v: string): string => (op === 'cumsum' ? addOf(t, acc, v) : mulOf(t, acc, v));
  const identity = op === 'cumsum' ? zeroOf(t) : oneOf(t);
  const common = `${prelude(ROW_PARAMS, [{ name: 'x', dtype }], [{ name: 'out', dtype }])}
fn x_at(r: u32, k: u32) -> u32 { return params.x_offset + row_x(r) + k * params.x_step; }
fn out_at(r: u32, k: u32) -> u32 { return params.out_offset + row_out(r) + k * params.out_step; }
`;
  if (serial) {
    return `${common}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let r = gid.x + gid.y * nwg.x * ${WG}u;
  if (r >= params.rows) { return; }
  let xb = x_at(r, 0u);
  let ob = out_at(r, 0u);
  var acc: ${t} = ${identity};
  for (var k = 0u; k < params.len; k = k + 1u) {
    acc = ${step('acc', 'load_x(xb + k * params.x_step)')};
    store_out(ob + k * params.out_step, acc);
  }
}
`;
  }
  return `${common}
var<workgroup> totals: array<${t}, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = wid.x + wid.y * nwg.x;
  let live = r < params.rows;
  let len = params.len;
  let chunk = (len + ${WG - 1}u) / ${WG}u;
  let start = min(lid * chunk, len);
  let end = min(start + chunk, len);
  var xb = 0u;
  var ob = 0u;
  var acc: ${t} = ${identity};
  if (live) {
    xb = x_at(r, 0u);
    ob = out_at(r, 0u);
    for (var k = start; k < end; k = k + 1u) { acc = ${step('acc', 'load_x(xb + k * params.x_step)')}; }
  }
  totals[lid] = acc;
  workgroupBarrier();
  for (var s = 1u; s < ${WG}u; s = s << 1u) {
    var v: ${t} = totals[lid];
    if (lid >= s) { v = ${step('totals[lid - s]', 'v')}; }
    workgroupBarrier();
    totals[lid] = v;
    workgroupBarrier();
  }
  if (live) {
    var run: ${t} = ${identity};
    if (lid > 0u) { run = totals[lid - 1u]; }
    for (var k = start; k < end; k = k + 1u) {
      run = ${step('run', 'load_x(xb + k * params.x_step)')};
      store_out(ob + k * params.out_step, run);
    }
  }
}
`;
}

/** Inclusive scan of x along `dim` into out (same shape and dtype). */
export function scan(ctx: KernelContext, op: ScanOp, x: GpuView, out: GpuView, dim: number): void {
  if (out.dtype !== x.dtype) throw new Error(`@x/backend-webgpu: scan writes x's dtype ${x.dtype}, got ${out.dtype}`);
  const along = rowsAlong('scan', x, out, dim);
  if (!along) return;
  const serial = along.len <= SERIAL_MAX_LEN;
  ctx.run({
    key: `scan/${op}/${x.dtype}/${serial ? 'serial' : 'chunked'}`,
    code: () => shader(op, x.dtype, serial),
    params: ROW_PARAMS.write(along),
    inputs: [bufferOf(x)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(along.rows, serial ? WG : 1),
  });
}
