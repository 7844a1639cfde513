/**
 * gather: out[i][j][k] = x[i][index[i][j][k]][k] along `dim` (torch.gather); index is int64 with
 * out's shape; x, index and out may have any strides. One invocation per output element; the entries
 * of index are validated by bounds.ts (a bad entry writes 0 here and fails the next read).
 */
import type { DType, View } from '@x/tensor';
import { dispatch1d } from '../program';
import { checkIndexBounds, type BoundsMessage, type CheckingContext } from './bounds';
import { bufferOf, checkSize, computeType, merge, Meta, numel, prelude, withMeta, zeroOf } from './common';

const WG = 256;
// meta: 0 n, 1 rank, 2 size along dim, 3 x offset, 4 index offset, 5 out offset, 6 x stride along dim
const HEADER = 8;
const SHAPE = Meta.at(HEADER, 0);
const X_S = Meta.at(HEADER, 1);
const I_S = Meta.at(HEADER, 2);
const O_S = Meta.at(HEADER, 3);

function shader(dtype: DType): string {
  return `${prelude([{ name: 'x', dtype }, { name: 'index', dtype: 'int64' }], [{ name: 'out', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= meta[0]) { return; }
  let rank = meta[1];
  let j = load_index(meta[4] + strided_offset(i, rank, ${SHAPE}u, ${I_S}u));
  var v: ${computeType(dtype)} = ${zeroOf(computeType(dtype))};
  if (j.y == 0u && j.x < meta[2]) { v = load_x(meta[3] + strided_offset(i, rank, ${SHAPE}u, ${X_S}u) + j.x * meta[6]); }
  store_out(meta[5] + strided_offset(i, rank, ${SHAPE}u, ${O_S}u), v);
}
`;
}

export function gather(ctx: CheckingContext, x: View, dim: number, index: View, out: View, message?: BoundsMessage): void {
  const n = numel(index.shape);
  if (n === 0) return;
  if (out.dtype !== x.dtype) throw new Error(`@x/backend-webgpu: gather writes x's dtype ${x.dtype}, got ${out.dtype}`);
  checkSize('gather output', n);
  const size = x.shape.length === 0 ? 1 : x.shape[dim]!;
  const sdim = x.shape.length === 0 ? 0 : x.strides[dim]!;
  checkIndexBounds(ctx, index, dim, size, message);
  const zeroDim = index.shape.length === 0;
  const shape = zeroDim ? [1] : index.shape;
  const xs = zeroDim ? [0] : x.strides.map((s, d) => (d === dim ? 0 : s));
  const m = merge('gather', shape, [xs, zeroDim ? [0] : index.strides, zeroDim ? [0] : out.strides]);
  const meta = new Meta(HEADER, 4)
    .set(0, n).set(1, m.shape.length).set(2, size).set(3, x.offset).set(4, index.offset).set(5, out.offset).set(6, sdim)
    .list(0, m.shape).list(1, m.strides[0]!).list(2, m.strides[1]!).list(3, m.strides[2]!);
  ctx.run({
    key: `w1b/gather/${x.dtype}`,
    code: () => withMeta(shader(x.dtype)),
    meta: meta.words,
    inputs: [bufferOf(x), bufferOf(index)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(n, WG),
  });
}
