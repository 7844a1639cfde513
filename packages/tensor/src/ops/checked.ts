/**
 * Tensor arguments are checked where the user hands them over: every torch.* function and Tensor
 * method that takes tensors refuses anything else in PyTorch's words (`mm(): argument 'mat2'
 * (position 2) must be Tensor, not list`), instead of failing deep inside with `b._live is not a
 * function`. PyTorch accepts no nested lists where it takes a tensor, and neither does @x.
 *
 * A boolean gets a hint: in JavaScript `preds == label` compares the two tensor objects and gives a
 * boolean, so the seed's `torch.sum(preds == label)` must be written `torch.sum(preds.eq(label))`.
 *
 * One table (PyTorch's parameter names, in order) drives both the torch.* functions exported from
 * here and the methods of Tensor.prototype, wrapped once when this module loads.
 */
import { Tensor } from '../tensor';
import * as functions from './functions';
import * as asy from './async';
import * as conv from './conv';
import * as create from './create';
import * as idx from './indexing';
import * as join from './join';
import * as pool from './pool';
import * as random from './random';
import * as sorting from './sort';
import { pythonTypeOf } from './legacy';

/**
 * How a parameter is checked:
 * - `T` a tensor;
 * - `S` a tensor or a scalar (number, boolean), as PyTorch's `Number other` overloads;
 * - `P` a tensor or a number: the first operand of the arithmetic functions, which @x lets be a number;
 * - `O` optional: a tensor, a number, null/undefined, or an options object (bias, max's dim-or-other);
 * - `L` a list of tensors;
 * - `_` not a tensor parameter (a dim, a size): not checked here.
 */
type Kind = 'T' | 'S' | 'P' | 'O' | 'L' | '_';
type Param = readonly [name: string, kind: Kind];

/** 'T:input S:other' → the parameters. */
function sig(spec: string): Param[] {
  return spec.split(' ').map((p) => {
    const [kind, name] = p.split(':') as [Kind, string];
    return [name, kind] as const;
  });
}

const UNARY = sig('T:input');
const BINARY = sig('P:input S:other');
const COMPARE = sig('T:input S:other');
const TWO_TENSORS = sig('T:input T:other');
const LIST = sig('L:tensors');

/** The torch.* functions that take tensors: PyTorch's parameters, and its name when it is not ours in snake_case. */
const FUNCTIONS: Record<string, readonly Param[] | [readonly Param[], string]> = Object.create(null) as Record<string, never>;
function define(names: string, params: readonly Param[]): void {
  for (const n of names.split(' ')) FUNCTIONS[n] = params;
}
define(
  'neg negative abs sign exp exp2 log log2 log10 log1p expm1 sqrt rsqrt sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh ' +
    'sigmoid relu floor ceil round trunc frac reciprocal square erf erfc logicalNot bitwiseNot isnan isinf isfinite nanToNum',
  UNARY,
);
define('clamp clip', sig('T:input O:min O:max'));
define('add sub subtract mul multiply div divide trueDivide floorDivide remainder', BINARY);
define('pow', sig('P:input S:exponent'));
define('rsub fmod eq ne lt le gt ge logicalAnd logicalOr logicalXor bitwiseAnd bitwiseOr bitwiseXor', COMPARE);
define('maximum minimum atan2 equal allclose isclose', TWO_TENSORS);
define('where', sig('T:condition S:input S:other'));
define('lerp', sig('T:input T:end S:weight'));
define('addcmul addcdiv', sig('T:input T:tensor1 T:tensor2'));
define('maskedFill', sig('T:input T:mask S:value'));
define(
  'sum nansum mean nanmean prod amax amin argmax argmin all any variance var_ std norm logsumexp cumsum cumprod countNonzero ' +
    'softmax logSoftmax reshape permute transpose swapaxes t squeeze unsqueeze flatten unflatten narrow select movedim clone detach numel',
  UNARY,
);
define('max min', sig('T:input O:other'));
define('matmul', TWO_TENSORS);
define('mm bmm', sig('T:input T:mat2'));
define('mv', sig('T:input T:vec'));
define('dot', sig('T:input T:tensor'));
define('outer', sig('T:input T:vec2'));
define('addmm', sig('T:input T:mat1 T:mat2'));
define('cat concat concatenate stack hstack vstack dstack', LIST);
define('split chunk unbind flip roll pad triu tril diag diagonal tile sort argsort msort topk unique nonzero argwhere indexPut', UNARY);
define('gather indexSelect', sig('T:input _:dim T:index'));
define('scatter', sig('T:input _:dim T:index S:src'));
define('scatterAdd', sig('T:input _:dim T:index T:src'));
define('take', sig('T:input T:index'));
define('maskedSelect', sig('T:input T:mask'));
define('repeatInterleave', sig('T:input O:repeats'));
define('conv1d conv2d convTranspose1d convTranspose2d', sig('T:input T:weight O:bias'));
define('maxPool1d maxPool2d avgPool1d avgPool2d adaptiveAvgPool1d adaptiveAvgPool2d adaptiveMaxPool2d', UNARY);
define('maxUnpool2d', sig('T:input T:indices'));
define('zerosLike onesLike emptyLike fullLike randLike randnLike randintLike', UNARY);
define('nonzeroAsync argwhereAsync uniqueAsync repeatInterleaveAsync', UNARY);
define('maskedSelectAsync', sig('T:input T:mask'));
define('equalAsync allcloseAsync', TWO_TENSORS);
FUNCTIONS.variance = [UNARY, 'var'];
FUNCTIONS.var_ = [UNARY, 'var'];

/** A function's parameters and PyTorch name. */
function entryOf(name: string): [readonly Param[], string] | undefined {
  const e = FUNCTIONS[name];
  if (e === undefined) return undefined;
  return typeof e[1] === 'string' ? (e as [readonly Param[], string]) : [e as readonly Param[], snake(name)];
}

const snake = (s: string): string => s.replace(/Async$/, '').replace(/_$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const BOOL_HINT =
  ' (in JavaScript, a comparison such as `preds == label` compares the two objects and gives a boolean, not a tensor: ' +
  'compare tensors elementwise with preds.eq(label))';

function typeText(v: unknown): string {
  return v === undefined ? 'undefined' : pythonTypeOf(v);
}

function isOptions(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof Tensor) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function accepts(kind: Kind, v: unknown): boolean {
  if (v instanceof Tensor) return true;
  switch (kind) {
    case 'S':
      return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';
    case 'P':
      return typeof v === 'number' || typeof v === 'bigint';
    case 'O':
      return v === null || v === undefined || typeof v === 'number' || isOptions(v);
    default:
      return false;
  }
}

/** PyTorch's TypeError for an argument that is not a Tensor (with the boolean hint). */
export function notATensor(fn: string, arg: string, position: number, v: unknown): TypeError {
  return new TypeError(`${fn}(): argument '${arg}' (position ${position}) must be Tensor, not ${typeText(v)}${typeof v === 'boolean' ? BOOL_HINT : ''}`);
}

/** Throws PyTorch's TypeError when `args` (from position `first`, 1-based) do not fit `params`. */
function check(fn: string, params: readonly Param[], args: ArrayLike<unknown>, first: number): void {
  for (let i = 0; i < params.length; i++) {
    const [name, kind] = params[i]!;
    if (kind === '_') continue;
    const v = args[i];
    if (kind === 'L') {
      if (!Array.isArray(v)) {
        if (v instanceof Tensor || (v !== null && typeof v === 'object' && Symbol.iterator in v)) continue; // a tensor or an iterable: the op says what it takes
        throw new TypeError(`${fn}(): argument '${name}' (position ${i + first}) must be tuple of Tensors, not ${typeText(v)}${typeof v === 'boolean' ? BOOL_HINT : ''}`);
      }
      for (let j = 0; j < v.length; j++) {
        const e = v[j] as unknown;
        if (!(e instanceof Tensor)) {
          throw new TypeError(`expected Tensor as element ${j} in argument ${i + first - 1}, but got ${typeText(e)}${typeof e === 'boolean' ? BOOL_HINT : ''}`);
        }
      }
      continue;
    }
    if (!accepts(kind, v)) throw notATensor(fn, name, i + first, v);
  }
}

const wrappers = new WeakMap<object, unknown>();

/** `f` with its tensor arguments checked as torch.<name> checks them (an alias, as torch.concat of cat, stays the same function). */
function checked<F extends (...args: never[]) => unknown>(name: string, f: F): F {
  const known = wrappers.get(f);
  if (known !== undefined) return known as F;
  const [params, py] = entryOf(name)!;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    check(py, params, args, 1);
    return (f as unknown as (...a: unknown[]) => unknown).apply(this, args);
  };
  Object.defineProperty(wrapped, 'name', { value: f.name || name });
  wrappers.set(f, wrapped);
  return wrapped as unknown as F;
}

// ---- the methods: the same table without `self`, in-place forms included (x.add_(y) checks y as x.add(y)).
const METHOD_ONLY: Record<string, readonly Param[]> = {
  where: sig('T:condition S:other'),
  copy_: sig('S:src'),
  expandAs: sig('T:other'),
  viewAs: sig('T:other'),
  reshapeAs: sig('T:other'),
};
for (const name of Object.getOwnPropertyNames(Tensor.prototype)) {
  const d = Object.getOwnPropertyDescriptor(Tensor.prototype, name)!;
  if (typeof d.value !== 'function' || name === 'constructor') continue;
  const base = name.endsWith('_') && name !== 'copy_' ? name.slice(0, -1) : name;
  const params = Object.hasOwn(METHOD_ONLY, name) ? METHOD_ONLY[name] : entryOf(base)?.[0].slice(1);
  if (params === undefined || !params.some(([, k]) => k !== '_')) continue;
  const impl = d.value as (...a: unknown[]) => unknown;
  const py = snake(name === 'copy_' ? 'copy_' : base) + (name.endsWith('_') ? '_' : '');
  Object.defineProperty(Tensor.prototype, name, {
    ...d,
    value: {
      [name](this: Tensor, ...args: unknown[]): unknown {
        check(py, params, args, 1);
        return impl.apply(this, args);
      },
    }[name],
  });
}

// ---- the torch.* functions, checked (every other export of functions.ts passes through as it is)
export * from './functions';
export const neg = checked('neg', functions.neg);
export const negative = checked('negative', functions.negative);
export const abs = checked('abs', functions.abs);
export const sign = checked('sign', functions.sign);
export const exp = checked('exp', functions.exp);
export const exp2 = checked('exp2', functions.exp2);
export const log = checked('log', functions.log);
export const log2 = checked('log2', functions.log2);
export const log10 = checked('log10', functions.log10);
export const log1p = checked('log1p', functions.log1p);
export const expm1 = checked('expm1', functions.expm1);
export const sqrt = checked('sqrt', functions.sqrt);
export const rsqrt = checked('rsqrt', functions.rsqrt);
export const sin = checked('sin', functions.sin);
export const cos = checked('cos', functions.cos);
export const tan = checked('tan', functions.tan);
export const asin = checked('asin', functions.asin);
export const acos = checked('acos', functions.acos);
export const atan = checked('atan', functions.atan);
export const sinh = checked('sinh', functions.sinh);
export const cosh = checked('cosh', functions.cosh);
export const tanh = checked('tanh', functions.tanh);
export const asinh = checked('asinh', functions.asinh);
export const acosh = checked('acosh', functions.acosh);
export const atanh = checked('atanh', functions.atanh);
export const sigmoid = checked('sigmoid', functions.sigmoid);
export const relu = checked('relu', functions.relu);
export const floor = checked('floor', functions.floor);
export const ceil = checked('ceil', functions.ceil);
export const round = checked('round', functions.round);
export const trunc = checked('trunc', functions.trunc);
export const frac = checked('frac', functions.frac);
export const reciprocal = checked('reciprocal', functions.reciprocal);
export const square = checked('square', functions.square);
export const erf = checked('erf', functions.erf);
export const erfc = checked('erfc', functions.erfc);
export const logicalNot = checked('logicalNot', functions.logicalNot);
export const bitwiseNot = checked('bitwiseNot', functions.bitwiseNot);
export const isnan = checked('isnan', functions.isnan);
export const isinf = checked('isinf', functions.isinf);
export const isfinite = checked('isfinite', functions.isfinite);
export const clamp = checked('clamp', functions.clamp);
export const clip = checked('clip', functions.clip);
export const nanToNum = checked('nanToNum', functions.nanToNum);
export const add = checked('add', functions.add);
export const sub = checked('sub', functions.sub);
export const subtract = checked('subtract', functions.subtract);
export const rsub = checked('rsub', functions.rsub);
export const mul = checked('mul', functions.mul);
export const multiply = checked('multiply', functions.multiply);
export const div = checked('div', functions.div);
export const divide = checked('divide', functions.divide);
export const trueDivide = checked('trueDivide', functions.trueDivide);
export const floorDivide = checked('floorDivide', functions.floorDivide);
export const pow = checked('pow', functions.pow);
export const maximum = checked('maximum', functions.maximum);
export const minimum = checked('minimum', functions.minimum);
export const fmod = checked('fmod', functions.fmod);
export const remainder = checked('remainder', functions.remainder);
export const atan2 = checked('atan2', functions.atan2);
export const eq = checked('eq', functions.eq);
export const ne = checked('ne', functions.ne);
export const lt = checked('lt', functions.lt);
export const le = checked('le', functions.le);
export const gt = checked('gt', functions.gt);
export const ge = checked('ge', functions.ge);
export const logicalAnd = checked('logicalAnd', functions.logicalAnd);
export const logicalOr = checked('logicalOr', functions.logicalOr);
export const logicalXor = checked('logicalXor', functions.logicalXor);
export const bitwiseAnd = checked('bitwiseAnd', functions.bitwiseAnd);
export const bitwiseOr = checked('bitwiseOr', functions.bitwiseOr);
export const bitwiseXor = checked('bitwiseXor', functions.bitwiseXor);
export const where = checked('where', functions.where);
export const equal = checked('equal', functions.equal);
export const allclose = checked('allclose', functions.allclose);
export const isclose = checked('isclose', functions.isclose);
export const lerp = checked('lerp', functions.lerp);
export const addcmul = checked('addcmul', functions.addcmul);
export const addcdiv = checked('addcdiv', functions.addcdiv);
export const maskedFill = checked('maskedFill', functions.maskedFill);
export const sum = checked('sum', functions.sum);
export const nansum = checked('nansum', functions.nansum);
export const mean = checked('mean', functions.mean);
export const nanmean = checked('nanmean', functions.nanmean);
export const prod = checked('prod', functions.prod);
export const max = checked('max', functions.max);
export const min = checked('min', functions.min);
export const amax = checked('amax', functions.amax);
export const amin = checked('amin', functions.amin);
export const argmax = checked('argmax', functions.argmax);
export const argmin = checked('argmin', functions.argmin);
export const all = checked('all', functions.all);
export const any = checked('any', functions.any);
export const variance = checked('variance', functions.variance);
export const var_ = checked('var_', functions.var_);
export const std = checked('std', functions.std);
export const norm = checked('norm', functions.norm);
export const logsumexp = checked('logsumexp', functions.logsumexp);
export const cumsum = checked('cumsum', functions.cumsum);
export const cumprod = checked('cumprod', functions.cumprod);
export const countNonzero = checked('countNonzero', functions.countNonzero);
export const matmul = checked('matmul', functions.matmul);
export const mm = checked('mm', functions.mm);
export const bmm = checked('bmm', functions.bmm);
export const mv = checked('mv', functions.mv);
export const dot = checked('dot', functions.dot);
export const outer = checked('outer', functions.outer);
export const addmm = checked('addmm', functions.addmm);
export const softmax = checked('softmax', functions.softmax);
export const logSoftmax = checked('logSoftmax', functions.logSoftmax);
export const reshape = checked('reshape', functions.reshape);
export const permute = checked('permute', functions.permute);
export const transpose = checked('transpose', functions.transpose);
export const swapaxes = checked('swapaxes', functions.swapaxes);
export const t = checked('t', functions.t);
export const squeeze = checked('squeeze', functions.squeeze);
export const unsqueeze = checked('unsqueeze', functions.unsqueeze);
export const flatten = checked('flatten', functions.flatten);
export const unflatten = checked('unflatten', functions.unflatten);
export const narrow = checked('narrow', functions.narrow);
export const select = checked('select', functions.select);
export const movedim = checked('movedim', functions.movedim);
export const clone = checked('clone', functions.clone);
export const detach = checked('detach', functions.detach);
export const numel = checked('numel', functions.numel);

// joining, indexing, sorting, convolution, pooling, *Like, async forms
export const cat = checked('cat', join.cat);
export const concat = checked('concat', join.concat);
export const concatenate = checked('concatenate', join.concatenate);
export const stack = checked('stack', join.stack);
export const hstack = checked('hstack', join.hstack);
export const vstack = checked('vstack', join.vstack);
export const dstack = checked('dstack', join.dstack);
export const split = checked('split', join.split);
export const chunk = checked('chunk', join.chunk);
export const unbind = checked('unbind', join.unbind);
export const gather = checked('gather', join.gather);
export const scatter = checked('scatter', join.scatter);
export const scatterAdd = checked('scatterAdd', join.scatterAdd);
export const indexSelect = checked('indexSelect', join.indexSelect);
export const take = checked('take', join.take);
export const repeatInterleave = checked('repeatInterleave', join.repeatInterleave);
export const repeatInterleaveAsync = checked('repeatInterleaveAsync', join.repeatInterleaveAsync);
export const flip = checked('flip', join.flip);
export const roll = checked('roll', join.roll);
export const pad = checked('pad', join.pad);
export const triu = checked('triu', join.triu);
export const tril = checked('tril', join.tril);
export const diag = checked('diag', join.diag);
export const diagonal = checked('diagonal', join.diagonal);
export const tile = checked('tile', join.tile);
export const sort = checked('sort', sorting.sort);
export const argsort = checked('argsort', sorting.argsort);
export const msort = checked('msort', sorting.msort);
export const topk = checked('topk', sorting.topk);
export const unique = checked('unique', sorting.unique);
export const uniqueAsync = checked('uniqueAsync', sorting.uniqueAsync);
export const maskedSelect = checked('maskedSelect', idx.maskedSelect);
export const nonzero = checked('nonzero', idx.nonzero);
export const argwhere = checked('argwhere', idx.argwhere);
export const indexPut = checked('indexPut', idx.indexPut);
export const nonzeroAsync = checked('nonzeroAsync', asy.nonzeroAsync);
export const argwhereAsync = checked('argwhereAsync', asy.argwhereAsync);
export const maskedSelectAsync = checked('maskedSelectAsync', asy.maskedSelectAsync);
export const equalAsync = checked('equalAsync', asy.equalAsync);
export const allcloseAsync = checked('allcloseAsync', asy.allcloseAsync);
export const conv1d = checked('conv1d', conv.conv1d);
export const conv2d = checked('conv2d', conv.conv2d);
export const convTranspose1d = checked('convTranspose1d', conv.convTranspose1d);
export const convTranspose2d = checked('convTranspose2d', conv.convTranspose2d);
export const maxPool1d = checked('maxPool1d', pool.maxPool1d);
export const maxPool2d = checked('maxPool2d', pool.maxPool2d);
export const avgPool1d = checked('avgPool1d', pool.avgPool1d);
export const avgPool2d = checked('avgPool2d', pool.avgPool2d);
export const adaptiveAvgPool1d = checked('adaptiveAvgPool1d', pool.adaptiveAvgPool1d);
export const adaptiveAvgPool2d = checked('adaptiveAvgPool2d', pool.adaptiveAvgPool2d);
export const adaptiveMaxPool2d = checked('adaptiveMaxPool2d', pool.adaptiveMaxPool2d);
export const maxUnpool2d = checked('maxUnpool2d', pool.maxUnpool2d);
export const zerosLike = checked('zerosLike', create.zerosLike);
export const onesLike = checked('onesLike', create.onesLike);
export const emptyLike = checked('emptyLike', create.emptyLike);
export const fullLike = checked('fullLike', create.fullLike);
export const randLike = checked('randLike', random.randLike);
export const randnLike = checked('randnLike', random.randnLike);
export const randintLike = checked('randintLike', random.randintLike);
