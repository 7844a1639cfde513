/**
 * Strided copy with a dtype cast. The same dtype copies raw bits (NaN payloads and -0 survive);
 * different dtypes convert through the compute types with the reference's C cast semantics
 * (wgsl/convert.ts).
 */
import type { View } from '@x/tensor';
import type { Program } from '../program';
import { convertExpr, convertRequires } from '../wgsl/convert';
import { elementwiseProgram } from './elementwise';

export function copyProgram(src: View, dst: View): Program {
  if (src.dtype === dst.dtype) {
    return elementwiseProgram({ kernel: 'copy', raw: true, inputs: [{ name: 'x', view: src }], out: dst, body: 'store_out(off_out, x);' });
  }
  return elementwiseProgram({
    kernel: 'cast',
    inputs: [{ name: 'x', view: src }],
    out: dst,
    body: `store_out(off_out, ${convertExpr('x', src.dtype, dst.dtype)});`,
    libs: convertRequires(src.dtype, dst.dtype),
  });
}
