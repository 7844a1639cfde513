/** out = cond ? a : b, elementwise over strided views (cond bool; a, b, out one dtype), copying raw bits. */
import type { Program } from '../program';
import type { GpuView } from './common';
import { elementwiseProgram } from './elementwise';

export function whereProgram(cond: GpuView, a: GpuView, b: GpuView, out: GpuView): Program {
  if (cond.dtype !== 'bool' && cond.dtype !== 'uint8') throw new Error(`where expects a bool condition, got ${cond.dtype}`);
  const pick = out.dtype === 'int64' ? 'select(b, a, vec2<bool>(cond != 0u, cond != 0u))' : 'select(b, a, cond != 0u)';
  return elementwiseProgram({
    kernel: 'where',
    raw: true,
    inputs: [{ name: 'cond', view: cond }, { name: 'a', view: a }, { name: 'b', view: b }],
    out,
    body: `store_out(off_out, ${pick});`,
  });
}
