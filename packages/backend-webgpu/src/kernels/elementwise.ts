/**
 * The program builder of every elementwise kernel (unary, binary, where, copy, fill): operands are
 * strided views of the output's shape (stride 0 where broadcast) or scalars, dims contiguous in all
 * of them are merged first, and each invocation computes one output element.
 *
 * params: n (elements), the merged `shape`, a `view` per view operand (named as the operand, the
 * output `out`), then each scalar by its name in its compute type.
 */
import type { DType } from '@x/tensor';
import { dispatch1d, type Program } from '../program';
import { library } from '../wgsl/library';
import { list, Params, view, type ParamType, type ParamTypes, type ParamValue } from '../wgsl/params';
import { computeType, loadFn, requires, storeFn } from '../wgsl/storage';
import { bindings, coalesce, ENTRY_BUILTINS, linearIndex, offsetsCode } from '../wgsl/views';
import { bufferOf, type GpuView } from './common';

export const WORKGROUP_SIZE = 256;

export interface ViewInput {
  readonly name: string;
  readonly view: GpuView;
}

export interface ScalarInput {
  readonly name: string;
  readonly dtype: DType;
  /** Cast to the dtype on the CPU, as the reference backend's store does (`scalarValue`). */
  readonly value: number;
}

export interface ElementwiseSpec {
  /** Key prefix naming the computation (op and anything that changes `body`). */
  readonly kernel: string;
  readonly inputs: readonly ViewInput[];
  readonly scalars?: readonly ScalarInput[];
  readonly out: GpuView;
  /**
   * WGSL statements ending in a store: each input is available as `let <name>` in its compute type
   * (loaded through its view; `raw` inputs as the raw word / lane, see below), the output offset as
   * `off_out`; write with `store_out(off_out, value)`.
   */
  readonly body: string;
  /** Library snippets and extra WGSL functions the body uses. */
  readonly libs?: readonly string[];
  readonly functions?: string;
  /** Load inputs as raw bits (u32 lanes / words, vec2<u32> for int64) instead of computed values. */
  readonly raw?: boolean;
}

/** The raw-bits loader for dtype: lanes for sub-word dtypes, words otherwise. */
function rawLoadFn(name: string, dtype: DType): string {
  const head = (t: string): string => `fn load_${name}(i: u32) -> ${t} {`;
  switch (dtype) {
    case 'int64': return `${head('vec2<u32>')} return vec2<u32>(${name}[2u * i], ${name}[2u * i + 1u]); }`;
    case 'float16': case 'bfloat16': return `${head('u32')} return (${name}[i >> 1u] >> ((i & 1u) * 16u)) & 0xffffu; }`;
    case 'uint8': case 'bool': return `${head('u32')} return (${name}[i >> 2u] >> ((i & 3u) * 8u)) & 0xffu; }`;
    default: return `${head('u32')} return ${name}[i]; }`;
  }
}

/** The raw-bits storer for dtype (sub-word through atomics). */
function rawStoreFn(name: string, dtype: DType): string {
  switch (dtype) {
    case 'int64': return `fn store_${name}(i: u32, v: vec2<u32>) { ${name}[2u * i] = v.x; ${name}[2u * i + 1u] = v.y; }`;
    case 'float16': case 'bfloat16': case 'uint8': case 'bool': {
      const bits = dtype === 'uint8' || dtype === 'bool' ? 8 : 16;
      const per = 32 / bits;
      const mask = bits === 8 ? '0xffu' : '0xffffu';
      return `fn store_${name}(i: u32, v: u32) { let w = i / ${per}u; let s = (i % ${per}u) * ${bits}u; ` +
        `atomicAnd(&${name}[w], ~(${mask} << s)); atomicOr(&${name}[w], (v & ${mask}) << s); }`;
    }
    default: return `fn store_${name}(i: u32, v: u32) { ${name}[i] = v; }`;
  }
}

export function elementwiseProgram(spec: ElementwiseSpec): Program {
  const { inputs, out } = spec;
  const scalars = spec.scalars ?? [];
  const n = out.shape.reduce((a, b) => a * b, 1);
  const views = [...inputs.map((x) => x.view), out];
  const names = [...inputs.map((x) => x.name), 'out'];
  const merged = coalesce(out.shape, views.map((v) => v.strides));
  const rank = merged.shape.length;

  const raw = spec.raw ?? false;
  const key = [
    'elementwise', spec.kernel, raw ? 'raw' : 'val', `r${rank}`,
    ...inputs.map((x) => `${x.name}:${x.view.dtype}`), ...scalars.map((s) => `${s.name}=${s.dtype}`), `out:${out.dtype}`,
  ].join('|');
  let params = PARAMS.get(key);
  if (!params) PARAMS.set(key, (params = new Params(paramTypes(rank, names, scalars))));
  const values: Record<string, ParamValue> = { n };
  if (rank > 0) values.shape = merged.shape;
  views.forEach((v, k) => (values[names[k]!] = { offset: v.offset, strides: merged.strides[k]! }));
  for (const s of scalars) values[s.name] = scalarValue(s.value, s.dtype);

  const code = (): string => {
    const libs = new Set<string>(['float', ...(spec.libs ?? [])]);
    if (!raw) for (const v of views) for (const r of requires(v.dtype)) libs.add(r);
    const loads = inputs.map((x) => `let ${x.name} = load_${x.name}(off_${x.name});`);
    const consts = scalars.map((s) => `let ${s.name} = params.${s.name};`);
    return [
      bindings(params, inputs.map((x) => ({ name: x.name, dtype: x.view.dtype })), [{ name: 'out', dtype: out.dtype }]),
      library(libs),
      ...inputs.map((x) => (raw ? rawLoadFn(x.name, x.view.dtype) : loadFn(x.name, x.view.dtype))),
      raw ? rawStoreFn('out', out.dtype) : storeFn('out', out.dtype),
      spec.functions ?? '',
      `@compute @workgroup_size(${WORKGROUP_SIZE})`,
      `fn main(${ENTRY_BUILTINS}) {`,
      `  ${linearIndex(WORKGROUP_SIZE)}`,
      `  if (i >= params.n) { return; }`,
      `  ${offsetsCode(rank, names)}`,
      ...loads.map((l) => `  ${l}`),
      ...consts.map((l) => `  ${l}`),
      `  ${spec.body}`,
      '}',
    ].join('\n');
  };

  return {
    key,
    code,
    params: params.write(values),
    inputs: inputs.map((x) => bufferOf(x.view)),
    outputs: [bufferOf(out)],
    workgroups: n === 0 ? [0, 0, 0] : dispatch1d(n, WORKGROUP_SIZE),
  };
}

/** Parameter descriptions by program key (the key names everything the description depends on). */
const PARAMS = new Map<string, Params<ParamTypes>>();

/** n, the merged shape, a view per operand (the output last), then the scalars in their compute types. */
function paramTypes(rank: number, views: readonly string[], scalars: readonly ScalarInput[]): ParamTypes {
  const types: Record<string, ParamType> = { n: 'u32' };
  if (rank > 0) types.shape = list(rank);
  for (const name of views) types[name] = view(rank);
  for (const s of scalars) types[s.name] = computeType(s.dtype);
  return types;
}

/** A scalar as the parameter of its dtype's compute type (C cast semantics of the reference backend's store). */
function scalarValue(value: number, dtype: DType): number | readonly [number, number] {
  switch (computeType(dtype)) {
    case 'f32':
      return value;
    case 'i32':
      return Number.isFinite(value) ? Math.trunc(value) | 0 : value !== value ? 0 : -2147483648;
    case 'u32':
      if (dtype === 'bool') return value !== 0 ? 1 : 0;
      return Number.isFinite(value) ? (Math.trunc(value) & 0xff) >>> 0 : 0;
    case 'vec2<u32>': {
      const big = Number.isFinite(value) ? BigInt.asUintN(64, BigInt(Math.trunc(value))) : value !== value ? 0n : 1n << 63n;
      return [Number(big & 0xffffffffn), Number(big >> 32n)];
    }
  }
}
