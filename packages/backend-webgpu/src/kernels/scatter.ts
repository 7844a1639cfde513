/**
 * scatter: in place, dst[... index[i][j][k] along dim ...] = src[i][j][k] (or += with 'add');
 * index is int64 with src's shape; any strides.
 *
 * Deterministic, without atomics: one invocation per destination element that the index can reach
 * (index's shape with dst's size along dim) walks the K entries of its line of index and takes the
 * matching src values in index order: 'add' sums them onto dst's value in that order (the reference's
 * order, rounding to the dtype after each step, so results are bit for bit the reference's), 'none' keeps the last (the reference's
 * "last write wins"). Cost: (that region's size) x K loads of index, which is what PyTorch's
 * deterministic mode pays too; fine for the losses, pooling and embedding gradients it serves.
 * Entries of index are validated by bounds.ts (a bad one is ignored here and fails the next read).
 */
import type { DType, View } from '@x/tensor';
import { dispatch1d } from '../program';
import { checkIndexBounds, type CheckingContext } from './bounds';
import { addOf, bufferOf, checkSize, computeType, MAX_RANK, Meta, numel, prelude, withMeta } from './common';

const WG = 256;
// meta: 0 n, 1 rank, 2 K, 3 dst off, 4 index off, 5 src off, 6 index stride along dim, 7 src stride
// along dim, 8 elements after dim in the region, 9 dst size along dim
const HEADER = 10;
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

export function scatter(ctx: CheckingContext, dst: View, dim: number, index: View, src: View, reduce: 'none' | 'add'): void {
  const K0 = numel(index.shape);
  if (K0 === 0) return;
  if (src.dtype !== dst.dtype) throw new Error(`@x/backend-webgpu: scatter of ${src.dtype} into ${dst.dtype}`);
  const zeroDim = index.shape.length === 0;
  const ishape = zeroDim ? [1] : index.shape;
  const d = zeroDim ? 0 : dim;
  const size = dst.shape.length === 0 ? 1 : dst.shape[dim]!;
  checkIndexBounds(ctx, index, dim, size);
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
  ctx.run({
    key: `w1b/scatter/${dst.dtype}/${reduce}`,
    code: () => withMeta(shader(dst.dtype, reduce === 'add')),
    meta: meta.words,
    inputs: [bufferOf(index), bufferOf(src)],
    outputs: [bufferOf(dst)],
    workgroups: dispatch1d(n, WG),
  });
}
