/**
 * How each PyTorch op of the fixtures is spelled in @x: one entry per op, keyed by PyTorch's name.
 *
 * An entry is `op(forms, params, torchParams?)`:
 * - forms: the ways our API offers the op, space-separated: `x.name` is a Tensor method called on the
 *   first argument, `torch.name` a free function of `@x/tensor` taking all arguments. Every form
 *   listed is run against the same expected output (CONVENTIONS.md: "reachable both ways PyTorch offers it").
 * - params: our parameter list, named with PyTorch's names. Plain names are positional; `...name`
 *   takes all remaining positional arguments; `{a, b}` is the trailing options object, whose keys are
 *   PyTorch's keyword names in camelCase (`rounding_mode` → `roundingMode`). A PyTorch keyword
 *   argument goes into the options object when it is listed there, else to its positional slot.
 * - torchParams: PyTorch's positional parameter order, only where it differs from ours (where PyTorch
 *   takes positionally what we take in the options object).
 *
 * The mapping is mechanical on purpose: a PyTorch call ports to @x by these rules alone, so an entry
 * that needs more than this table says is an API inconsistency worth reporting.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';

export interface OpMapping {
  /** Our call forms: method names on the first argument, and free-function names on `torch`. */
  readonly methods: readonly string[];
  readonly fns: readonly string[];
  /** Our positional parameters (PyTorch names), the rest parameter, and the options keys. */
  readonly positional: readonly string[];
  readonly rest: string | null;
  readonly options: readonly string[];
  /** PyTorch's positional order where it differs from `positional`. */
  readonly torchPositional: readonly string[] | null;
  /** A call that this table cannot express (only Python syntax: x[...]). */
  readonly custom?: (args: unknown[]) => unknown;
}

function parseParams(spec: string): { positional: string[]; rest: string | null; options: string[] } {
  const brace = spec.indexOf('{');
  const head = brace < 0 ? spec : spec.slice(0, brace);
  const options = brace < 0 ? [] : spec.slice(brace + 1, spec.indexOf('}')).split(',').map((s) => s.trim()).filter(Boolean);
  const positional: string[] = [];
  let rest: string | null = null;
  for (const p of head.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (p.startsWith('...')) rest = p.slice(3);
    else positional.push(p);
  }
  return { positional, rest, options };
}

function op(forms: string, params: string, torchParams?: string): OpMapping {
  const names = forms.split(/\s+/).filter(Boolean);
  const methods = names.filter((n) => n.startsWith('x.')).map((n) => n.slice(2));
  const fns = names.filter((n) => n.startsWith('torch.')).map((n) => n.slice(6));
  if (methods.length + fns.length !== names.length) throw new Error(`bad forms '${forms}'`);
  return { methods, fns, ...parseParams(params), torchPositional: torchParams ? parseParams(torchParams).positional : null };
}

// Shorthands for the common shapes.
const unary = (name: string): OpMapping => op(`x.${name} torch.${name}`, 'input');
const binary = (name: string, options = ''): OpMapping => op(`x.${name} torch.${name}`, `input, other${options ? `, {${options}}` : ''}`);
const reduce = (name: string): OpMapping => op(`x.${name} torch.${name}`, 'input, dim, {keepdim, dtype}');
const method = (name: string, params = 'input'): OpMapping => op(`x.${name}`, params);

export const OPS: Readonly<Record<string, OpMapping>> = {
  // ---- unary elementwise
  neg: unary('neg'),
  negative: unary('negative'),
  abs: unary('abs'),
  sign: unary('sign'),
  exp: unary('exp'),
  exp2: unary('exp2'),
  log: unary('log'),
  log2: unary('log2'),
  log10: unary('log10'),
  log1p: unary('log1p'),
  expm1: unary('expm1'),
  sqrt: unary('sqrt'),
  rsqrt: unary('rsqrt'),
  sin: unary('sin'),
  cos: unary('cos'),
  tan: unary('tan'),
  asin: unary('asin'),
  acos: unary('acos'),
  atan: unary('atan'),
  sinh: unary('sinh'),
  cosh: unary('cosh'),
  tanh: unary('tanh'),
  asinh: unary('asinh'),
  acosh: unary('acosh'),
  atanh: unary('atanh'),
  sigmoid: unary('sigmoid'),
  relu: unary('relu'),
  floor: unary('floor'),
  ceil: unary('ceil'),
  round: op('x.round torch.round', 'input, {decimals}'),
  trunc: unary('trunc'),
  frac: unary('frac'),
  reciprocal: unary('reciprocal'),
  square: unary('square'),
  erf: unary('erf'),
  erfc: unary('erfc'),
  logical_not: unary('logicalNot'),
  bitwise_not: unary('bitwiseNot'),
  isnan: unary('isnan'),
  isinf: unary('isinf'),
  isfinite: unary('isfinite'),
  nan_to_num: op('x.nanToNum torch.nanToNum', 'input, nan, posinf, neginf'),
  clamp: op('x.clamp torch.clamp', 'input, min, max'),
  clip: op('x.clip torch.clip', 'input, min, max'),

  // ---- binary elementwise (either operand may be a Python scalar where PyTorch allows it)
  add: binary('add', 'alpha'),
  sub: binary('sub', 'alpha'),
  subtract: binary('subtract', 'alpha'),
  rsub: binary('rsub', 'alpha'),
  mul: binary('mul'),
  multiply: binary('multiply'),
  div: binary('div', 'rounding_mode'),
  divide: binary('divide', 'rounding_mode'),
  true_divide: binary('trueDivide'),
  floor_divide: binary('floorDivide'),
  remainder: binary('remainder'),
  fmod: binary('fmod'),
  pow: op('x.pow torch.pow', 'input, exponent'),
  maximum: binary('maximum'),
  minimum: binary('minimum'),
  atan2: binary('atan2'),
  eq: binary('eq'),
  ne: binary('ne'),
  lt: binary('lt'),
  le: binary('le'),
  gt: binary('gt'),
  ge: binary('ge'),
  logical_and: binary('logicalAnd'),
  logical_or: binary('logicalOr'),
  logical_xor: binary('logicalXor'),
  bitwise_and: binary('bitwiseAnd'),
  bitwise_or: binary('bitwiseOr'),
  bitwise_xor: binary('bitwiseXor'),
  lerp: op('x.lerp torch.lerp', 'input, end, weight'),
  addcmul: op('x.addcmul torch.addcmul', 'input, tensor1, tensor2, {value}'),
  addcdiv: op('x.addcdiv torch.addcdiv', 'input, tensor1, tensor2, {value}'),
  isclose: binary('isclose', 'rtol, atol, equal_nan'),
  allclose: binary('allclose', 'rtol, atol, equal_nan'),
  equal: binary('equal'),
  where: op('torch.where', 'condition, input, other'),

  // ---- in place (the output is the mutated first argument)
  add_: method('add_', 'input, other, {alpha}'),
  sub_: method('sub_', 'input, other, {alpha}'),
  mul_: method('mul_', 'input, other'),
  div_: method('div_', 'input, other, {rounding_mode}'),
  pow_: method('pow_', 'input, exponent'),
  floor_divide_: method('floorDivide_', 'input, other'),
  remainder_: method('remainder_', 'input, other'),
  clamp_: method('clamp_', 'input, min, max'),
  neg_: method('neg_'),
  exp_: method('exp_'),
  sqrt_: method('sqrt_'),
  fill_: method('fill_', 'input, value'),
  zero_: method('zero_'),
  copy_: method('copy_', 'input, src'),
  masked_fill_: method('maskedFill_', 'input, mask, value'),
  scatter_: method('scatter_', 'input, dim, index, src, {reduce}'),
  scatter_add_: method('scatterAdd_', 'input, dim, index, src'),
  index_put_: method('indexPut_', 'input, indices, values, accumulate'),

  // ---- reductions
  sum: reduce('sum'),
  mean: reduce('mean'),
  prod: reduce('prod'),
  nansum: reduce('nansum'),
  nanmean: reduce('nanmean'),
  amax: reduce('amax'),
  amin: reduce('amin'),
  all: reduce('all'),
  any: reduce('any'),
  logsumexp: reduce('logsumexp'),
  max: op('x.max torch.max', 'input, dim, {keepdim}'),
  min: op('x.min torch.min', 'input, dim, {keepdim}'),
  argmax: reduce('argmax'),
  argmin: reduce('argmin'),
  var: op('x.var torch.var_', 'input, dim, {unbiased, correction, keepdim}'),
  std: op('x.std torch.std', 'input, dim, {unbiased, correction, keepdim}'),
  norm: op('x.norm torch.norm', 'input, p, dim, {keepdim, dtype}'),
  cumsum: op('x.cumsum torch.cumsum', 'input, dim, {dtype}'),
  cumprod: op('x.cumprod torch.cumprod', 'input, dim, {dtype}'),
  count_nonzero: op('x.countNonzero torch.countNonzero', 'input, dim'),

  // ---- linear algebra
  matmul: binary('matmul'),
  mm: op('x.mm torch.mm', 'input, mat2'),
  bmm: op('x.bmm torch.bmm', 'input, mat2'),
  mv: op('x.mv torch.mv', 'input, vec'),
  dot: binary('dot'),
  outer: op('x.outer torch.outer', 'input, vec2'),
  addmm: op('x.addmm torch.addmm', 'input, mat1, mat2, {beta, alpha}'),

  // ---- softmax
  softmax: op('x.softmax torch.softmax', 'input, dim, {dtype}'),
  log_softmax: op('x.logSoftmax torch.logSoftmax', 'input, dim, {dtype}'),

  // ---- views
  view: method('view', 'input, ...shape'),
  reshape: op('x.reshape torch.reshape', 'input, ...shape'),
  permute: op('x.permute torch.permute', 'input, ...dims'),
  transpose: op('x.transpose torch.transpose', 'input, dim0, dim1'),
  swapaxes: op('x.swapaxes torch.swapaxes', 'input, axis0, axis1'),
  t: unary('t'),
  expand: method('expand', 'input, ...size'),
  squeeze: op('x.squeeze torch.squeeze', 'input, dim'),
  unsqueeze: op('x.unsqueeze torch.unsqueeze', 'input, dim'),
  flatten: op('x.flatten torch.flatten', 'input, start_dim, end_dim'),
  unflatten: op('x.unflatten torch.unflatten', 'input, dim, sizes'),
  narrow: op('x.narrow torch.narrow', 'input, dim, start, length'),
  select: op('x.select torch.select', 'input, dim, index'),
  movedim: op('x.movedim torch.movedim', 'input, source, destination'),
  unfold: method('unfold', 'input, dimension, size, step'),
  contiguous: method('contiguous'),
  clone: unary('clone'),
  detach: unary('detach'),

  // ---- indexing: x[indices] and x[indices] = values
  getitem: {
    ...op('x.index', 'input, indices'),
    custom: ([x, indices]) => (x as Tensor).index(...(indices as torch.IndexEntry[])),
  },
  setitem: method('indexPut_', 'input, indices, values'),

  // ---- joining, gathering, moving
  cat: op('torch.cat', 'tensors, dim'),
  concat: op('torch.concat', 'tensors, dim'),
  stack: op('torch.stack', 'tensors, dim'),
  split: op('x.split torch.split', 'input, split_size_or_sections, dim'),
  chunk: op('x.chunk torch.chunk', 'input, chunks, dim'),
  unbind: op('x.unbind torch.unbind', 'input, dim'),
  gather: op('x.gather torch.gather', 'input, dim, index'),
  scatter: op('x.scatter torch.scatter', 'input, dim, index, src, {reduce}'),
  scatter_add: op('x.scatterAdd torch.scatterAdd', 'input, dim, index, src'),
  index_select: op('x.indexSelect torch.indexSelect', 'input, dim, index'),
  take: op('x.take torch.take', 'input, index'),
  masked_fill: op('x.maskedFill torch.maskedFill', 'input, mask, value'),
  masked_select: op('x.maskedSelect torch.maskedSelect', 'input, mask'),
  nonzero: unary('nonzero'),
  repeat: method('repeat', 'input, ...repeats'),
  tile: op('x.tile torch.tile', 'input, ...dims'),
  repeat_interleave: op('x.repeatInterleave torch.repeatInterleave', 'input, repeats, dim'),
  flip: op('x.flip torch.flip', 'input, ...dims'),
  roll: op('x.roll torch.roll', 'input, shifts, dims'),
  triu: op('x.triu torch.triu', 'input, diagonal'),
  tril: op('x.tril torch.tril', 'input, diagonal'),
  diag: op('x.diag torch.diag', 'input, diagonal'),
  'F.pad': op('x.pad torch.pad', 'input, pad, mode, value'),

  // ---- sorting
  sort: op('x.sort torch.sort', 'input, dim, descending, {dim, descending, stable}'),
  argsort: op('x.argsort torch.argsort', 'input, dim, descending, {dim, descending, stable}'),
  topk: op('x.topk torch.topk', 'input, k, dim, largest, {dim, largest, sorted}'),
  unique: op('x.unique torch.unique', 'input, {sorted, return_inverse, return_counts, dim}', 'input, sorted, return_inverse, return_counts, dim'),

  // ---- casts and reads
  to: method('to', 'input, dtype'),
  'Tensor.float': method('float'),
  'Tensor.double': method('double'),
  'Tensor.half': method('half'),
  'Tensor.bfloat16': method('bfloat16'),
  'Tensor.int': method('int'),
  'Tensor.long': method('long'),
  'Tensor.byte': method('byte'),
  'Tensor.bool': method('bool'),
  'Tensor.type': method('type', 'input, dtype'),
  'Tensor.item': op('x.item x.itemAsync', 'input'),
  'Tensor.dim': method('dim'),
  'Tensor.size': method('size', 'input, dim'),
  'Tensor.is_contiguous': method('isContiguous'),
  is_floating_point: op('x.isFloatingPoint torch.isFloatingPoint', 'input'),
  numel: op('x.numel torch.numel', 'input'),

  // ---- creation (dtype inference from the arguments, as PyTorch's)
  tensor: op('torch.tensor', 'data, {dtype}'),
  arange: op('torch.arange', 'start, end, step, {dtype}'),
  linspace: op('torch.linspace', 'start, end, steps, {dtype}'),
  logspace: op('torch.logspace', 'start, end, steps, base, {dtype}'),
  eye: op('torch.eye', 'n, m, {dtype}'),
  full: op('torch.full', 'size, fill_value, {dtype}'),
  zeros: op('torch.zeros', '...size, {dtype}'),
  ones: op('torch.ones', '...size, {dtype}'),
  zeros_like: op('torch.zerosLike', 'input, {dtype}'),
  ones_like: op('torch.onesLike', 'input, {dtype}'),
  full_like: op('torch.fullLike', 'input, fill_value, {dtype}'),
};

/** snake_case → camelCase, as CONVENTIONS.md maps PyTorch's keyword names. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Our argument list for one call, from PyTorch's positional args and keyword args (already decoded),
 * following the entry's parameter lists.
 */
export function ourArguments(m: OpMapping, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): unknown[] {
  const slots: unknown[] = [];
  const options: Record<string, unknown> = {};
  let restArgs: unknown[] = [];
  const named = new Map<string, unknown>(Object.entries(kwargs));
  if (m.torchPositional) {
    // PyTorch's positional arguments by name; they then follow our layout like keywords would.
    args.forEach((a, i) => {
      const name = m.torchPositional![i];
      if (name === undefined) throw new Error(`more positional arguments than PyTorch's signature has`);
      if (i < m.positional.length && m.positional[i] === name) slots[i] = a;
      else named.set(name, a);
    });
  } else {
    const nPos = m.rest ? m.positional.length : args.length;
    args.slice(0, nPos).forEach((a, i) => (slots[i] = a));
    if (m.rest) restArgs = args.slice(m.positional.length);
    else if (args.length > m.positional.length) {
      throw new Error(`${args.length} positional arguments, but the mapping lists ${m.positional.length}`);
    }
  }
  for (const [k, v] of named) {
    if (m.options.includes(k)) options[camel(k)] = v;
    else {
      const i = m.positional.indexOf(k);
      if (i < 0) throw new Error(`keyword '${k}' is neither a positional parameter nor an option in the mapping`);
      slots[i] = v;
    }
  }
  const out = [...slots, ...restArgs];
  for (let i = 0; i < out.length; i++) if (!(i in out)) out[i] = undefined;
  if (Object.keys(options).length > 0) out.push(options);
  return out;
}

/**
 * The async twin of each call form whose sync form needs values on the host (the result size depends
 * on them, or it returns a plain value): a backend without synchronous reads (WebGPU) runs these
 * instead, against the same expected output.
 */
export const ASYNC_FORMS: Readonly<Record<string, string>> = {
  item: 'itemAsync',
  nonzero: 'nonzeroAsync',
  maskedSelect: 'maskedSelectAsync',
  unique: 'uniqueAsync',
  repeatInterleave: 'repeatInterleaveAsync',
  equal: 'equalAsync',
  allclose: 'allcloseAsync',
  index: 'indexAsync',
  indexPut: 'indexPutAsync',
  indexPut_: 'indexPutAsync_',
};

/** The names of an entry's forms on a backend with (sync) or without (async) synchronous reads. */
function formNames(names: readonly string[], async: boolean): string[] {
  return [...new Set(async ? names.map((n) => ASYNC_FORMS[n] ?? n) : names)];
}

/**
 * The entry's own call for `x[...]`-style ops: on a backend without synchronous reads, the same call
 * through the async form of the method it uses.
 */
export function customCall(m: OpMapping, async: boolean): (args: unknown[]) => unknown {
  if (!async) return m.custom!;
  return (args) => {
    const [x, indices] = args as [torch.Tensor, torch.IndexEntry[]];
    if (m.methods.length !== 1 || m.methods[0] !== 'index') throw new Error(`no async form for the custom call of x.${m.methods.join(', x.')}`);
    return x.indexAsync(...indices);
  };
}

/**
 * Every call form the entry lists, as closures over our arguments (the first one is the tensor for
 * methods); with `async`, the async forms of those that need synchronous reads (ASYNC_FORMS).
 */
export function callForms(m: OpMapping, async = false): { form: string; call: (ours: unknown[]) => unknown }[] {
  const forms: { form: string; call: (ours: unknown[]) => unknown }[] = [];
  for (const name of formNames(m.methods, async)) {
    forms.push({
      form: `x.${name}`,
      call: (ours) => {
        const [self, ...rest] = ours;
        if (!(self instanceof torch.Tensor)) throw new SkipForm('the first argument is not a tensor');
        const f = (self as unknown as Record<string, unknown>)[name];
        if (typeof f !== 'function') throw new Error(`Tensor has no method ${name}`);
        return (f as (...a: unknown[]) => unknown).apply(self, rest);
      },
    });
  }
  for (const name of formNames(m.fns, async)) {
    forms.push({
      form: `torch.${name}`,
      call: (ours) => {
        const f = (torch as unknown as Record<string, unknown>)[name];
        if (typeof f !== 'function') throw new SkipForm(`torch.${name} is not exported (see the API surface test)`);
        return (f as (...a: unknown[]) => unknown)(...ours);
      },
    });
  }
  return forms;
}

/** A form that does not apply to this case (a method when the first argument is a scalar). */
export class SkipForm extends Error {}

/** The API-surface check: does every form listed in the table exist? */
export function missingForms(m: OpMapping): string[] {
  const missing: string[] = [];
  // The async forms too: every backend's suite checks the API offers both.
  for (const name of new Set([...formNames(m.methods, false), ...formNames(m.methods, true)])) {
    if (typeof (torch.Tensor.prototype as unknown as Record<string, unknown>)[name] !== 'function') missing.push(`Tensor.prototype.${name}`);
  }
  for (const name of new Set([...formNames(m.fns, false), ...formNames(m.fns, true)])) if (typeof (torch as unknown as Record<string, unknown>)[name] !== 'function') missing.push(`torch.${name}`);
  return missing;
}
