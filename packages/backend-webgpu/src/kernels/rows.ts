/**
 * The parameters of kernels that walk x and out as rows along one dim (softmax along the last, scan
 * along any): `rows` rows of `len` elements; `row` walks the other dims (merged), `x_step` and
 * `out_step` step along a row.
 */
import { dims, Params, type ParamValues } from '../wgsl/params';
import { checkSize, merge, MAX_RANK, numel, type GpuView } from './common';

export const ROW_PARAMS = new Params({
  rows: 'u32', len: 'u32', x_offset: 'u32', out_offset: 'u32', x_step: 'u32', out_step: 'u32', row: dims(['x', 'out'], MAX_RANK),
});

/** x and out (of one shape) as rows along `dim`, or null when there is nothing to do. */
export function rowsAlong(what: string, x: GpuView, out: GpuView, dim: number): ParamValues<typeof ROW_PARAMS.types> | null {
  const nd = x.shape.length;
  const len = nd === 0 ? 1 : x.shape[dim]!;
  const others = (s: readonly number[]): number[] => s.filter((_, d) => d !== dim);
  const rows = numel(others(x.shape));
  if (rows === 0 || len === 0) return null;
  checkSize(`${what} input`, rows * len);
  return {
    rows, len, x_offset: x.offset, out_offset: out.offset,
    x_step: nd === 0 ? 0 : x.strides[dim]!, out_step: nd === 0 ? 0 : out.strides[dim]!,
    row: merge(what, others(x.shape), [others(x.strides), others(out.strides)]),
  };
}
