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
import type { DType } from '@x/tensor';
import { dispatch1d } from '../program';
import { dims, Params } from '../wgsl/params';
import { checkIndexBounds, type BoundsMessage, type CheckingContext } from './bounds';
import { addOf, bufferOf, checkSize, computeType, contiguousStrides, MAX_RANK, numel, prelude, type GpuView } from './common';
import { sort } from './sort';

const WG = 256;
/** Lines of index at most this long are walked entry by entry; longer ones are sorted first. */
const WALK_MAX_K = 32;
/**
 * `n` destination elements walked by `region` (index's shape with dst's `size` along dim; index's and
 * src's strides along dim are 0 there: an entry moves along the line of `K` entries by `index_step`
 * and `src_step`); `after`: the region's elements after dim. The sorted form reads the sorted index
 * values and their positions (int64 [lines, K], contiguous) instead of index.
 */
const PARAMS = new Params({
  n: 'u32', K: 'u32', dst_offset: 'u32', index_offset: 'u32', src_offset: 'u32', index_step: 'u32', src_step: 'u32',
  after: 'u32', size: 'u32', region: dims(['dst', 'index', 'src'], MAX_RANK),
});

/** Rounds an f32 sum to the dtype after every step, as the reference (and PyTorch's CPU) do in place. */
function roundTo(dtype: DType, v: string): string {
  if (dtype === 'float16') return `f16_bits_to_f32(f32_to_f16_bits(${v}))`;
  if (dtype === 'bfloat16') return `bitcast<f32>(f32_to_bf16_bits(${v}) << 16u)`;
  return v;
}

function shader(dtype: DType, add: boolean): string {
  const t = computeType(dtype);
  return `${prelude(PARAMS, [{ name: 'index', dtype: 'int64' }, { name: 'src', dtype }], [{ name: 'dst', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= params.n) { return; }
  let tgt = (i / params.after) % params.size;
  let d = params.dst_offset + region_dst(i);
  let ib = params.index_offset + region_index(i);
  let sb = params.src_offset + region_src(i);
  var acc: ${t} = load_dst(d);
  var hit = false;
  for (var k = 0u; k < params.K; k = k + 1u) {
    let j = load_index(ib + k * params.index_step);
    if (j.y == 0u && j.x == tgt) {
      let v = load_src(sb + k * params.src_step);
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
  return `${prelude(PARAMS, [{ name: 'sorted', dtype: 'int64' }, { name: 'pos', dtype: 'int64' }, { name: 'src', dtype }], [{ name: 'dst', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= params.n) { return; }
  let K = params.K;
  let after = params.after;
  let S = params.size;
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
  let d = params.dst_offset + region_dst(i);
  let sb = params.src_offset + region_src(i);
  var acc: ${t} = load_dst(d);
  for (var p = lo; p < K; p = p + 1u) {
    if (!i64_eq(load_sorted(base + p), tgt)) { break; }
    let v = load_src(sb + load_pos(base + p).x * params.src_step);
    acc = ${add ? roundTo(dtype, addOf(t, 'acc', 'v')) : 'v'};
  }
  store_dst(d, acc);
}
`;
}

export function scatter(ctx: CheckingContext, dst: GpuView, dim: number, index: GpuView, src: GpuView, reduce: 'none' | 'add', message?: BoundsMessage): void {
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
  const K = ishape[d]!;
  const params = PARAMS.write({
    n, K, dst_offset: dst.offset, index_offset: index.offset, src_offset: src.offset, index_step: idxS[d]!, src_step: srcS[d]!, after, size,
    region: { shape: region, strides: [dstS, idxS.map((s, k) => (k === d ? 0 : s)), srcS.map((s, k) => (k === d ? 0 : s))] },
  });
  if (K <= WALK_MAX_K) {
    ctx.run({
      key: `scatter/${dst.dtype}/${reduce}`,
      code: () => shader(dst.dtype, reduce === 'add'),
      params,
      inputs: [bufferOf(index), bufferOf(src)],
      outputs: [bufferOf(dst)],
      workgroups: dispatch1d(n, WG),
    });
    return;
  }
  // Sort each line of index (dim moved last, a view) by value; ties keep positions ascending.
  const lines = K0 / K;
  const lineShape = [...ishape.filter((_, k) => k !== d), K];
  const lineView: GpuView = { ...index, shape: lineShape, strides: [...idxS.filter((_, k) => k !== d), idxS[d]!] };
  const scratchView = (): GpuView => ({
    storage: { handle: ctx.scratch(lines * K * 8) } as unknown as GpuView['storage'],
    dtype: 'int64', shape: lineShape, strides: contiguousStrides(lineShape), offset: 0,
  });
  const sorted = scratchView();
  const pos = scratchView();
  sort(ctx, lineView, false, sorted, pos);
  ctx.run({
    key: `scatter-sorted/${dst.dtype}/${reduce}`,
    code: () => sortedShader(dst.dtype, reduce === 'add'),
    params,
    inputs: [bufferOf(sorted), bufferOf(pos), bufferOf(src)],
    outputs: [bufferOf(dst)],
    workgroups: dispatch1d(n, WG),
  });
}
