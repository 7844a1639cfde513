/**
 * gather: out[i][j][k] = x[i][index[i][j][k]][k] along `dim` (torch.gather); index is int64 with
 * out's shape; x, index and out may have any strides. One invocation per output element; the entries
 * of index are validated by bounds.ts (a bad entry writes 0 here and fails the next read).
 */
import type { DType } from '@x/tensor';
import { dispatch1d } from '../program';
import { dims, Params } from '../wgsl/params';
import { checkIndexBounds, type BoundsMessage, type CheckingContext } from './bounds';
import { bufferOf, checkSize, computeType, merge, MAX_RANK, numel, prelude, zeroOf, type GpuView } from './common';

const WG = 256;
/**
 * `n` outputs walked by `elem` (x's stride along dim is 0 there: the index entry moves along it, by
 * `x_step`), x's `size` along dim.
 */
const PARAMS = new Params({
  n: 'u32', size: 'u32', x_offset: 'u32', index_offset: 'u32', out_offset: 'u32', x_step: 'u32',
  elem: dims(['x', 'index', 'out'], MAX_RANK),
});

function shader(dtype: DType): string {
  return `${prelude(PARAMS, [{ name: 'x', dtype }, { name: 'index', dtype: 'int64' }], [{ name: 'out', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= params.n) { return; }
  let j = load_index(params.index_offset + elem_index(i));
  var v: ${computeType(dtype)} = ${zeroOf(computeType(dtype))};
  if (j.y == 0u && j.x < params.size) { v = load_x(params.x_offset + elem_x(i) + j.x * params.x_step); }
  store_out(params.out_offset + elem_out(i), v);
}
`;
}

export function gather(ctx: CheckingContext, x: GpuView, dim: number, index: GpuView, out: GpuView, message?: BoundsMessage): void {
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
  const elem = merge('gather', shape, [xs, zeroDim ? [0] : index.strides, zeroDim ? [0] : out.strides]);
  ctx.run({
    key: `gather/${x.dtype}`,
    code: () => shader(x.dtype),
    params: PARAMS.write({ n, size, x_offset: x.offset, index_offset: index.offset, out_offset: out.offset, x_step: sdim, elem }),
    inputs: [bufferOf(x), bufferOf(index)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(n, WG),
  });
}
