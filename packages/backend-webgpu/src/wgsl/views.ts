/**
 * Strided views in WGSL: how a kernel finds element (i0, i1, ...) of an operand of any rank with any
 * strides (0 where broadcast) and offset, without copying it to a contiguous buffer first.
 *
 * THE CONTRACT:
 * - Layout metadata travels in binding 0's `params` (wgsl/params.ts), never in the WGSL text, so one
 *   pipeline serves every shape of a rank: an operand is a `view(rank)` parameter named as the
 *   operand (`params.x.offset`, `params.x.strides[d]`), over a `shape` list when operands share one
 *   (elementwise kernels), or over a `dims` parameter when the rank varies per dispatch.
 * - Strides and offsets are element counts of the operand's own dtype, stored as u32 (a negative
 *   stride wraps, and u32 arithmetic wraps back: the sum is right modulo 2^32).
 * - `coalesce` merges adjacent dims that are contiguous in every operand, so contiguous tensors become
 *   rank 1 and the common case decomposes no index at all. Do it before choosing the key.
 * - `linearIndex()` is the WGSL statement giving `let i: u32` for a 2D dispatch of `dispatch1d`.
 */
import { coalesce as coalesceDims, coalesced, type DType } from '@x/tensor';
import type { Params, ParamTypes } from './params';
import { bindingDecl } from './storage';

/** shape and per-operand strides after merging dims that are contiguous in all operands (@x/tensor's `coalesce`). */
export function coalesce(shape: readonly number[], strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const c = coalesceDims(shape, strides, coalesced(strides.length));
  return { shape: Array.from(c.shape).slice(0, c.ndim), strides: c.strides.map((s) => Array.from(s).slice(0, c.ndim)) };
}

/** `let i: u32` = this invocation's linear index under a `dispatch1d` dispatch of `workgroupSize`. */
export function linearIndex(workgroupSize: number): string {
  return `let i = gid.x + gid.y * nwg.x * ${workgroupSize}u;`;
}

/** The builtins `linearIndex` reads, for the entry point's parameter list. */
export const ENTRY_BUILTINS = '@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>';

export interface Operand {
  readonly name: string;
  readonly dtype: DType | 'u32';
}

/**
 * The binding declarations of a program, as program.ts defines them: the parameters at 0, then the
 * inputs, then the outputs (sub-word outputs atomic, and the u32 outputs named in `atomicWords`).
 */
export function bindings(params: Params<ParamTypes>, inputs: readonly Operand[], outputs: readonly Operand[], atomicWords: readonly string[] = []): string {
  const lines = [params.wgsl()];
  let b = 1;
  for (const x of inputs) lines.push(bindingDecl(x.name, b++, x.dtype, 'read'));
  for (const x of outputs) {
    const binding = b++;
    if (atomicWords.includes(x.name)) lines.push(`@group(0) @binding(${binding}) var<storage, read_write> ${x.name}: array<atomic<u32>>;`);
    else lines.push(bindingDecl(x.name, binding, x.dtype, 'read_write'));
  }
  return lines.join('\n');
}

/**
 * WGSL statements turning the linear index `i` (row-major over `params.shape`, of `rank` dims) into
 * element offsets `off_<name>` of the operands, each a `view(rank)` parameter of its name. Rank 0
 * reads just the offsets.
 */
export function offsetsCode(rank: number, operands: readonly string[], index = 'i'): string {
  const lines = operands.map((o) => `var off_${o} = params.${o}.offset;`);
  if (rank === 1) {
    for (const o of operands) lines.push(`off_${o} += ${index} * params.${o}.strides[0];`);
    return lines.join('\n  ');
  }
  if (rank > 1) {
    lines.push(`var rest = ${index};`);
    for (let d = rank - 1; d >= 0; d--) {
      const coord = `c${d}`;
      if (d > 0) lines.push(`let ${coord} = rest % params.shape[${d}]; rest = rest / params.shape[${d}];`);
      else lines.push(`let ${coord} = rest;`);
      for (const o of operands) lines.push(`off_${o} += ${coord} * params.${o}.strides[${d}];`);
    }
  }
  return lines.join('\n  ');
}
