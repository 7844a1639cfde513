/**
 * Python's argument binding, the one every public function of @x goes through (docs/conventions.md,
 * "keyword arguments"). A function is described once by its PyTorch signature, with camelCase names:
 *
 *   signature('sum(Tensor input, int|int[]? dim=None, bool keepdim=False, *, dtype? dtype=None)')
 *
 * Parameters before `*` may come positionally or in one trailing options object; those after it
 * only in the options object. `T... name` takes the remaining positional arguments, or one array
 * (`torch.zeros(2, 3)` and `torch.zeros([2, 3])`), as PyTorch's single IntArrayRef parameter does.
 * A parameter without a default is required; `?` (or a default of None) lets it be null, Python's
 * None (`undefined`, as in JavaScript, means "not given"). Types: Tensor, int, float, bool, Number
 * (a scalar), str, dtype, device, Generator, callable, dict, iterable, any, object (any, and a plain
 * `{ … }` in its slot is that argument), 'literal' strings, `T[]` (an array of T, "tuple of Ts"),
 * unions `A|B`, and the types upper packages define with defineType ('Module', …).
 *
 * Mistakes raise Python's TypeErrors, worded as torch/csrc/utils/python_arg_parser.cpp words them:
 * `cat(): argument 'dim' (position 2) must be int, not str`, `sum() got an unexpected keyword
 * argument 'keep_dim' (did you mean 'keepdim'?)`, `Linear() missing 1 required positional argument:
 * 'outFeatures'`. snake_case keys are refused, with the camelCase spelling suggested: one spelling
 * per keyword.
 *
 * Signatures are compiled once, at module load. `bound` functions take a fast path when the
 * arguments are all positional and of the common types: a type test per argument, then the
 * arguments go to the implementation as they came, padded with the defaults (no values array, no
 * options object, no closure).
 */
import { DTYPES } from './dtype';
import { Generator } from './random/generator';

/**
 * Marks Tensor.prototype (set by tensor.ts): `isTensor` is one property load, where `instanceof`
 * against a class this module cannot import (tensor.ts imports it) would take the generic path.
 * This module imports nothing that imports it back, so any op file can compile its signatures at
 * load, whichever module loads first.
 */
export const TENSOR_BRAND: unique symbol = Symbol('x.Tensor');

function isTensor(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { [TENSOR_BRAND]?: boolean })[TENSOR_BRAND] === true;
}

// ---------------------------------------------------------------------------------------------
// Types

/** How a parameter's values are checked: a fast tag for the common types, else `check`. */
const ANY = 0;
const TENSOR = 1;
const INT = 2;
const FLOAT = 3;
const BOOL = 4;
const NUMBER = 5;
const TENSOR_OR_NUMBER = 6;
const INT_OR_INTS = 7;
const CUSTOM = 8;

interface TypeInfo {
  readonly tag: number;
  /** PyTorch's name for it in messages: 'int', 'tuple of ints', 'Tensor', 'torch.dtype', … */
  readonly display: string;
  readonly check: (v: unknown) => boolean;
  /** Whether a plain `{ … }` can be a value of this type (it then binds positionally, not as the options). */
  readonly acceptsObject: boolean;
  /** A list type's element check and element name, for "found element of type X at pos i". */
  readonly element?: TypeInfo;
}

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
function isIntArray(v: readonly unknown[]): boolean {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isInteger(v[i])) return false;
  return true;
}
const DTYPE_SET = new Set<unknown>(DTYPES);

const TYPES = new Map<string, TypeInfo>();

function basic(name: string, tag: number, display: string, check: (v: unknown) => boolean, acceptsObject = false): void {
  TYPES.set(name, { tag, display, check, acceptsObject });
}

basic('any', ANY, 'object', () => true);
// `any` that may also be a plain `{ … }` (a dataset written as an object literal): one in its slot is that argument.
basic('object', ANY, 'object', () => true, true);
basic('None', CUSTOM, 'None', (v) => v === null || v === undefined);
basic('Tensor', TENSOR, 'Tensor', (v) => isTensor(v));
basic('int', INT, 'int', isInt);
basic('float', FLOAT, 'float', (v) => typeof v === 'number');
basic('bool', BOOL, 'bool', (v) => typeof v === 'boolean');
basic('Number', NUMBER, 'Number', (v) => typeof v === 'number' || typeof v === 'boolean');
basic('str', CUSTOM, 'str', (v) => typeof v === 'string');
basic('dtype', CUSTOM, 'torch.dtype', (v) => DTYPE_SET.has(v));
// A device is named by a string ('cpu', 'webgpu:0'); an object that names one (a torch.device) passes too.
basic('device', CUSTOM, 'torch.device', (v) => typeof v === 'string' || (typeof v === 'object' && v !== null && !isOptionsObject(v) && !Array.isArray(v) && !isTensor(v)));
basic('Generator', CUSTOM, 'torch.Generator', (v) => v instanceof Generator);
basic('callable', CUSTOM, 'callable', (v) => typeof v === 'function');
basic('dict', CUSTOM, 'dict', (v) => isOptionsObject(v) || v instanceof Map, true);
basic('iterable', CUSTOM, 'iterable', (v) => v !== null && v !== undefined && typeof v !== 'string' && typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function');

/**
 * Names a parameter type for signatures (an upper package's classes: 'Module', 'Optimizer',
 * 'Dataset', …). `acceptsObject`: a plain `{ … }` can be such a value, so one in that parameter's
 * slot binds to it rather than being taken for the options object.
 */
export function defineType(name: string, check: (v: unknown) => boolean, options: { display?: string; acceptsObject?: boolean } = {}): void {
  if (TYPES.has(name)) throw new Error(`defineType: type '${name}' is already defined`);
  TYPES.set(name, { tag: CUSTOM, display: options.display ?? name, check, acceptsObject: options.acceptsObject ?? false });
}

function plural(display: string): string {
  return display.endsWith('s') ? `${display}es` : `${display}s`;
}

function listOf(element: TypeInfo): TypeInfo {
  const check = element.check;
  return {
    tag: CUSTOM,
    display: `tuple of ${plural(element.display)}`,
    check: (v) => {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!check(v[i])) return false;
      return true;
    },
    acceptsObject: false,
    element,
  };
}

function literal(text: string): TypeInfo {
  const value = text.slice(1, -1);
  return { tag: CUSTOM, display: `'${value}'`, check: (v) => v === value, acceptsObject: false };
}

function union(parts: TypeInfo[]): TypeInfo {
  if (parts.length === 1) return parts[0]!;
  const tags = parts.map((p) => p.tag).sort();
  // Tensor|Number is PyTorch's Tensor parameter that allows numbers (add, mul, …): kept on the fast path.
  if (tags.length === 2 && tags[0] === TENSOR && tags[1] === NUMBER) {
    return { tag: TENSOR_OR_NUMBER, display: 'Tensor or Number', check: (v) => isTensor(v) || typeof v === 'number' || typeof v === 'boolean', acceptsObject: false };
  }
  if (tags.length === 2 && tags[0] === INT && parts.some((p) => p.element?.tag === INT)) {
    const list = parts.find((p) => p.element)!;
    return { tag: INT_OR_INTS, display: 'int or tuple of ints', check: (v) => isInt(v) || list.check(v), acceptsObject: false, element: list.element };
  }
  const checks = parts.map((p) => p.check);
  const literals = parts.every((p) => p.display.startsWith("'"));
  return {
    tag: CUSTOM,
    display: literals ? `one of ${parts.map((p) => p.display).join(', ')}` : parts.map((p) => p.display).join(' or '),
    check: (v) => {
      for (let i = 0; i < checks.length; i++) if (checks[i]!(v)) return true;
      return false;
    },
    acceptsObject: parts.some((p) => p.acceptsObject),
    element: parts.find((p) => p.element)?.element,
  };
}

function parseType(text: string, where: string): TypeInfo {
  const parts = splitTop(text, '|').map((atom) => {
    if (atom.startsWith('(') && atom.endsWith(')')) return parseType(atom.slice(1, -1), where);
    if (atom.startsWith("'") || atom.startsWith('"')) return literal(atom);
    if (atom.endsWith('[]')) return listOf(parseType(atom.slice(0, -2), where));
    const t = TYPES.get(atom);
    if (t === undefined) throw new Error(`signature ${where}: unknown type '${atom}' (defineType it first)`);
    return t;
  });
  return union(parts);
}

// ---------------------------------------------------------------------------------------------
// Values and names in messages

/** A plain `{ … }` object: the trailing options (never a tensor, array, Map or class instance). */
export function isOptionsObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The type of a value as PyTorch's messages name it: 'int', 'float', 'bool', 'str', 'NoneType' (null), 'list' (an array), 'Tensor', 'object', a class name. */
export function typeName(v: unknown): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'object': {
      if (Array.isArray(v)) return 'list';
      if (isOptionsObject(v)) return 'object';
      const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? name : 'object';
    }
    default:
      return typeof v;
  }
}

/** snake_case → camelCase, the one spelling of a keyword (`weight_decay` → `weightDecay`, `T_max` → `TMax`). */
export function camelCase(name: string): string {
  return name.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Edit distance with transpositions (optimal string alignment): 'dtpye' is one edit from 'dtype'. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The parameter a mistyped keyword most likely meant: its camelCase spelling, the same name in
 * another case, or the closest name by edit distance (at most a third of its length away).
 */
export function suggestName(key: string, names: readonly string[]): string | undefined {
  const camel = camelCase(key);
  if (camel !== key && names.includes(camel)) return camel;
  const lower = camel.toLowerCase();
  const sameCase = names.find((n) => n.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  // At most a third of the name's length away (and one edit for short names).
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const n of names) {
    const d = editDistance(lower, n.toLowerCase());
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

/** Python's way of listing names: 'a', 'a' and 'b', 'a', 'b', and 'c'. */
function quotedList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length <= 2) return q.join(' and ');
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing signatures

/** Splits at `sep` outside brackets, parentheses and quotes. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      out.push(text.slice(start, i).trim());
      start = i + sep.length;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== '');
}

function parseDefault(text: string, where: string): unknown {
  switch (text) {
    case 'None':
    case 'null':
      return null;
    case 'True':
    case 'true':
      return true;
    case 'False':
    case 'false':
      return false;
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    case 'nan':
      return NaN;
  }
  if (text.startsWith("'") || text.startsWith('"')) return text.slice(1, -1);
  if ((text.startsWith('[') && text.endsWith(']')) || (text.startsWith('(') && text.endsWith(')'))) {
    return Object.freeze(splitTop(text.slice(1, -1), ',').map((t) => parseDefault(t, where)));
  }
  const n = Number(text);
  if (text === '' || Number.isNaN(n)) throw new Error(`signature ${where}: cannot read the default '${text}'`);
  return n;
}

const POSITIONAL = 0;
const KEYWORD_ONLY = 1;
const VARARGS = 2;

class Param {
  readonly tag: number;
  readonly check: (v: unknown) => boolean;
  constructor(
    readonly name: string,
    readonly kind: number,
    readonly type: TypeInfo,
    /** null accepted (a `?` type or a default of None). */
    readonly optional: boolean,
    readonly required: boolean,
    readonly defaultValue: unknown,
  ) {
    this.tag = type.tag;
    this.check = type.check;
  }
}

function parseParam(text: string, kind: number, where: string): Param {
  const eq = splitTop(text, '=');
  const decl = eq[0]!;
  const space = decl.lastIndexOf(' ');
  if (space < 0) throw new Error(`signature ${where}: parameter '${text}' needs a type and a name`);
  let typeText = decl.slice(0, space).trim();
  const name = decl.slice(space + 1).trim();
  if (typeText.endsWith('...')) {
    kind = VARARGS;
    typeText = typeText.slice(0, -3);
  }
  let optional = false;
  if (typeText.endsWith('?')) {
    optional = true;
    typeText = typeText.slice(0, -1);
  }
  const type = kind === VARARGS ? listOf(parseType(typeText, where)) : parseType(typeText, where);
  if (eq.length === 1) return new Param(name, kind, type, optional, true, undefined);
  const rawDefault = eq.slice(1).join('=').trim();
  const value = parseDefault(rawDefault, where);
  return new Param(name, kind, type, optional || value === null, false, value);
}

// Why a binding failed (kept as fields, so that trying an overload allocates nothing).
const TOO_MANY = 1;
const UNEXPECTED = 2;
const MULTIPLE = 3;
const MISSING = 4;
const WRONG_TYPE = 5;

/** One overload: PyTorch's FunctionSignature. */
class Overload {
  readonly params: Param[] = [];
  readonly index = new Map<string, number>();
  /** Parameters that may come by position (positional-or-keyword, and the varargs one). */
  readonly maxPositional: number;
  readonly varargs: number = -1;
  /** The bound values of the last call, in parameter order (reused: read them at once). */
  readonly values: unknown[];
  // The fast path's tables: per parameter, its type tag, whether null passes, and its default.
  private readonly tags: number[];
  private readonly nullable: boolean[];
  private readonly defaults: unknown[];
  /** Positional counts the fast path covers: [minFast, maxFast] (maxFast -1: never). */
  private readonly minFast: number;
  private readonly maxFast: number;

  // The failure of the last call that failed.
  private failure = 0;
  private failedParam = 0;
  private failedValue: unknown = undefined;
  private failedPosition = 0;
  private failedKey = '';
  private failedGiven = 0;
  private failedSkip = 0;

  constructor(readonly name: string, text: string, where: string) {
    let kind = POSITIONAL;
    for (const part of splitTop(text, ',')) {
      if (part === '*') {
        kind = KEYWORD_ONLY;
        continue;
      }
      const p = parseParam(part, kind, where);
      if (p.kind === VARARGS) {
        if (kind === KEYWORD_ONLY) throw new Error(`signature ${where}: '${part}' cannot be keyword-only`);
        this.varargs = this.params.length;
        kind = KEYWORD_ONLY;
      }
      if (this.index.has(p.name)) throw new Error(`signature ${where}: parameter '${p.name}' is listed twice`);
      this.index.set(p.name, this.params.length);
      this.params.push(p);
    }
    this.maxPositional = this.params.filter((p) => p.kind !== KEYWORD_ONLY).length;
    // Packed (no holes), so that reading it, or passing it on with apply, stays on V8's fast path.
    this.values = this.params.map(() => undefined);
    this.tags = this.params.map((p) => p.tag);
    this.nullable = this.params.map((p) => p.optional || p.tag === ANY);
    this.defaults = this.params.map((p) => p.defaultValue);
    // All positional, every one a fast type, and no required parameter after the given ones.
    const simple = this.varargs < 0 && this.params.every((p) => p.kind === KEYWORD_ONLY ? !p.required : p.tag !== ANY && p.tag !== CUSTOM);
    let minFast = 0;
    while (minFast < this.params.length && this.params[minFast]!.required) minFast++;
    this.minFast = minFast;
    this.maxFast = simple && this.params.slice(minFast).every((p) => !p.required) ? this.maxPositional : -1;
  }

  /**
   * The fast path into `values`: only positional arguments of the fast types, none undefined, and
   * the defaults for the rest. Returns false (having bound nothing that matters) for anything else.
   */
  fastBind(args: ArrayLike<unknown>, skip: number, self: unknown): boolean {
    if (!this.fastCheck(args, skip)) return false;
    const out = this.values;
    const n = args.length + skip;
    out[0] = self;
    for (let k = skip; k < n; k++) out[k] = args[k - skip];
    const defaults = this.defaults;
    for (let k = n; k < defaults.length; k++) out[k] = defaults[k];
    return true;
  }

  /**
   * The fast path's test alone (`bound` forwards the arguments itself, with no values array): the
   * positional count is covered and each argument has its fast type.
   */
  fastCheck(args: ArrayLike<unknown>, skip: number): boolean {
    const n = args.length + skip;
    if (n > this.maxFast || n < this.minFast) return false;
    const tags = this.tags;
    for (let k = skip; k < n; k++) {
      const v = args[k - skip];
      if (v === null) {
        if (!this.nullable[k]) return false;
        continue;
      }
      switch (tags[k]) {
        case TENSOR:
          if (typeof v !== 'object' || v === null || (v as { [TENSOR_BRAND]?: boolean })[TENSOR_BRAND] !== true) return false;
          break;
        case INT:
          if (typeof v !== 'number' || !Number.isInteger(v)) return false;
          break;
        case FLOAT:
          if (typeof v !== 'number') return false;
          break;
        case BOOL:
          if (typeof v !== 'boolean') return false;
          break;
        case NUMBER:
          if (typeof v !== 'number' && typeof v !== 'boolean') return false;
          break;
        case TENSOR_OR_NUMBER:
          if (typeof v !== 'number' && typeof v !== 'boolean' && (typeof v !== 'object' || v === null || (v as { [TENSOR_BRAND]?: boolean })[TENSOR_BRAND] !== true)) return false;
          break;
        case INT_OR_INTS:
          if (typeof v === 'number') {
            if (!Number.isInteger(v)) return false;
          } else if (!Array.isArray(v) || !isIntArray(v)) return false;
          break;
        default:
          // null, undefined and the other types: the full binding decides
          return false;
      }
    }
    return true;
  }

  /** The defaults, in parameter order (the fast path's values for what was not passed). */
  get defaultValues(): readonly unknown[] {
    return this.defaults;
  }

  private accepts(p: Param, v: unknown): boolean {
    if (v === null) return p.optional || p.tag === ANY;
    switch (p.tag) {
      case ANY:
        return true;
      case TENSOR:
        return isTensor(v);
      case INT:
        return typeof v === 'number' && Number.isInteger(v);
      case FLOAT:
        return typeof v === 'number';
      case BOOL:
        return typeof v === 'boolean';
      case NUMBER:
        return typeof v === 'number' || typeof v === 'boolean';
      case TENSOR_OR_NUMBER:
        return isTensor(v) || typeof v === 'number' || typeof v === 'boolean';
      case INT_OR_INTS:
        return typeof v === 'number' ? Number.isInteger(v) : Array.isArray(v) && isIntArray(v);
      default:
        return p.check(v);
    }
  }

  private fail(kind: number, param: number, value?: unknown, position = 0): false {
    this.failure = kind;
    this.failedParam = param;
    this.failedValue = value;
    this.failedPosition = position;
    return false;
  }

  /**
   * Binds args (after `self`, for a method: `skip` leading parameters are already bound) into
   * `this.values`. Returns false, with the reason kept for `error()`, where Python would raise.
   */
  tryBind(args: ArrayLike<unknown>, skip: number, self: unknown): boolean {
    const params = this.params;
    const out = this.values;
    let n = args.length;
    let options: Record<string, unknown> | undefined;
    if (n !== 0) {
      let last = args[n - 1];
      while (last === undefined && n > 0) last = args[--n - 1];
      // The trailing `{ … }` is the options object, unless it stands in the slot of a parameter that
      // takes one (a dict, a dataset), where it is that argument.
      if (typeof last === 'object' && last !== null && (last as { [TENSOR_BRAND]?: boolean })[TENSOR_BRAND] !== true && isOptionsObject(last)) {
        const slot = skip + n - 1;
        const p = slot < this.maxPositional && slot !== this.varargs ? params[slot] : this.varargs >= 0 && slot >= this.varargs ? params[this.varargs] : undefined;
        const takesObject = p !== undefined && (p.kind === VARARGS ? p.type.element!.acceptsObject : p.type.acceptsObject);
        if (!takesObject) {
          options = last;
          n--;
        }
      }
    }
    if (skip !== 0) out[0] = self;
    let k = skip;
    for (let i = 0; i < n; i++, k++) {
      if (k >= this.maxPositional) {
        this.failedGiven = n;
        return this.fail(TOO_MANY, k);
      }
      const p = params[k]!;
      if (p.kind === VARARGS) {
        if (!this.bindVarargs(p, k, args, i, n)) return false;
        k++;
        break;
      }
      let v = args[i];
      if (v === undefined) {
        if (options === undefined) {
          if (p.required) {
            for (let j = k; j < params.length; j++) out[j] = undefined;
            return this.fail(MISSING, k);
          }
          v = p.defaultValue;
        }
      } else if (!this.accepts(p, v)) return this.fail(WRONG_TYPE, k, v, i + 1);
      out[k] = v;
    }
    const count = params.length;
    if (options === undefined) {
      // The fast path: the rest take their defaults.
      for (; k < count; k++) {
        const p = params[k]!;
        if (p.required) {
          for (let j = k; j < count; j++) out[j] = undefined;
          return this.fail(MISSING, k);
        }
        out[k] = p.defaultValue;
      }
      return true;
    }
    for (; k < count; k++) out[k] = undefined;
    if (!this.bindOptions(options, skip)) return false;
    for (let j = skip; j < count; j++) {
      if (out[j] === undefined) {
        const p = params[j]!;
        if (p.required) return this.fail(MISSING, j);
        out[j] = p.defaultValue;
      }
    }
    return true;
  }

  /** `T... name`: the remaining positionals, or a single array of them. */
  private bindVarargs(p: Param, k: number, args: ArrayLike<unknown>, i: number, n: number): boolean {
    const first = args[i];
    if (n - i === 1 && (Array.isArray(first) || first === null)) {
      if (!this.accepts(p, first)) return this.fail(WRONG_TYPE, k, first, i + 1);
      this.values[k] = first;
      return true;
    }
    const list = Array.prototype.slice.call(args, i, n) as unknown[];
    if (!p.check(list)) return this.fail(WRONG_TYPE, k, list, i + 1);
    this.values[k] = list;
    return true;
  }

  private bindOptions(options: Record<string, unknown>, skip: number): boolean {
    const out = this.values;
    for (const key in options) {
      const v = options[key];
      const j = this.index.get(key);
      if (j === undefined || j < skip) {
        this.failedKey = key;
        this.failedSkip = skip;
        return this.fail(UNEXPECTED, -1);
      }
      if (v === undefined) continue;
      if (out[j] !== undefined) return this.fail(MULTIPLE, j);
      if (!this.accepts(this.params[j]!, v)) return this.fail(WRONG_TYPE, j, v, 0);
      out[j] = v;
    }
    return true;
  }

  /** The TypeError of the last failed binding. */
  error(skip: number): TypeError {
    const name = this.name;
    const p = this.params[this.failedParam];
    switch (this.failure) {
      case TOO_MANY: {
        const max = this.maxPositional - skip;
        const min = this.params.filter((q, j) => j >= skip && q.kind === POSITIONAL && q.required).length;
        const given = this.failedGiven;
        const takes = min === max ? `${max} positional argument${max === 1 ? '' : 's'}` : `from ${min} to ${max} positional arguments`;
        return new TypeError(`${name}() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`);
      }
      case UNEXPECTED: {
        const key = this.failedKey;
        const names = this.params.slice(this.failedSkip).map((q) => q.name);
        const suggestion = suggestName(key, names);
        return new TypeError(`${name}() got an unexpected keyword argument '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
      }
      case MULTIPLE:
        return new TypeError(`${name}() got multiple values for argument '${p!.name}'`);
      case MISSING: {
        const keywordOnly = p!.kind === KEYWORD_ONLY;
        const missing = this.params.filter((q, j) => j >= skip && q.required && (q.kind === KEYWORD_ONLY) === keywordOnly && this.values[j] === undefined).map((q) => q.name);
        const what = keywordOnly ? 'keyword-only' : 'positional';
        return new TypeError(`${name}() missing ${missing.length} required ${what} argument${missing.length === 1 ? '' : 's'}: ${quotedList(missing)}`);
      }
      default: {
        const v = this.failedValue;
        const at = this.failedPosition > 0 ? ` (position ${this.failedPosition})` : '';
        const element = p!.type.element;
        if (element !== undefined && Array.isArray(v)) {
          const bad = v.findIndex((e) => !element.check(e));
          if (bad >= 0) {
            return new TypeError(`${name}(): argument '${p!.name}'${at} must be ${p!.type.display}, but found element of type ${typeName(v[bad])} at pos ${bad}`);
          }
        }
        const got = typeof v === 'string' && p!.type.display.startsWith('one of') ? `'${v}'` : typeName(v);
        // The seed's torch.sum(preds == label): in JavaScript == compares the two tensor objects.
        const hint = typeof v === 'boolean' && p!.type.display.includes('Tensor')
          ? ' (in JavaScript, a comparison such as `preds == label` compares the two objects and gives a boolean, not a tensor: compare tensors elementwise with preds.eq(label))'
          : '';
        return new TypeError(`${name}(): argument '${p!.name}'${at} must be ${p!.type.display}, not ${got}${hint}`);
      }
    }
  }

  /** `(int dim, bool keepdim=False)`, for the list of overloads in a message. */
  describe(skip: number): string {
    const parts: string[] = [];
    let star = false;
    this.params.forEach((p, j) => {
      if (j < skip) return;
      if (p.kind === KEYWORD_ONLY && !star) {
        parts.push('*');
        star = true;
      }
      parts.push(`${p.kind === VARARGS ? `${p.type.element!.display}...` : p.type.display} ${p.name}`);
    });
    return `(${parts.join(', ')})`;
  }
}

/**
 * A function's PyTorch signature, or several (its overloads, tried in order as PyTorch's
 * PythonArgParser tries them).
 */
export class Signature {
  readonly name: string;
  private readonly overloads: Overload[];
  private readonly first: Overload;
  /** Which overload the last successful binding matched (0 for a single signature). */
  overload = 0;

  constructor(texts: readonly string[]) {
    const parsed = texts.map((text) => {
      const open = text.indexOf('(');
      if (open <= 0 || !text.endsWith(')')) throw new Error(`signature: expected 'name(params)', got '${text}'`);
      return { name: text.slice(0, open).trim(), body: text.slice(open + 1, -1), text };
    });
    this.name = parsed[0]!.name;
    this.overloads = parsed.map((p) => new Overload(p.name, p.body, p.text));
    this.first = this.overloads[0]!;
  }

  /** The parameter names of each overload, in order. */
  get parameters(): string[][] {
    return this.overloads.map((o) => o.params.map((p) => p.name));
  }

  /**
   * Binds a call's arguments; returns the values in parameter order, defaults filled in, as a
   * fresh array: the overload's scratch array is emptied at once, so a binding never keeps the
   * call's tensors alive after the call (the garbage collector must be able to reclaim them).
   */
  bind(args: ArrayLike<unknown>): unknown[] {
    const first = this.first;
    if (first.fastBind(args, 0, undefined)) {
      this.overload = 0;
      return handOver(first.values);
    }
    return this.run(args, 0, undefined);
  }

  /** Binds a method call: `self` is the first parameter, `args` the rest. */
  bindSelf(self: unknown, args: ArrayLike<unknown>): unknown[] {
    const first = this.first;
    if (first.fastBind(args, 1, self)) {
      this.overload = 0;
      return handOver(first.values);
    }
    return this.run(args, 1, self);
  }

  /**
   * The fast path (overload 0, all positional, fast types only): true when `args` (after `skip`
   * bound leading parameters) can be forwarded as they are, padded with `defaults`.
   */
  fast(args: ArrayLike<unknown>, skip: number): boolean {
    if (!this.first.fastCheck(args, skip)) return false;
    this.overload = 0;
    return true;
  }

  /** Overload 0's defaults, in parameter order. */
  get defaults(): readonly unknown[] {
    return this.first.defaultValues;
  }

  /** Binds a call into a new object keyed by parameter name (for constructors: nothing to read at once). */
  parse<T = Record<string, unknown>>(args: ArrayLike<unknown>): T {
    const values = this.run(args, 0, undefined);
    const out: Record<string, unknown> = {};
    // Array defaults are shared (and frozen): the record gets its own copies.
    this.overloads[this.overload]!.params.forEach((p, j) => (out[p.name] = Array.isArray(values[j]) && values[j] === p.defaultValue ? [...(values[j] as unknown[])] : values[j]));
    return out as T;
  }

  private run(args: ArrayLike<unknown>, skip: number, self: unknown): unknown[] {
    const overloads = this.overloads;
    const first = this.first;
    if (first.tryBind(args, skip, self)) {
      this.overload = 0;
      return handOver(first.values);
    }
    if (overloads.length === 1) throw first.error(skip);
    for (let i = 1; i < overloads.length; i++) {
      const o = overloads[i]!;
      if (o.tryBind(args, skip, self)) {
        this.overload = i;
        return handOver(o.values);
      }
    }
    throw this.combinationError(args, skip);
  }

  /** PyTorch's message when no overload binds. */
  private combinationError(args: ArrayLike<unknown>, skip: number): TypeError {
    const got: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (i === args.length - 1 && isOptionsObject(a)) for (const [k, v] of Object.entries(a)) got.push(`${k}=${typeName(v)}`);
      else got.push(typeName(a));
    }
    const expected = this.overloads.map((o) => ` * ${o.describe(skip)}`).join('\n');
    return new TypeError(`${this.name}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n${expected}`);
  }
}

const compiled = new Map<string, Signature>();

/**
 * Compiles a function's signature(s) (its overloads, in the order they are tried). Call it once, at
 * module load; a class that names itself in its signature (`${cls}(…)`) may call it per construction:
 * the same text gives the same, already compiled, Signature.
 */
export function signature(...texts: string[]): Signature {
  const key = texts.length === 1 ? texts[0]! : texts.join('\n');
  let s = compiled.get(key);
  if (s === undefined) compiled.set(key, (s = new Signature(texts)));
  return s;
}

/** Every signature compiled so far (one entry per function; overloads joined by newlines), for docs and tooling. */
export function listSignatures(): string[] {
  return [...compiled.keys()];
}

/** A public function bound through its signature: callable, and callable as a method on `self`. */
export interface BoundFunction<A extends readonly unknown[], R> {
  (...args: A): R;
  readonly signature: Signature;
  /** The method form: `self` binds the first parameter, `args` the rest (`x.sum(1)` is `sum.method(x, [1])`). */
  method(self: unknown, args: ArrayLike<unknown>): R;
}

/**
 * The public form of `impl`: binds each call's arguments through `sig`, then calls `impl` with the
 * values in parameter order (so `impl` takes plain positional parameters and never sees options).
 */
/** A copy of a scratch array of bound values, which is emptied (it must not hold the call's tensors). */
function handOver(values: unknown[]): unknown[] {
  const out = values.slice();
  values.fill(undefined);
  return out;
}

export function bound<A extends readonly unknown[], R>(sig: Signature | string, impl: (...values: any[]) => R): BoundFunction<A, R> {
  const s = typeof sig === 'string' ? signature(sig) : sig;
  const [f, method] = forwarders(s, impl, Math.max(...s.parameters.map((p) => p.length)));
  Object.defineProperty(f, 'name', { value: s.name });
  Object.defineProperty(f, 'signature', { value: s });
  Object.defineProperty(f, 'method', { value: method });
  return f as unknown as BoundFunction<A, R>;
}

type Forward<R> = [(...args: unknown[]) => R, (self: unknown, args: ArrayLike<unknown>) => R];

/**
 * The call and method forms of `impl`. On the fast path (all positional, fast types) the arguments
 * go to `impl` as they came, padded with the defaults: no values array, no apply. Otherwise the
 * full binding's values do (read at once, as plain arguments).
 */
function forwarders<R>(s: Signature, impl: (...values: any[]) => R, arity: number): Forward<R> {
  const d = s.defaults;
  const [d0, d1, d2, d3, d4, d5] = [d[0], d[1], d[2], d[3], d[4], d[5]];
  switch (arity) {
    case 1:
      return [
        (...a) => (s.fast(a, 0) ? impl(a.length > 0 ? a[0] : d0) : impl(s.bind(a)[0])),
        (self, a) => (s.fast(a, 1) ? impl(self) : impl(s.bindSelf(self, a)[0])),
      ];
    case 2:
      return [
        (...a) => {
          if (s.fast(a, 0)) return impl(a[0], a.length > 1 ? a[1] : d1);
          const v = s.bind(a);
          return impl(v[0], v[1]);
        },
        (self, a) => {
          if (s.fast(a, 1)) return impl(self, a.length > 0 ? a[0] : d1);
          const v = s.bindSelf(self, a);
          return impl(v[0], v[1]);
        },
      ];
    case 3:
      return [
        (...a) => {
          if (s.fast(a, 0)) {
            const n = a.length;
            return impl(a[0], n > 1 ? a[1] : d1, n > 2 ? a[2] : d2);
          }
          const v = s.bind(a);
          return impl(v[0], v[1], v[2]);
        },
        (self, a) => {
          if (s.fast(a, 1)) {
            const n = a.length;
            return impl(self, n > 0 ? a[0] : d1, n > 1 ? a[1] : d2);
          }
          const v = s.bindSelf(self, a);
          return impl(v[0], v[1], v[2]);
        },
      ];
    case 4:
      return [
        (...a) => {
          if (s.fast(a, 0)) {
            const n = a.length;
            return impl(a[0], n > 1 ? a[1] : d1, n > 2 ? a[2] : d2, n > 3 ? a[3] : d3);
          }
          const v = s.bind(a);
          return impl(v[0], v[1], v[2], v[3]);
        },
        (self, a) => {
          if (s.fast(a, 1)) {
            const n = a.length;
            return impl(self, n > 0 ? a[0] : d1, n > 1 ? a[1] : d2, n > 2 ? a[2] : d3);
          }
          const v = s.bindSelf(self, a);
          return impl(v[0], v[1], v[2], v[3]);
        },
      ];
    case 5:
      return [
        (...a) => {
          if (s.fast(a, 0)) {
            const n = a.length;
            return impl(a[0], n > 1 ? a[1] : d1, n > 2 ? a[2] : d2, n > 3 ? a[3] : d3, n > 4 ? a[4] : d4);
          }
          const v = s.bind(a);
          return impl(v[0], v[1], v[2], v[3], v[4]);
        },
        (self, a) => {
          if (s.fast(a, 1)) {
            const n = a.length;
            return impl(self, n > 0 ? a[0] : d1, n > 1 ? a[1] : d2, n > 2 ? a[2] : d3, n > 3 ? a[3] : d4);
          }
          const v = s.bindSelf(self, a);
          return impl(v[0], v[1], v[2], v[3], v[4]);
        },
      ];
    case 6:
      return [
        (...a) => {
          if (s.fast(a, 0)) {
            const n = a.length;
            return impl(a[0], n > 1 ? a[1] : d1, n > 2 ? a[2] : d2, n > 3 ? a[3] : d3, n > 4 ? a[4] : d4, n > 5 ? a[5] : d5);
          }
          const v = s.bind(a);
          return impl(v[0], v[1], v[2], v[3], v[4], v[5]);
        },
        (self, a) => {
          if (s.fast(a, 1)) {
            const n = a.length;
            return impl(self, n > 0 ? a[0] : d1, n > 1 ? a[1] : d2, n > 2 ? a[2] : d3, n > 3 ? a[3] : d4, n > 4 ? a[4] : d5);
          }
          const v = s.bindSelf(self, a);
          return impl(v[0], v[1], v[2], v[3], v[4], v[5]);
        },
      ];
    default:
      return [(...a) => impl.apply(undefined, s.bind(a)), (self, a) => impl.apply(undefined, s.bindSelf(self, a))];
  }
}

// ---------------------------------------------------------------------------------------------
// Types for TypeScript callers

/** Every prefix of the positional tuple P. */
type Prefixes<P extends readonly unknown[]> = P extends readonly [...infer H, unknown] ? P | Prefixes<H> : P;

/**
 * A call's argument list: any prefix of the positional parameters P (each may be undefined to
 * skip it), optionally followed by the options object O.
 *
 * @example
 * sum(...args: Args<[dim: DimArg | null, keepdim: boolean], SumOptions>)
 */
export type Args<P extends readonly unknown[], O> = Prefixes<P> extends infer Q
  ? Q extends readonly unknown[]
    ? [...OrUndefined<Q>] | [...OrUndefined<Q>, O]
    : never
  : never;

/** Each positional may be undefined: it then takes its default, as if not passed. */
type OrUndefined<Q extends readonly unknown[]> = { [K in keyof Q]: Q[K] | undefined };
