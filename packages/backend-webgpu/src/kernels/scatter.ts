/**
 * scatter: in place, dst[... index[i][j][k] along dim ...] = src[i][j][k] (or += with 'add');
 * index is int64 with src's shape; any strides.
 *
 * Deterministic, without atomics: one invocation per destination element that the index can reach
 * (index's shape with dst's size along dim) finds the entries of its line of index (the K entries
 * along dim) that name it and takes the matching src values in index order: 'add' sums them onto
 * dst's value in that order (the reference's order, rounding to the dtype after each step, so results
 * are bit for bit the reference's), 'none' keeps the last (the reference's "last write wins").
 *
 * Short lines (K <= 32) are walked entry by entry. Longer lines (max-pooling and embedding gradients)
 * are first sorted by (index value, position) with sort.ts into scratch, and each destination element
 * binary-searches its run of equal entries: O(K log^2 K) per line instead of O(size x K).
 * Entries of index are validated by bounds.ts (a bad one is ignored here and fails the next read).
 */
import type { DType, View } from '@x/tensor';
import { dispatch1d } from '../program';
import { checkIndexBounds, type BoundsMessage, type CheckingContext } from './bounds';
import { addOf, bufferOf, checkSize, computeType, contiguousStrides, MAX_RANK, Meta, numel, prelude, withMeta } from './common';
import { sort } from './sort';

const WG = 256;
/** Lines of index at most this long are walked entry by entry; longer ones are sorted first. */
const WALK_MAX_K = 32;
// meta: 0 n, 1 rank, 2 K, 3 dst off, 4 index off, 5 src off, 6 index stride along dim, 7 src stride
// along dim, 8 elements after dim in the region, 9 dst size along dim
const HEADER = 10;
// The sorted form reads the sorted index values and their positions (int64 [lines, K], contiguous).
const SHAPE = Meta.at(HEADER, 0);
const D_S = Meta.at(HEADER, 1);
const I_S = Meta.at(HEADER, 2);
const S_S = Meta.at(HEADER, 3);

/** Rounds an f32 sum to the dtype after every step, as the reference (and PyTorch's CPU) do in place. */
function roundTo(dtype: DType, v: string): string {
  if (dtype === 'float16') return `f16_bits_to_f32(f32_to_f16_bits(${v}))`;
  if (dtype === 'bfloat16') return `bitcast<f32>(f32_to_bf16_bits(${v}) << 16u)`;
  return v;
}

function shader(dtype: DType, add: boolean): string {
  const t = computeType(dtype);
  return `${prelude([{ name: 'index', dtype: 'int64' }, { name: 'src', dtype }], [{ name: 'dst', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= meta[0]) { return; }
  let rank = meta[1];
  let tgt = (i / meta[8]) % meta[9];
  let d = meta[3] + strided_offset(i, rank, ${SHAPE}u, ${D_S}u);
  let ib = meta[4] + strided_offset(i, rank, ${SHAPE}u, ${I_S}u);
  let sb = meta[5] + strided_offset(i, rank, ${SHAPE}u, ${S_S}u);
  var acc: ${t} = load_dst(d);
  var hit = false;
  for (var k = 0u; k < meta[2]; k = k + 1u) {
    let j = load_index(ib + k * meta[6]);
    if (j.y == 0u && j.x == tgt) {
      let v = load_src(sb + k * meta[7]);
      acc = ${add ? roundTo(dtype, addOf(t, 'acc', 'v')) : 'v'};
      hit = true;
    }
  }
  if (hit) { store_dst(d, acc); }
}
`;
}

function sortedShader(dtype: DType, add: boolean): string {
  const t = computeType(dtype);
  return `${prelude([{ name: 'sorted', dtype: 'int64' }, { name: 'pos', dtype: 'int64' }, { name: 'src', dtype }], [{ name: 'dst', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= meta[0]) { return; }
  let rank = meta[1];
  let K = meta[2];
  let after = meta[8];
  let S = meta[9];
  let tgt = vec2<u32>((i / after) % S, 0u);
  let line = (i / (S * after)) * after + i % after;
  let base = line * K;
  // lower bound of tgt among the line's sorted values (signed: negative entries sort first)
  var lo = 0u;
  var hi = K;
  loop {
    if (lo >= hi) { break; }
    let mid = (lo + hi) / 2u;
    if (i64_lt(load_sorted(base + mid), tgt)) { lo = mid + 1u; } else { hi = mid; }
  }
  if (lo >= K || !i64_eq(load_sorted(base + lo), tgt)) { return; }
  let d = meta[3] + strided_offset(i, rank, ${SHAPE}u, ${D_S}u);
  let sb = meta[5] + strided_offset(i, rank, ${SHAPE}u, ${S_S}u);
  var acc: ${t} = load_dst(d);
  for (var p = lo; p < K; p = p + 1u) {
    if (!i64_eq(load_sorted(base + p), tgt)) { break; }
    let v = load_src(sb + load_pos(base + p).x * meta[7]);
    acc = ${add ? roundTo(dtype, addOf(t, 'acc', 'v')) : 'v'};
  }
  store_dst(d, acc);
}
`;
}

export function scatter(ctx: CheckingContext, dst: View, dim: number, index: View, src: View, reduce: 'none' | 'add', message?: BoundsMessage): void {
  const K0 = numel(index.shape);
  if (K0 === 0) return;
  if (src.dtype !== dst.dtype) throw new Error(`@x/backend-webgpu: scatter of ${src.dtype} into ${dst.dtype}`);
  const zeroDim = index.shape.length === 0;
  const ishape = zeroDim ? [1] : index.shape;
  const d = zeroDim ? 0 : dim;
  const size = dst.shape.length === 0 ? 1 : dst.shape[dim]!;
  checkIndexBounds(ctx, index, dim, size, message);
  const region = ishape.map((s, k) => (k === d ? size : s));
  const n = numel(region);
  checkSize('scatter region', n);
  if (region.length > MAX_RANK) throw new Error(`@x/backend-webgpu: scatter of ${region.length} dims; at most ${MAX_RANK} are supported`);
  const dstS = zeroDim ? [0] : dst.strides;
  const idxS = zeroDim ? [0] : index.strides;
  const srcS = zeroDim ? [0] : src.strides;
  const after = numel(region.slice(d + 1));
  const meta = new Meta(HEADER, 4)
    .set(0, n).set(1, region.length).set(2, ishape[d]!).set(3, dst.offset).set(4, index.offset).set(5, src.offset)
    .set(6, idxS[d]!).set(7, srcS[d]!).set(8, after).set(9, size)
    .list(0, region).list(1, dstS).list(2, idxS.map((s, k) => (k === d ? 0 : s))).list(3, srcS.map((s, k) => (k === d ? 0 : s)));
  const K = ishape[d]!;
  if (K <= WALK_MAX_K) {
    ctx.run({
      key: `w1b/scatter/${dst.dtype}/${reduce}`,
      code: () => withMeta(shader(dst.dtype, reduce === 'add')),
      meta: meta.words,
      inputs: [bufferOf(index), bufferOf(src)],
      outputs: [bufferOf(dst)],
      workgroups: dispatch1d(n, WG),
    });
    return;
  }
  // Sort each line of index (dim moved last, a view) by value; ties keep positions ascending.
  const lines = K0 / K;
  const lineShape = [...ishape.filter((_, k) => k !== d), K];
  const lineView: View = { ...index, shape: lineShape, strides: [...idxS.filter((_, k) => k !== d), idxS[d]!] };
  const scratchView = (): View => ({
    storage: { handle: ctx.scratch(lines * K * 8) } as unknown as View['storage'],
    dtype: 'int64', shape: lineShape, strides: contiguousStrides(lineShape), offset: 0,
  });
  const sorted = scratchView();
  const pos = scratchView();
  sort(ctx, lineView, false, sorted, pos);
  ctx.run({
    key: `w1b/scatter-sorted/${dst.dtype}/${reduce}`,
    code: () => withMeta(sortedShader(dst.dtype, reduce === 'add')),
    meta: meta.words,
    inputs: [bufferOf(sorted), bufferOf(pos), bufferOf(src)],
    outputs: [bufferOf(dst)],
    workgroups: dispatch1d(n, WG),
  });
}
