/**
 * Bounds checks of int64 index tensors (gather, scatter). A GPU kernel cannot throw, so the check is a
 * small reduction on the device whose result is read back asynchronously:
 *
 * 1. `init` writes the report words [first = NONE, lo = 0, hi = 0];
 * 2. `check` runs one invocation per index entry; an entry outside [0, size) does atomicMin on
 *    `first` with its row-major position, so the report names the FIRST bad entry, as the reference
 *    backend (and PyTorch's CPU kernels) do, whatever order the invocations ran in;
 * 3. `report` (one invocation) copies that entry's value beside it;
 * 4. the context copies the three words out after the batch (`deferCheck`), and the next read
 *    (`await t.numpyAsync()`, `item()`, ...) rejects with `index J is out of bounds for dimension D with
 *    size S`, the reference's text. The kernels themselves never touch memory out of bounds (gather
 *    writes 0 for a bad entry, scatter ignores it), so a bad index corrupts nothing but the result.
 *
 * The error therefore surfaces at the next read, not at the call (as CUDA's device-side asserts do).
 */
import type { GpuBuffer } from '../pool';
import { dispatch1d, type KernelContext } from '../program';
import { dims, Params } from '../wgsl/params';
import { bindings } from '../wgsl/views';
import { bufferOf, checkSize, merge, MAX_RANK, numel, prelude, type GpuView } from './common';

/** A context that can read a few result words back asynchronously (the backend's Runtime). */
export interface CheckingContext extends KernelContext {
  /**
   * Copies `words` u32 words of `src` out after the dispatches encoded so far; before the next read
   * resolves, `check` sees them, and a returned message becomes that read's Error.
   */
  deferCheck?(src: GpuBuffer, words: number, check: (words: Uint32Array) => string | null): void;
}

const NONE = 0xffffffff;
const WG = 256;
/** `n` entries of index walked by `entry`; valid entries lie in [0, size). */
const PARAMS = new Params({ n: 'u32', index_offset: 'u32', size: 'u32', entry: dims(['index'], MAX_RANK) });
/** The report's first word before any entry is checked. */
const INIT_PARAMS = new Params({ no_entry: 'u32' });

function initShader(): string {
  return `${bindings(INIT_PARAMS, [], [{ name: 'report', dtype: 'u32' }])}
@compute @workgroup_size(1)
fn main() { report[0] = params.no_entry; report[1] = 0u; report[2] = 0u; }
`;
}

function checkShader(): string {
  return `${prelude(PARAMS, [{ name: 'index', dtype: 'int64' }], [{ name: 'report', dtype: 'u32' }], [], ['report'])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= params.n) { return; }
  let j = load_index(params.index_offset + entry_index(i));
  if (j.y != 0u || j.x >= params.size) { atomicMin(&report[0], i); }
}
`;
}

function reportShader(): string {
  return `${prelude(PARAMS, [{ name: 'index', dtype: 'int64' }], [{ name: 'report', dtype: 'u32' }], [], ['report'])}
@compute @workgroup_size(1)
fn main() {
  let p = atomicLoad(&report[0]);
  if (p == ${NONE}u) { return; }
  let j = load_index(params.index_offset + entry_index(p));
  atomicStore(&report[1], j.x);
  atomicStore(&report[2], j.y);
}
`;
}

/**
 * The caller's wording of a bad index `j` (ops word it differently: index_select says "index out of
 * range in self"); a synchronous backend's caller rewrites the thrown text, but a deferred error
 * must be worded when it is made.
 */
export type BoundsMessage = (j: string) => string;

/** The reference's message for a bad index. */
export function boundsMessage(j: bigint | number, dim: number, size: number): string {
  return `index ${j} is out of bounds for dimension ${dim} with size ${size}`;
}

/**
 * Enqueues the check that every entry of `index` (int64, any layout) lies in [0, size); a bad one
 * makes the next read fail with `message` (default: the reference's) naming the first bad entry.
 */
export function checkIndexBounds(ctx: CheckingContext, index: GpuView, dim: number, size: number, message?: BoundsMessage): void {
  const n = numel(index.shape);
  if (n === 0) return;
  if (!ctx.deferCheck) {
    throw new Error('@x/backend-webgpu: this kernel context cannot read back bounds checks (deferCheck), so gather/scatter indices cannot be validated');
  }
  if (index.dtype !== 'int64') throw new Error(`@x/backend-webgpu: indices must be int64, got ${index.dtype}`);
  checkSize('index', n);
  const entry = merge('bounds check', index.shape, [index.strides]);
  const params = PARAMS.write({ n, index_offset: index.offset, size, entry });
  const report = ctx.scratch(16);
  ctx.run({ key: 'bounds/init', code: initShader, params: INIT_PARAMS.write({ no_entry: NONE }), inputs: [], outputs: [report], workgroups: [1, 1, 1] });
  ctx.run({ key: 'bounds/check', code: checkShader, params, inputs: [bufferOf(index)], outputs: [report], workgroups: dispatch1d(n, WG) });
  ctx.run({ key: 'bounds/report', code: reportShader, params, inputs: [bufferOf(index)], outputs: [report], workgroups: [1, 1, 1] });
  ctx.deferCheck(report, 3, (w) => {
    if (w[0] === NONE) return null;
    const j = BigInt.asIntN(64, (BigInt(w[2]!) << 32n) | BigInt(w[1]!));
    return message ? message(String(j)) : boundsMessage(j, dim, size);
  });
}
