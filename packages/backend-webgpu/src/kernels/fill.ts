/** Writes one value into every element of a strided view (the value is cast on the CPU, as the reference's store). */
import type { Program } from '../program';
import type { GpuView } from './common';
import { elementwiseProgram } from './elementwise';

export function fillProgram(dst: GpuView, value: number): Program {
  return elementwiseProgram({
    kernel: 'fill',
    inputs: [],
    scalars: [{ name: 'v', dtype: dst.dtype, value }],
    out: dst,
    body: 'store_out(off_out, v);',
  });
}
