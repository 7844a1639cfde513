/**
 * Strided copy with a dtype cast. The same dtype copies raw bits (NaN payloads and -0 survive);
 * different dtypes convert through the compute types with the reference's C cast semantics
 * (wgsl/convert.ts).
 */
import type { Program } from '../program';
import { convertExpr, convertRequires } from '../wgsl/convert';
import type { GpuView } from './common';
import { elementwiseProgram } from './elementwise';

export function copyProgram(src: GpuView, dst: GpuView): Program {
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
