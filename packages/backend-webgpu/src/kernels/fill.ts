/** Writes one value into every element of a strided view (the value is cast on the CPU, as the reference's store). */
import type { View } from '@x/tensor';
import type { Program } from '../program';
import { elementwiseProgram, scalarWords } from './elementwise';

export function fillProgram(dst: View, value: number): Program {
  return elementwiseProgram({
    kernel: 'fill',
    inputs: [],
    scalars: [{ name: 'v', dtype: dst.dtype, words: scalarWords(value, dst.dtype) }],
    out: dst,
    body: 'store_out(off_out, v);',
  });
}
