/**
 * scan: inclusive cumsum / cumprod along one dim; out has x's shape and dtype, any strides.
 *
 * Short rows: one invocation per row, a plain loop in index order (the reference's order). Long rows:
 * one workgroup of 256 per row; each invocation scans a contiguous chunk, the chunk totals are
 * scanned in workgroup memory (a fixed Hillis–Steele ladder), and each chunk is rescanned from its
 * prefix. Integers wrap (int64 exactly); float16/bfloat16 accumulate in f32, each output rounded once.
 */
import type { DType, ScanOp, View } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { addOf, bufferOf, checkSize, computeType, merge, Meta, mulOf, numel, oneOf, prelude, withMeta, zeroOf } from './common';

const WG = 256;
/** Rows at most this long are scanned by one invocation each. */
const SERIAL_MAX_LEN = 256;

// meta: 0 rows, 1 len, 2 rank of the row dims, 3 x offset, 4 out offset, 5 x stride along dim, 6 out stride along dim
const HEADER = 8;
const SHAPE = Meta.at(HEADER, 0);
const X_S = Meta.at(HEADER, 1);
const OUT_S = Meta.at(HEADER, 2);

function shader(op: ScanOp, dtype: DType, serial: boolean): string {
  const t = computeType(dtype);
  const step = (acc: string, v: string): string => (op === 'cumsum' ? addOf(t, acc, v) : mulOf(t, acc, v));
  const identity = op === 'cumsum' ? zeroOf(t) : oneOf(t);
  const common = `${prelude([{ name: 'x', dtype }], [{ name: 'out', dtype }])}
fn x_at(r: u32, k: u32) -> u32 { return meta[3] + strided_offset(r, meta[2], ${SHAPE}u, ${X_S}u) + k * meta[5]; }
fn out_at(r: u32, k: u32) -> u32 { return meta[4] + strided_offset(r, meta[2], ${SHAPE}u, ${OUT_S}u) + k * meta[6]; }
`;
  if (serial) {
    return `${common}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let r = gid.x + gid.y * nwg.x * ${WG}u;
  if (r >= meta[0]) { return; }
  let xb = x_at(r, 0u);
  let ob = out_at(r, 0u);
  var acc: ${t} = ${identity};
  for (var k = 0u; k < meta[1]; k = k + 1u) {
    acc = ${step('acc', 'load_x(xb + k * meta[5])')};
    store_out(ob + k * meta[6], acc);
  }
}
`;
  }
  return `${common}
var<workgroup> totals: array<${t}, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = wid.x + wid.y * nwg.x;
  let live = r < meta[0];
  let len = meta[1];
  let chunk = (len + ${WG - 1}u) / ${WG}u;
  let start = min(lid * chunk, len);
  let end = min(start + chunk, len);
  var xb = 0u;
  var ob = 0u;
  var acc: ${t} = ${identity};
  if (live) {
    xb = x_at(r, 0u);
    ob = out_at(r, 0u);
    for (var k = start; k < end; k = k + 1u) { acc = ${step('acc', 'load_x(xb + k * meta[5])')}; }
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
      run = ${step('run', 'load_x(xb + k * meta[5])')};
      store_out(ob + k * meta[6], run);
    }
  }
}
`;
}

/** Inclusive scan of x along `dim` into out (same shape and dtype). */
export function scan(ctx: KernelContext, op: ScanOp, x: View, out: View, dim: number): void {
  if (out.dtype !== x.dtype) throw new Error(`@x/backend-webgpu: scan writes x's dtype ${x.dtype}, got ${out.dtype}`);
  const nd = x.shape.length;
  const len = nd === 0 ? 1 : x.shape[dim]!;
  const rowShape = x.shape.filter((_, d) => d !== dim);
  const rows = numel(rowShape);
  if (rows === 0 || len === 0) return;
  checkSize('scan input', rows * len);
  const m = merge('scan', rowShape, [x.strides.filter((_, d) => d !== dim), out.strides.filter((_, d) => d !== dim)]);
  const meta = new Meta(HEADER, 3)
    .set(0, rows).set(1, len).set(2, m.shape.length).set(3, x.offset).set(4, out.offset)
    .set(5, nd === 0 ? 0 : x.strides[dim]!).set(6, nd === 0 ? 0 : out.strides[dim]!)
    .list(0, m.shape).list(1, m.strides[0]!).list(2, m.strides[1]!);
  const serial = len <= SERIAL_MAX_LEN;
  ctx.run({
    key: `w1b/scan/${op}/${x.dtype}/${serial ? 'serial' : 'chunked'}`,
    code: () => withMeta(shader(op, x.dtype, serial)),
    meta: meta.words,
    inputs: [bufferOf(x)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(rows, serial ? WG : 1),
  });
}
