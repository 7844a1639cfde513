/**
 * reduce: sum / prod / max / min / argmax / argmin / all / any over the trailing dims of x.
 *
 * Semantics are the reference backend's: max/min propagate NaN; argmax/argmin name the first NaN if
 * there is one, else the first index of the extreme value; all/any test "nonzero" (NaN is nonzero).
 * Integers wrap (int64 exactly, emulated); float16/bfloat16 accumulate in f32 and round once.
 *
 * Two kernels: one invocation per output row when rows are short (a plain loop in index order), and
 * one workgroup of 256 per row otherwise (each invocation folds a strided share, then a fixed tree in
 * workgroup memory). The combine of argmax/argmin is a total order (NaN first, then the extreme value,
 * then the lower index), so its result does not depend on the tree; sums are deterministic too (the
 * tree is fixed), though rounded differently from a sequential loop.
 */
import type { DType, ReduceOp } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { dims, Params } from '../wgsl/params';
import {
  addOf, bufferOf, checkSize, computeType, isNanOf, ltOf, merge, MAX_RANK, mulOf, nonzeroOf, numel, oneOf, prelude, zeroOf,
  type ComputeType, type GpuView,
} from './common';

const WG = 256;
/** Rows at most this long are reduced by one invocation each. */
const SERIAL_MAX_INNER = 64;

/**
 * `outer` rows (out's elements, walked by `lead`) of `inner` elements (walked by `trail`); the split
 * reduction cuts each row into `parts` partials of `chunk` elements (both 0 otherwise).
 */
const PARAMS = new Params({
  outer: 'u32', inner: 'u32', x_offset: 'u32', out_offset: 'u32', parts: 'u32', chunk: 'u32',
  lead: dims(['x', 'out'], MAX_RANK), trail: dims(['x'], MAX_RANK),
});

export function reduceOutDType(op: ReduceOp, x: DType): DType {
  if (op === 'argmax' || op === 'argmin') return 'int64';
  if (op === 'all' || op === 'any') return 'bool';
  return x;
}

/** How a row folds: accumulator type, start, folding value `v` (at index `i`), merging (bv, bi). */
interface Fold {
  type: string;
  /** 'first' starts from the row's first element (max/min/arg*); else a literal. */
  init: string;
  fold: string;
  merge: string;
  arg: boolean;
}

function foldFor(op: ReduceOp, t: ComputeType): Fold {
  const nan = (v: string): string => isNanOf(t, v);
  const gt = (a: string, b: string): string => ltOf(t, b, a);
  const lt = (a: string, b: string): string => ltOf(t, a, b);
  switch (op) {
    case 'sum':
      return { type: t, init: zeroOf(t), fold: `acc = ${addOf(t, 'acc', 'v')};`, merge: `acc = ${addOf(t, 'acc', 'bv')};`, arg: false };
    case 'prod':
      return { type: t, init: oneOf(t), fold: `acc = ${mulOf(t, 'acc', 'v')};`, merge: `acc = ${mulOf(t, 'acc', 'bv')};`, arg: false };
    case 'max':
    case 'min': {
      const better = op === 'max' ? gt : lt;
      // NaN sticks; acc_i == NONE marks "no element yet" (tree slots of invocations with no share).
      const wins = `(bi != NONE && (acc_i == NONE || (!${nan('acc')} && (${nan('bv')} || ${better('bv', 'acc')}))))`;
      return { type: t, init: 'first', fold: `{ let bv = v; let bi = i; if ${wins} { acc = bv; acc_i = bi; } }`, merge: `if ${wins} { acc = bv; acc_i = bi; }`, arg: false };
    }
    case 'argmax':
    case 'argmin': {
      const better = op === 'argmax' ? gt : lt;
      // (bv, bi) replaces (acc, acc_i) when it comes first in the order: NaN, extreme value, lower index.
      const wins =
        `(bi != NONE && (acc_i == NONE || (${nan('bv')} && (!${nan('acc')} || bi < acc_i)) || ` +
        `(!${nan('acc')} && !${nan('bv')} && (${better('bv', 'acc')} || (!${better('acc', 'bv')} && bi < acc_i)))))`;
      return { type: t, init: 'first', fold: `{ let bv = v; let bi = i; if ${wins} { acc = bv; acc_i = bi; } }`, merge: `if ${wins} { acc = bv; acc_i = bi; }`, arg: true };
    }
    case 'all':
      return { type: 'u32', init: '1u', fold: `acc = acc & select(0u, 1u, ${nonzeroOf(t, 'v')});`, merge: 'acc = acc & bv;', arg: false };
    case 'any':
      return { type: 'u32', init: '0u', fold: `acc = acc | select(0u, 1u, ${nonzeroOf(t, 'v')});`, merge: 'acc = acc | bv;', arg: false };
  }
}

function shader(op: ReduceOp, dtype: DType, serial: boolean): string {
  const t = computeType(dtype);
  const f = foldFor(op, t);
  const od = reduceOutDType(op, dtype);
  const accInit = f.init === 'first' ? 'load_x(params.x_offset)' : f.init;
  const accDecl = `var acc: ${f.type} = ${accInit}; var acc_i: u32 = ${f.init === 'first' ? 'NONE' : '0u'};`;
  const store = f.arg ? 'store_out(out_index(o), vec2<u32>(select(acc_i, 0u, acc_i == NONE), 0u));' : 'store_out(out_index(o), acc);';
  const foldBody = `let v = load_x(base + trail_x(i)); ${f.fold}`;
  const common = `${prelude(PARAMS, [{ name: 'x', dtype }], [{ name: 'out', dtype: od }])}
const NONE: u32 = 0xffffffffu;
fn row_base(o: u32) -> u32 { return params.x_offset + lead_x(o); }
fn out_index(o: u32) -> u32 { return params.out_offset + lead_out(o); }
fn finish(o: u32, acc: ${f.type}, acc_i: u32) { ${store} }
`;
  if (serial) {
    return `${common}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = gid.x + gid.y * nwg.x * ${WG}u;
  if (o >= params.outer) { return; }
  let base = row_base(o);
  let inner = params.inner;
  ${accDecl}
  for (var i = 0u; i < inner; i = i + 1u) { ${foldBody} }
  finish(o, acc, acc_i);
}
`;
  }
  return `${common}
var<workgroup> sv: array<${f.type}, ${WG}>;
var<workgroup> si: array<u32, ${WG}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let o = wid.x + wid.y * nwg.x;
  let live = o < params.outer;
  let inner = params.inner;
  ${accDecl}
  if (live) {
    let base = row_base(o);
    for (var i = lid; i < inner; i = i + ${WG}u) { ${foldBody} }
  }
  sv[lid] = acc;
  si[lid] = acc_i;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      acc = sv[lid]; acc_i = si[lid];
      let bv = sv[lid + s]; let bi = si[lid + s];
      ${f.merge}
      sv[lid] = acc; si[lid] = acc_i;
    }
    workgroupBarrier();
  }
  if (live && lid == 0u) { finish(o, sv[0], si[0]); }
}
`;
}

/** The fixed tree over the workgroup's (acc, acc_i), leaving the result in sv[0], si[0]. */
function tree(f: Fold): string {
  return `sv[lid] = acc;
  si[lid] = acc_i;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      acc = sv[lid]; acc_i = si[lid];
      let bv = sv[lid + s]; let bi = si[lid + s];
      ${f.merge}
      sv[lid] = acc; si[lid] = acc_i;
    }
    workgroupBarrier();
  }`;
}

/** An accumulator as raw words and back (partials of the split reduction live in a u32 scratch). */
function toWords(type: string, v: string): string[] {
  if (type === 'vec2<u32>') return [`${v}.x`, `${v}.y`];
  return [type === 'u32' ? v : `bitcast<u32>(${v})`];
}
function fromWords(type: string, w: string[]): string {
  if (type === 'vec2<u32>') return `vec2<u32>(${w[0]}, ${w[1]})`;
  return type === 'u32' ? w[0]! : `bitcast<${type}>(${w[0]})`;
}

/**
 * Long rows of few outputs, in two passes: `parts` workgroups per row each reduce a contiguous chunk
 * into a partial (value words, then the index), and one workgroup per row merges its partials in a
 * fixed tree. Deterministic; the arg* order is a total order, so their result is the one-pass one.
 */
function splitShader(op: ReduceOp, dtype: DType, stage: 'partial' | 'combine'): string {
  const t = computeType(dtype);
  const f = foldFor(op, t);
  const od = reduceOutDType(op, dtype);
  const words = f.type === 'vec2<u32>' ? 2 : 1;
  const stride = words + 1;
  const accInit = f.init === 'first' ? (stage === 'partial' ? 'load_x(params.x_offset)' : fromWords(f.type, ['part[0]', 'part[1]'].slice(0, words))) : f.init;
  const accDecl = `var acc: ${f.type} = ${accInit}; var acc_i: u32 = ${f.init === 'first' ? 'NONE' : '0u'};`;
  const head = `const NONE: u32 = 0xffffffffu;
fn row_base(o: u32) -> u32 { return params.x_offset + lead_x(o); }
fn out_index(o: u32) -> u32 { return params.out_offset + lead_out(o); }
var<workgroup> sv: array<${f.type}, ${WG}>;
var<workgroup> si: array<u32, ${WG}>;`;
  if (stage === 'partial') {
    const w = toWords(f.type, 'sv[0]');
    return `${prelude(PARAMS, [{ name: 'x', dtype }], [{ name: 'part', dtype: 'u32' }])}
${head}
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let g = wid.x + wid.y * nwg.x;
  let o = g / params.parts;
  let live = o < params.outer;
  let start = (g % params.parts) * params.chunk;
  let end = min(start + params.chunk, params.inner);
  ${accDecl}
  if (live) {
    let base = row_base(o);
    for (var i = start + lid; i < end; i = i + ${WG}u) { let v = load_x(base + trail_x(i)); ${f.fold} }
  }
  ${tree(f)}
  if (live && lid == 0u) {
    ${w.map((e, k) => `part[${stride}u * g + ${k}u] = ${e};`).join(' ')}
    part[${stride}u * g + ${words}u] = si[0];
  }
}
`;
  }
  const store = f.arg ? 'store_out(out_index(o), vec2<u32>(select(si[0], 0u, si[0] == NONE), 0u));' : 'store_out(out_index(o), sv[0]);';
  const w = Array.from({ length: words }, (_, k) => `part[${stride}u * q + ${k}u]`);
  return `${prelude(PARAMS, [{ name: 'part', dtype: 'u32' }], [{ name: 'out', dtype: od }])}
${head}
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let o = wid.x + wid.y * nwg.x;
  let live = o < params.outer;
  ${accDecl}
  if (live) {
    for (var p = lid; p < params.parts; p = p + ${WG}u) {
      let q = o * params.parts + p;
      let bv = ${fromWords(f.type, w)};
      let bi = part[${stride}u * q + ${words}u];
      ${f.merge}
    }
  }
  ${tree(f)}
  if (live && lid == 0u) { ${store} }
}
`;
}

/** Rows at least this long, with at most SPLIT_MAX_OUTER of them, reduce in two passes. */
const SPLIT_MIN_INNER = 1 << 16;
const SPLIT_MAX_OUTER = 64;
/** Elements per partial of the split reduction. */
const SPLIT_CHUNK = 1 << 13;

/** Reduces the trailing `x.shape.length - out.shape.length` dims of x into out. */
export function reduce(ctx: KernelContext, op: ReduceOp, x: GpuView, out: GpuView): void {
  const no = out.shape.length;
  const od = reduceOutDType(op, x.dtype);
  if (out.dtype !== od) throw new Error(`@x/backend-webgpu: reduce ${op} of ${x.dtype} writes ${od}, got ${out.dtype}`);
  const outer = numel(x.shape.slice(0, no));
  const inner = numel(x.shape.slice(no));
  if (outer === 0) return;
  checkSize('reduce input', outer * inner);
  if ((op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin') && inner === 0) {
    throw new Error(`@x/backend-webgpu: ${op} of an empty row`);
  }
  const lead = merge('reduce', x.shape.slice(0, no), [x.strides.slice(0, no), out.strides]);
  const trail = merge('reduce', x.shape.slice(no), [x.strides.slice(no)]);
  const split = inner >= SPLIT_MIN_INNER && outer <= SPLIT_MAX_OUTER;
  const parts = split ? Math.ceil(inner / SPLIT_CHUNK) : 0;
  const params = PARAMS.write({ outer, inner, x_offset: x.offset, out_offset: out.offset, parts, chunk: split ? SPLIT_CHUNK : 0, lead, trail });
  if (split) {
    const t = computeType(x.dtype);
    const words = (op === 'all' || op === 'any' ? 1 : t === 'vec2<u32>' ? 2 : 1) + 1;
    const part = ctx.scratch(outer * parts * words * 4);
    ctx.run({
      key: `reduce/${op}/${x.dtype}/partial`,
      code: () => splitShader(op, x.dtype, 'partial'),
      params,
      inputs: [bufferOf(x)],
      outputs: [part],
      workgroups: dispatch1d(outer * parts, 1),
    });
    ctx.run({
      key: `reduce/${op}/${x.dtype}/combine`,
      code: () => splitShader(op, x.dtype, 'combine'),
      params,
      inputs: [part],
      outputs: [bufferOf(out)],
      workgroups: dispatch1d(outer, 1),
    });
    return;
  }
  const serial = inner <= SERIAL_MAX_INNER;
  const workgroups = dispatch1d(outer, serial ? WG : 1);
  ctx.run({
    key: `reduce/${op}/${x.dtype}/${serial ? 'serial' : 'tree'}`,
    code: () => shader(op, x.dtype, serial),
    params,
    inputs: [bufferOf(x)],
    outputs: [bufferOf(out)],
    workgroups,
  });
}
