/**
 * PyTorch's legacy tensor types: `new torch.Tensor(2, 3)` / `new torch.Tensor([1, 2])`, the typed
 * constructors `torch.FloatTensor([...])`, `torch.LongTensor(2)`, … (with or without `new`), the
 * type names `t.type()` and `torch.typename(x)` give ('torch.FloatTensor'), and `x instanceof
 * torch.LongTensor` (true for a CPU int64 tensor, as PyTorch's isinstance).
 */
import { DTYPES, legacyTypeClass, legacyTypeName, type DType } from '../dtype';
import { Device } from '../device';
import { Size } from '../size';
import { Tensor } from '../tensor';
import { tensor, type TensorData } from './create';
import { emptyTensor, resolveBackend, type CreationOptions } from './util';
import { alias } from './views';
import { setTypenameLookup } from '../repr';

const DTYPE_OF_TYPE = new Map(DTYPES.map((dt) => [legacyTypeClass(dt), dt]));

/** t.type(): 'torch.FloatTensor', 'torch.cuda.LongTensor', 'torch.sparse.FloatTensor'. */
export function tensorTypeName(t: Tensor): string {
  const type = t.device.split(':')[0]!;
  const where = t.isSparse ? (type === 'cpu' ? 'sparse.' : `${type}.sparse.`) : type === 'cpu' ? '' : `${type}.`;
  return `torch.${where}${legacyTypeClass(t.dtype)}`;
}

/** The dtype of a legacy type name ('torch.LongTensor', 'torch.cuda.FloatTensor'), or undefined. */
export function dtypeOfTypeName(name: string): DType | undefined {
  const m = /^torch\.(?:[a-z]+\.)?([A-Za-z0-9]+Tensor)$/.exec(name);
  return m === null ? undefined : DTYPE_OF_TYPE.get(m[1]!);
}

/** Python's type name of a JavaScript value, as torch.typename and PyTorch's error messages say it. */
export function pythonTypeOf(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'string') return 'str';
  if (x instanceof Tensor) return 'Tensor';
  if (x instanceof Size) return 'torch.Size';
  if (Array.isArray(x)) return 'list';
  if (ArrayBuffer.isView(x)) return 'numpy.ndarray';
  if (x instanceof Set) return 'set';
  if (x instanceof Map || isPlainObject(x)) return 'dict';
  if (typeof x === 'function') return 'function';
  return (x as object).constructor?.name ?? 'object';
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

const pythonNames = new WeakMap<object, string>();

/**
 * Tells torch.typename the Python name of a class ('torch.nn.modules.linear.Linear'): @x's packages
 * register their classes; a class nobody registered is named as a Python script's own one is
 * ('__main__.Net').
 */
export function registerPythonTypeName(ctor: abstract new (...args: never[]) => unknown, pythonName: string): void {
  pythonNames.set(ctor, pythonName);
}

function className(ctor: { name: string }): string {
  return pythonNames.get(ctor) ?? `__main__.${ctor.name || '<anonymous>'}`;
}

/**
 * torch.typename(x): a tensor's legacy type ('torch.FloatTensor'), a class's or an instance's
 * qualified Python name ('torch.nn.modules.linear.Linear', '__main__.Net'), or the Python type of a
 * plain value ('int', 'float', 'str', 'list', 'dict', 'NoneType').
 *
 * @example
 * torch.typename(torch.zeros(2));          // 'torch.FloatTensor'
 * torch.typename(3);                       // 'int'
 * torch.typename(new nn.Linear(2, 2));     // 'torch.nn.modules.linear.Linear'
 */
export function typename(x: unknown): string {
  if (x instanceof Tensor) return tensorTypeName(x);
  if (typeof x === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(x))) return className(x);
  if (typeof x === 'object' && x !== null && !Array.isArray(x) && !isPlainObject(x) && !(x instanceof Map) && !(x instanceof Set) && !ArrayBuffer.isView(x)) {
    if (x instanceof Size) return 'torch.Size';
    if (x instanceof Device) return 'torch.device';
    const ctor = (x as object).constructor as { name: string } | undefined;
    if (ctor !== undefined && (pythonNames.has(ctor) || /^class[\s{]/.test(Function.prototype.toString.call(ctor)))) return className(ctor);
  }
  return pythonTypeOf(x);
}
setTypenameLookup(typename);

/** An options object closing a legacy constructor's arguments ({ device }). */
function splitOptions(args: unknown[]): [unknown[], CreationOptions] {
  const last = args[args.length - 1];
  if (isPlainObject(last)) {
    for (const k of Object.keys(last)) {
      if (k !== 'device') throw new TypeError(`new(): got an unexpected keyword argument '${k}' (legacy constructors take only { device })`);
    }
    return [args.slice(0, -1), last as CreationOptions];
  }
  return [args, {}];
}

function uninitialised(shape: readonly number[], dtype: DType, options: CreationOptions): Tensor {
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]!;
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new TypeError(`new(): argument 'size' must be tuple of ints, but found element of type ${pythonTypeOf(d)} at pos ${i + 1}`);
    }
    if (d < 0) throw new Error(`Trying to create tensor with negative dimension ${d}: [${shape.join(', ')}]`);
  }
  return emptyTensor(shape, dtype, resolveBackend(options.device));
}

/**
 * PyTorch's legacy constructor for tensors of `dtype` (`torch.Tensor(*args)`, `torch.LongTensor(*args)`):
 * no argument → an empty tensor; integers or one torch.Size → an uninitialised tensor of that size;
 * an array (nested) or typed array → a copy of the data cast to dtype; a tensor of dtype → a tensor
 * sharing its storage. A trailing `{ device }` says where.
 */
export function legacyNew(dtype: DType, args: unknown[]): Tensor {
  const [rest, options] = splitOptions(args);
  const type = legacyTypeName(dtype);
  if (rest.length === 0) return uninitialised([0], dtype, options);
  const first = rest[0];
  if (rest.length === 1) {
    if (first instanceof Size) return uninitialised([...first], dtype, options);
    if (first instanceof Tensor) {
      if (first.dtype !== dtype) throw new TypeError(`expected ${type} (got ${tensorTypeName(first)})`);
      return alias(first);
    }
    if (Array.isArray(first) || ArrayBuffer.isView(first)) return tensor(first as TensorData, { ...options, dtype });
    if (typeof first === 'number' && Number.isInteger(first)) return uninitialised([first], dtype, options);
    if (typeof first === 'string') throw new TypeError("new(): invalid data type 'str'");
    throw new TypeError(`new(): data must be a sequence (got ${pythonTypeOf(first)})`);
  }
  if (rest.every((x) => typeof x === 'number')) return uninitialised(rest as number[], dtype, options);
  if (typeof first === 'number') return uninitialised(rest as number[], dtype, options); // names the non-int entry
  throw new TypeError(
    `new() received an invalid combination of arguments - got (${rest.map(pythonTypeOf).join(', ')}), but expected one of: ` +
      '(*, device), (Tensor other), (tuple of ints size, *, device), (object data, *, device)',
  );
}

/** A legacy typed constructor: callable with or without `new`, and `x instanceof T` is PyTorch's isinstance(x, torch.T). */
export interface LegacyTensorType {
  (...args: unknown[]): Tensor;
  new (...args: unknown[]): Tensor;
  /** The dtype this type creates. */
  readonly dtype: DType;
}

function legacyType(dtype: DType): LegacyTensorType {
  const name = legacyTypeClass(dtype);
  // A named function expression: its name is the PyTorch type's even after a bundler renames bindings.
  const ctor = function (...args: unknown[]): Tensor {
    return legacyNew(dtype, args);
  };
  Object.defineProperty(ctor, 'name', { value: name });
  Object.defineProperty(ctor, 'dtype', { value: dtype, enumerable: true });
  Object.defineProperty(ctor, Symbol.hasInstance, {
    value: (x: unknown) => x instanceof Tensor && x.dtype === dtype && x.device === 'cpu' && !x.isSparse,
  });
  return ctor as unknown as LegacyTensorType;
}

export const FloatTensor = legacyType('float32');
export const DoubleTensor = legacyType('float64');
export const HalfTensor = legacyType('float16');
export const BFloat16Tensor = legacyType('bfloat16');
export const IntTensor = legacyType('int32');
export const LongTensor = legacyType('int64');
export const ByteTensor = legacyType('uint8');
export const BoolTensor = legacyType('bool');
