/**
 * sort: a stable sort along the last dim, writing values (x's dtype) and int64 indices; any strides.
 *
 * Each element becomes an unsigned key that orders as the reference does: floats by their bits made
 * monotonic (-0 taken as +0, every NaN one key above +inf, so NaN sorts last ascending and first
 * descending), int32 with the sign bit flipped, int64 as two such words, uint8/bool as is;
 * descending flips every bit. Ties are broken by the original position, which makes the bitonic
 * network (not stable by itself) produce exactly the stable order. Rows are padded to a power of two
 * P with keys above every real one.
 *
 * Rows of up to 1024 sort in workgroup memory, one workgroup per row. Longer rows sort in a scratch
 * buffer, one dispatch per step of the network (log2(P)(log2(P)+1)/2 of them).
 */
import type { DType } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { dims, Params } from '../wgsl/params';
import { bufferOf, checkSize, computeType, merge, MAX_RANK, numel, prelude, type GpuView } from './common';

const WG = 256;
const LOCAL_MAX = 1024;
const NONE = 0xffffffff;

/**
 * `rows` rows of `len` elements walked by `row` (the leading dims), each operand's `_step` along the
 * last dim; rows padded to `P`; `k` and `j` name the step of the network a global pass runs.
 */
const PARAMS = new Params({
  rows: 'u32', len: 'u32', x_offset: 'u32', values_offset: 'u32', indices_offset: 'u32',
  x_step: 'u32', values_step: 'u32', indices_step: 'u32', P: 'u32', k: 'u32', j: 'u32',
  row: dims(['x', 'values', 'indices'], MAX_RANK),
});

/** WGSL `fn sort_key(e: u32) -> vec2<u32>`: the (hi, lo) key of element e of row r's x. */
function keyFn(dtype: DType, descending: boolean): string {
  const t = computeType(dtype);
  let body: string;
  if (t === 'f32') {
    body = `let v = load_x(i);
  var b = bitcast<u32>(v);
  if (f32_is_zero(v)) { b = 0u; }
  var k = b ^ select(0x80000000u, 0xffffffffu, (b >> 31u) != 0u);
  if (f32_is_nan(v)) { k = 0xffffffffu; }
  var key = vec2<u32>(0u, k);`;
  } else if (t === 'i32') body = 'var key = vec2<u32>(0u, bitcast<u32>(load_x(i)) ^ 0x80000000u);';
  else if (t === 'u32') body = 'var key = vec2<u32>(0u, load_x(i));';
  else body = 'let v = load_x(i);\n  var key = vec2<u32>(v.y ^ 0x80000000u, v.x);';
  return `fn sort_key(i: u32) -> vec2<u32> {
  ${body}
  ${descending ? 'key = ~key;' : ''}
  return key;
}
fn x_index(r: u32, e: u32) -> u32 { return params.x_offset + row_x(r) + e * params.x_step; }
fn before(ka: vec2<u32>, ia: u32, kb: vec2<u32>, ib: u32) -> bool {
  if (ka.x != kb.x) { return ka.x < kb.x; }
  if (ka.y != kb.y) { return ka.y < kb.y; }
  return ia < ib;
}
fn write_out(r: u32, e: u32, src: u32) {
  store_values(params.values_offset + row_values(r) + e * params.values_step, load_x(x_index(r, src)));
  store_indices(params.indices_offset + row_indices(r) + e * params.indices_step, vec2<u32>(src, 0u));
}
`;
}

function io(dtype: DType, scratch: boolean): string {
  const outs = [{ name: 'values', dtype }, { name: 'indices', dtype: 'int64' as DType }];
  return prelude(PARAMS, [{ name: 'x', dtype }], scratch ? [...outs, { name: 'keys', dtype: 'u32' as const }] : outs);
}

function localShader(dtype: DType, descending: boolean, P: number): string {
  return `${io(dtype, false)}
${keyFn(dtype, descending)}
var<workgroup> kh: array<u32, ${P}>;
var<workgroup> kl: array<u32, ${P}>;
var<workgroup> ix: array<u32, ${P}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = wid.x + wid.y * nwg.x;
  let live = r < params.rows;
  let len = params.len;
  for (var e = lid; e < ${P}u; e = e + ${WG}u) {
    var key = vec2<u32>(0xffffffffu, 0xffffffffu);
    var at = ${NONE}u;
    if (live && e < len) { key = sort_key(x_index(r, e)); at = e; }
    kh[e] = key.x; kl[e] = key.y; ix[e] = at;
  }
  workgroupBarrier();
  for (var k = 2u; k <= ${P}u; k = k << 1u) {
    for (var j = k >> 1u; j > 0u; j = j >> 1u) {
      for (var e = lid; e < ${P}u; e = e + ${WG}u) {
        let p = e ^ j;
        if (p > e) {
          let ke = vec2<u32>(kh[e], kl[e]);
          let kp = vec2<u32>(kh[p], kl[p]);
          let up = (e & k) == 0u;
          if (up == before(kp, ix[p], ke, ix[e])) {
            kh[e] = kp.x; kl[e] = kp.y; kh[p] = ke.x; kl[p] = ke.y;
            let t = ix[e]; ix[e] = ix[p]; ix[p] = t;
          }
        }
      }
      workgroupBarrier();
    }
  }
  if (live) {
    for (var e = lid; e < len; e = e + ${WG}u) { write_out(r, e, ix[e]); }
  }
}
`;
}

/** Scratch layout: 3 words per (row, position): hi, lo, original index. */
function globalShader(dtype: DType, descending: boolean, stage: 'init' | 'step' | 'final'): string {
  const head = `${io(dtype, true)}
${keyFn(dtype, descending)}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = gid.x + gid.y * nwg.x * ${WG}u;
  let P = params.P;
  if (g >= params.rows * P) { return; }
  let r = g / P;
  let e = g % P;
`;
  switch (stage) {
    case 'init':
      return `${head}
  var key = vec2<u32>(0xffffffffu, 0xffffffffu);
  var at = ${NONE}u;
  if (e < params.len) { key = sort_key(x_index(r, e)); at = e; }
  keys[3u * g] = key.x; keys[3u * g + 1u] = key.y; keys[3u * g + 2u] = at;
}
`;
    case 'step':
      return `${head}
  let k = params.k;
  let p = e ^ params.j;
  if (p <= e) { return; }
  let a = 3u * g;
  let b = 3u * (r * P + p);
  let ke = vec2<u32>(keys[a], keys[a + 1u]);
  let kp = vec2<u32>(keys[b], keys[b + 1u]);
  let ie = keys[a + 2u];
  let ip = keys[b + 2u];
  if (((e & k) == 0u) == before(kp, ip, ke, ie)) {
    keys[a] = kp.x; keys[a + 1u] = kp.y; keys[a + 2u] = ip;
    keys[b] = ke.x; keys[b + 1u] = ke.y; keys[b + 2u] = ie;
  }
}
`;
    case 'final':
      return `${head}
  if (e < params.len) { write_out(r, e, keys[3u * g + 2u]); }
}
`;
  }
}

export function sort(ctx: KernelContext, x: GpuView, descending: boolean, values: GpuView, indices: GpuView): void {
  if (values.dtype !== x.dtype || indices.dtype !== 'int64') {
    throw new Error(`@x/backend-webgpu: sort of ${x.dtype} writes ${x.dtype} values and int64 indices, got ${values.dtype} and ${indices.dtype}`);
  }
  const nd = x.shape.length;
  const len = nd === 0 ? 1 : x.shape[nd - 1]!;
  const lead = x.shape.slice(0, Math.max(nd - 1, 0));
  const rows = numel(lead);
  if (rows === 0 || len === 0) return;
  let P = 1;
  while (P < len) P *= 2;
  checkSize('sort', rows * P);
  const row = merge('sort', lead, [x.strides.slice(0, nd - 1), values.strides.slice(0, nd - 1), indices.strides.slice(0, nd - 1)]);
  const last = (v: GpuView): number => (nd === 0 ? 0 : v.strides[nd - 1]!);
  const params = (k = 0, j = 0): Uint32Array =>
    PARAMS.write({
      rows, len, x_offset: x.offset, values_offset: values.offset, indices_offset: indices.offset,
      x_step: last(x), values_step: last(values), indices_step: last(indices), P, k, j, row,
    });
  const dir = descending ? 'desc' : 'asc';
  const outputs = [bufferOf(values), bufferOf(indices)];
  if (P <= LOCAL_MAX) {
    ctx.run({
      key: `sort/local/${x.dtype}/${dir}/${P}`,
      code: () => localShader(x.dtype, descending, P),
      params: params(),
      inputs: [bufferOf(x)],
      outputs,
      workgroups: dispatch1d(rows, 1),
    });
    return;
  }
  const keys = ctx.scratch(rows * P * 12);
  const groups = dispatch1d(rows * P, WG);
  const pass = (stage: 'init' | 'step' | 'final', k = 0, j = 0): void =>
    ctx.run({
      key: `sort/global/${stage}/${x.dtype}/${dir}`,
      code: () => globalShader(x.dtype, descending, stage),
      params: params(k, j),
      inputs: [bufferOf(x)],
      outputs: [...outputs, keys],
      workgroups: groups,
    });
  pass('init');
  for (let k = 2; k <= P; k *= 2) for (let j = k / 2; j > 0; j /= 2) pass('step', k, j);
  pass('final');
}
