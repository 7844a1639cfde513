/**
 * Tensor printing, character for character as PyTorch 1.13's `torch/_tensor_str.py` prints it.
 *
 * Pure functions over a flat row-major array of values: the caller (Tensor#toString) reads the
 * data, this module only turns it into text.
 */

import { bound, type Args, type BoundFunction } from './signature';
import type { DType } from './dtype';

/** Printing options, as `torch.set_printoptions` holds them (`sci_mode` → `sciMode`). */
export interface PrintOptions {
  /** Digits after the point (default 4). */
  precision: number;
  /** Element count above which a tensor is summarised with `...` (default 1000; `Infinity` never). */
  threshold: number;
  /** Items shown at each end of a summarised dimension (default 3). */
  edgeitems: number;
  /** Characters per line used to wrap rows (default 80). */
  linewidth: number;
  /** `true`/`false` force scientific notation on/off; `null` lets the formatter choose (default). */
  sciMode: boolean | null;
}

/** Arguments of {@link setPrintOptions}; omitted fields keep their value, except `sciMode`. */
export interface SetPrintOptionsArgs extends Partial<PrintOptions> {
  /** Preset applied before the other fields, as in PyTorch: `'default'`, `'short'` or `'full'`. */
  profile?: 'default' | 'short' | 'full';
}

/** Options of one {@link formatTensorData} call. */
export interface FormatTensorOptions extends Partial<PrintOptions> {
  /**
   * Extra suffixes after the formatter's own `size=`/`dtype=` ones, in order, e.g.
   * `['requires_grad=True']` or `['grad_fn=<AddBackward0>']`.
   */
  suffixes?: readonly string[];
  /** The tensor's device; anything but `'cpu'` prints `device='…'` first among the suffixes. */
  device?: string;
}

const DEFAULT_PRINT_OPTIONS: Readonly<PrintOptions> = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
};

let printOptions: PrintOptions = { ...DEFAULT_PRINT_OPTIONS };

/**
 * Sets the module-wide printing options, like `torch.set_printoptions`.
 *
 * As in PyTorch, `sciMode` is reset to `null` (automatic) unless it is passed.
 *
 * @example
 * setPrintOptions({ precision: 2 });
 * formatTensorData([1.12345], [1], 'float32'); // 'tensor([1.12])'
 * setPrintOptions({ profile: 'default' });
 */
export const setPrintOptions: BoundFunction<
  Args<[precision: number | null, threshold: number | null, edgeitems: number | null, linewidth: number | null, profile: 'default' | 'short' | 'full' | null, sciMode: boolean | null], SetPrintOptionsArgs>,
  void
> = bound(
  'setPrintOptions(int? precision=None, float? threshold=None, int? edgeitems=None, int? linewidth=None, str? profile=None, bool? sciMode=None)',
  (precision?: number | null, threshold?: number | null, edgeitems?: number | null, linewidth?: number | null, profile?: SetPrintOptionsArgs['profile'] | null, sciMode?: boolean | null): void => {
    const args: SetPrintOptionsArgs = {};
    if (precision != null) args.precision = precision;
    if (threshold != null) args.threshold = threshold;
    if (edgeitems != null) args.edgeitems = edgeitems;
    if (linewidth != null) args.linewidth = linewidth;
    if (profile != null) args.profile = profile;
    if (sciMode !== undefined) args.sciMode = sciMode;
    applyPrintOptions(args);
  },
);

function applyPrintOptions(args: SetPrintOptionsArgs): void {
  const next = { ...printOptions };
  if (args.profile !== undefined) {
    // torch.set_printoptions: a profile sets the four numeric options but not sci_mode.
    const presets = {
      default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
      short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
      full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
    } as const;
    const preset = presets[args.profile];
    if (preset === undefined) {
      throw new Error(`setPrintOptions: profile must be 'default', 'short' or 'full', got '${String(args.profile)}'`);
    }
    Object.assign(next, preset);
  }
  for (const key of ['precision', 'threshold', 'edgeitems', 'linewidth'] as const) {
    const value = args[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new Error(`setPrintOptions: ${key} must be a non-negative number, got ${String(value)}`);
    }
    if (key !== 'threshold' && !Number.isInteger(value)) {
      throw new Error(`setPrintOptions: ${key} must be an integer, got ${value}`);
    }
    next[key] = value;
  }
  next.sciMode = args.sciMode ?? null;
  printOptions = next;
}

/**
 * The current printing options (a copy).
 *
 * @example
 * getPrintOptions().precision; // 4
 */
export function getPrintOptions(): PrintOptions {
  return { ...printOptions };
}

/**
 * `torch.Size` text of a shape.
 *
 * @example
 * formatSize([4, 3]); // 'torch.Size([4, 3])'
 */
export function formatSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/**
 * The text `str(t)` gives in PyTorch 1.13 for a tensor with these values, shape and dtype.
 *
 * `values` are the tensor's elements in row-major order: int64 as numbers (or bigints), bool
 * as 0/1, float16/bfloat16 already widened to numbers.
 *
 * @example
 * formatTensorData([1, 2.5, 3], [3], 'float64');
 * // 'tensor([1.0000, 2.5000, 3.0000], dtype=torch.float64)'
 * formatTensorData([1, 1, 1, 1], [2, 2], 'float32', { suffixes: ['requires_grad=True'] });
 * // 'tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)'
 */
export function formatTensorData(
  values: ArrayLike<number | bigint | boolean>,
  shape: readonly number[],
  dtype: DType,
  options: FormatTensorOptions = {},
): string {
  const opts = resolveOptions(options);
  const numel = shape.reduce((a, b) => a * b, 1);
  if (values.length !== numel) {
    throw new Error(
      `formatTensorData: shape [${shape.join(', ')}] has ${numel} elements but ${values.length} values were given`,
    );
  }
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  if (options.device !== undefined && options.device !== 'cpu') suffixes.push(`device='${options.device}'`);
  let body: string;
  if (numel === 0) {
    // _str_intern: the shape is printed unless it is (0,), and the dtype unless it is the
    // default float dtype, since no element shows whether the tensor is integral.
    if (shape.length !== 1) suffixes.push(`size=${pythonTuple(shape)}`);
    if (dtype !== 'float32') suffixes.push(`dtype=torch.${dtype}`);
    body = '[]';
  } else {
    if (!DTYPES_WITHOUT_SUFFIX.has(dtype)) suffixes.push(`dtype=torch.${dtype}`);
    body = tensorStr(values, shape, dtype, indent, opts);
  }
  if (options.suffixes) suffixes.push(...options.suffixes);
  return addSuffixes(prefix + body, suffixes, indent, opts.linewidth);
}

/** The values of one part of a sparse tensor (its indices or its values), row-major. */
export interface SparsePart {
  readonly values: ArrayLike<number | bigint | boolean>;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/**
 * The text `str(t)` gives in PyTorch 1.13 for a sparse COO tensor of `shape` made of `indices` and
 * `values` (_str_intern's sparse branch: both parts printed as nested tensors, then size, nnz, dtype,
 * layout, each suffix after the first forced onto its own line).
 *
 * @example
 * // 'tensor(indices=tensor([[0, 2]]),\n       values=tensor([1., 2.]),\n       size=(3,), nnz=2, layout=torch.sparse_coo)'
 */
export function formatSparseData(
  indices: SparsePart,
  values: SparsePart,
  shape: readonly number[],
  options: FormatTensorOptions = {},
): string {
  const opts = resolveOptions(options);
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  if (options.device !== undefined && options.device !== 'cpu') suffixes.push(`device='${options.device}'`);
  suffixes.push(`size=${pythonTuple(shape)}`, `nnz=${indices.shape[1] ?? 0}`);
  if (!DTYPES_WITHOUT_SUFFIX.has(values.dtype)) suffixes.push(`dtype=torch.${values.dtype}`);
  const part = (label: string, p: SparsePart): string => {
    const head = `${label}=tensor(`;
    if (p.values.length === 0) return `${head}[], size=${pythonTuple(p.shape)})`;
    return `${head}${tensorStr(p.values, p.shape, p.dtype, indent + head.length, opts)})`;
  };
  const body = `${part('indices', indices)},\n${' '.repeat(indent)}${part('values', values)}`;
  suffixes.push('layout=torch.sparse_coo');
  if (options.suffixes) suffixes.push(...options.suffixes);
  return addSuffixes(prefix + body, suffixes, indent, opts.linewidth, true);
}

/** `has_default_dtype` in _str_intern: the default float dtype, int64 and bool print no dtype. */
const DTYPES_WITHOUT_SUFFIX: ReadonlySet<DType> = new Set<DType>(['float32', 'int64', 'bool']);

const FLOATING: ReadonlySet<DType> = new Set<DType>(['float32', 'float64', 'float16', 'bfloat16']);

function resolveOptions(options: FormatTensorOptions): PrintOptions {
  const opts = { ...printOptions };
  if (options.precision !== undefined) opts.precision = options.precision;
  if (options.threshold !== undefined) opts.threshold = options.threshold;
  if (options.edgeitems !== undefined) opts.edgeitems = options.edgeitems;
  if (options.linewidth !== undefined) opts.linewidth = options.linewidth;
  if (options.sciMode !== undefined) opts.sciMode = options.sciMode;
  return opts;
}

/** Python's `str(tuple(shape))`: `(2, 0)`, `(3,)`, `()`. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** _add_suffixes: a suffix that would pass the line width starts a new line under `tensor(`. */
function addSuffixes(tensorText: string, suffixes: readonly string[], indent: number, linewidth: number, forceNewline = false): string {
  const parts = [tensorText];
  // Mirrors PyTorch's arithmetic exactly (it counts 2 more than the last line's length).
  let lastLineLen = tensorText.length - tensorText.lastIndexOf('\n') + 1;
  let newline = forceNewline;
  for (const suffix of suffixes) {
    if (newline || lastLineLen + suffix.length + 2 > linewidth) {
      parts.push(`,\n${' '.repeat(indent)}${suffix}`);
      lastLineLen = indent + suffix.length;
      newline = false;
    } else {
      parts.push(`, ${suffix}`);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** A read-only n-d view of the flat values. */
interface View {
  readonly values: ArrayLike<number | bigint | boolean>;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d]!;
  }
  return strides;
}

/** _tensor_str for a non-empty tensor. */
function tensorStr(
  values: ArrayLike<number | bigint | boolean>,
  shape: readonly number[],
  dtype: DType,
  indent: number,
  opts: PrintOptions,
): string {
  const view: View = { values, shape, strides: rowMajorStrides(shape) };
  const numel = values.length;
  const summarize = numel > opts.threshold;
  // The formatter sees only the items that will be shown (get_summarized_data).
  const shown: (number | bigint | boolean)[] = [];
  collectShown(view, 0, 0, summarize, opts.edgeitems, shown);
  const formatter = new Formatter(shown, dtype, opts);
  return tensorStrWithFormatter(view, 0, 0, indent, summarize, formatter, opts);
}

/**
 * Indices shown along a dimension of `size`. Follows Python's slices `[:e]` and `[-e:]` for 1-D
 * (where `[-0:]` is everything) and `range(size - e, size)` for higher dims.
 */
function shownIndices(size: number, summarize: boolean, edgeitems: number, innermost: boolean): {
  head: number[];
  tail: number[];
  elided: boolean;
} {
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  if (!summarize || size <= 2 * edgeitems) return { head: range(0, size), tail: [], elided: false };
  const tailStart = innermost && edgeitems === 0 ? 0 : size - edgeitems;
  return { head: range(0, edgeitems), tail: range(tailStart, size), elided: true };
}

function collectShown(
  view: View,
  dim: number,
  offset: number,
  summarize: boolean,
  edgeitems: number,
  out: (number | bigint | boolean)[],
): void {
  if (dim === view.shape.length) {
    out.push(view.values[offset]!);
    return;
  }
  const innermost = dim === view.shape.length - 1;
  const { head, tail } = shownIndices(view.shape[dim]!, summarize, edgeitems, innermost);
  for (const i of [...head, ...tail]) {
    collectShown(view, dim + 1, offset + i * view.strides[dim]!, summarize, edgeitems, out);
  }
}

/** _tensor_str_with_formatter. */
function tensorStrWithFormatter(
  view: View,
  dim: number,
  offset: number,
  indent: number,
  summarize: boolean,
  formatter: Formatter,
  opts: PrintOptions,
): string {
  const remaining = view.shape.length - dim;
  if (remaining === 0) return formatter.format(view.values[offset]!);
  const size = view.shape[dim]!;
  const stride = view.strides[dim]!;
  const { head, tail, elided } = shownIndices(size, summarize, opts.edgeitems, remaining === 1);
  if (remaining === 1) return vectorStr(view, offset, stride, head, tail, elided, indent, formatter, opts);
  const sub = (i: number) =>
    tensorStrWithFormatter(view, dim + 1, offset + i * stride, indent + 1, summarize, formatter, opts);
  const slices = [...head.map(sub), ...(elided ? ['...'] : []), ...tail.map(sub)];
  return `[${slices.join(',' + '\n'.repeat(remaining - 1) + ' '.repeat(indent + 1))}]`;
}

/** _vector_str. */
function vectorStr(
  view: View,
  offset: number,
  stride: number,
  head: readonly number[],
  tail: readonly number[],
  elided: boolean,
  indent: number,
  formatter: Formatter,
  opts: PrintOptions,
): string {
  // The length includes the comma and space between elements.
  const elementLength = formatter.width() + 2;
  const elementsPerLine = Math.max(1, Math.floor((opts.linewidth - indent) / elementLength));
  const fmt = (i: number) => formatter.format(view.values[offset + i * stride]!);
  const data = [...head.map(fmt), ...(elided ? [' ...'] : []), ...tail.map(fmt)];
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += elementsPerLine) lines.push(data.slice(i, i + elementsPerLine).join(', '));
  return `[${lines.join(',\n' + ' '.repeat(indent + 1))}]`;
}

/** _Formatter: decides int/sci mode and the common width from the shown values. */
class Formatter {
  private readonly floating: boolean;
  private readonly precision: number;
  private readonly dtype: DType;
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  constructor(values: readonly (number | bigint | boolean)[], dtype: DType, opts: PrintOptions) {
    this.dtype = dtype;
    this.floating = FLOATING.has(dtype);
    this.precision = opts.precision;
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, formatIntegral(v, dtype).length);
    } else {
      const finite = values.map(Number).filter((v) => Number.isFinite(v) && v !== 0);
      // No finite non-zero value: PyTorch returns early, before applying sci_mode.
      if (finite.length === 0) return;
      let min = Infinity;
      let max = 0;
      for (const v of finite) {
        const a = Math.abs(v);
        if (a < min) min = a;
        if (a > max) max = a;
      }
      this.intMode = finite.every((v) => v === Math.ceil(v));
      const p = this.precision;
      if (this.intMode) {
        // In int mode a point is appended to every finite value: count it in the width.
        if (max / min > 1000 || max > 1e8) {
          this.sciMode = true;
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatExponential(v, p).length);
        } else {
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, 0).length + 1);
        }
      } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
        this.sciMode = true;
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatExponential(v, p).length);
      } else {
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, p).length);
      }
    }
    if (opts.sciMode !== null) this.sciMode = opts.sciMode;
  }

  width(): number {
    return this.maxWidth;
  }

  format(value: number | bigint | boolean): string {
    let text: string;
    if (this.floating) {
      const v = Number(value);
      if (this.sciMode) {
        text = formatExponential(v, this.precision);
      } else if (this.intMode) {
        text = formatFixed(v, 0);
        if (Number.isFinite(v)) text += '.';
      } else {
        text = formatFixed(v, this.precision);
      }
    } else {
      text = formatIntegral(value, this.dtype);
    }
    return text.padStart(this.maxWidth, ' ');
  }
}

/** Python's `str()` of an integral or bool element. */
function formatIntegral(value: number | bigint | boolean, dtype: DType): string {
  if (dtype === 'bool') return value === 0 || value === false || value === 0n ? 'False' : 'True';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
  // Beyond 2^53 String() would print a shortest round-trip form; Python prints every digit.
  if (Number.isInteger(value)) return BigInt(value).toString();
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Python float formatting ('{:.Nf}' and '{:.Ne}'), correctly rounded half-to-even on the exact
// binary value of the double, which is what CPython does. JS toFixed/toExponential round ties
// away from zero, so they differ on exact ties such as 0.03125 → '0.0312'.

/** |x| as an exact fraction num/den of BigInts (x finite and non-zero). */
function exactFraction(x: number): { num: bigint; den: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return exponent >= 0
    ? { num: mantissa << BigInt(exponent), den: 1n }
    : { num: mantissa, den: 1n << BigInt(-exponent) };
}

function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twiceRemainder = 2n * (num - q * den);
  if (twiceRemainder > den || (twiceRemainder === den && q % 2n === 1n)) return q + 1n;
  return q;
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

function signOf(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/**
 * Python's `'{:.{digits}f}'.format(x)`.
 *
 * @example
 * formatFixed(0.03125, 4); // '0.0312'
 */
export function formatFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  let n = 0n;
  if (x !== 0) {
    const { num, den } = exactFraction(x);
    n = roundHalfEven(num * 10n ** BigInt(digits), den);
  }
  const text = n.toString().padStart(digits + 1, '0');
  const intPart = text.slice(0, text.length - digits);
  return signOf(x) + (digits > 0 ? `${intPart}.${text.slice(text.length - digits)}` : intPart);
}

/**
 * Python's `'{:.{digits}e}'.format(x)`, with an exponent of at least two digits.
 *
 * @example
 * formatExponential(51.2, 4); // '5.1200e+01'
 */
export function formatExponential(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  let n = 0n;
  let exponent = 0;
  if (x !== 0) {
    const { num, den } = exactFraction(x);
    // Find the exponent with 10^e <= |x| < 10^(e+1), starting from a floating estimate.
    exponent = Math.floor(Math.log10(Math.abs(x)));
    const atLeastPow10 = (e: number) => (e >= 0 ? num >= den * 10n ** BigInt(e) : num * 10n ** BigInt(-e) >= den);
    while (!atLeastPow10(exponent)) exponent--;
    while (atLeastPow10(exponent + 1)) exponent++;
    const shift = digits - exponent;
    n = shift >= 0 ? roundHalfEven(num * 10n ** BigInt(shift), den) : roundHalfEven(num, den * 10n ** BigInt(-shift));
    if (n === 10n ** BigInt(digits + 1)) {
      n = 10n ** BigInt(digits);
      exponent++;
    }
  }
  const text = n.toString().padStart(digits + 1, '0');
  const mantissa = digits > 0 ? `${text[0]}.${text.slice(1)}` : text;
  const expText = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return `${signOf(x)}${mantissa}e${expText}`;
}
