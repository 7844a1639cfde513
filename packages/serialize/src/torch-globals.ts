/**
 * The allowlist of globals a PyTorch pickle may name — the same set `torch.load(weights_only=True)`
 * accepts (tensor, parameter and storage rebuild functions, storage classes, dtypes, OrderedDict,
 * torch.Size, torch.device) plus pure-data builtins (set, bytes via _codecs.encode) and numpy scalars,
 * none of which can run code. Any other global is refused with an error naming it.
 */
import type { DType } from '@x/tensor';
import { codecForName, type ClassCodec } from './class-registry';
import { getModuleCodec, type ModuleCodec } from './module-codec';
import { SerializationError, UnpicklingError, check } from './errors';
import { PyDict, PySet, describePy, type PyBuildable, type PyGlobal } from './pickle-reader';
import { STORAGE_CLASS_DTYPE, TORCH_DTYPE_NAMES, UNSUPPORTED_STORAGE_CLASSES } from './storage-types';
import { PendingTensor, TorchDType } from './torch-pending';

/** A storage class global (torch.FloatStorage): the dtype of the storages it names. */
export class StorageType implements PyGlobal {
  constructor(
    readonly qualname: string,
    /** The @x dtype, or null when @x has no such dtype (then `torchDType` names it). */
    readonly dtype: DType | null,
    readonly torchDType: string,
  ) {}
}

/** A registered class being rebuilt: NEWOBJ makes it, BUILD gives its state. */
export class PendingObject implements PyBuildable {
  state: unknown = undefined;
  constructor(readonly codec: ClassCodec) {}
  build(state: unknown): void {
    this.state = state;
  }
}

/** A module of a class in the module registry being rebuilt: NEWOBJ makes it, BUILD gives its __dict__. */
export class PendingModule implements PyBuildable {
  state: unknown = undefined;
  constructor(
    readonly pythonName: string,
    readonly codec: ModuleCodec,
  ) {}
  build(state: unknown): void {
    check(this.state === undefined, `the pickle sets the state of ${this.pythonName} twice`);
    this.state = state;
  }
}

/** A numpy dtype (numpy.dtype('f8', False, True)); BUILD sets its byte order. */
class NumpyDType implements PyBuildable {
  littleEndian = true;
  constructor(readonly code: string) {}
  build(state: unknown): void {
    if (Array.isArray(state) && typeof state[1] === 'string') this.littleEndian = state[1] !== '>';
  }
}

function fn(qualname: string, call: (args: readonly unknown[]) => unknown, newObj?: (args: readonly unknown[]) => unknown): PyGlobal {
  return { qualname, call, newObj };
}

function arity(qualname: string, args: readonly unknown[], min: number, max = min): void {
  check(args.length >= min && args.length <= max, `${qualname} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}

function unsupportedTensor(qualname: string, kind: string): PyGlobal {
  return fn(qualname, () => {
    throw new SerializationError(`the file holds ${kind} (${qualname}), which @x tensors do not support`);
  });
}

function orderedDictFrom(args: readonly unknown[]): PyDict {
  const d = new PyDict(true);
  const src = args[0];
  if (src instanceof PyDict) for (const [k, v] of src.map) d.map.set(k, v);
  else if (Array.isArray(src)) {
    for (const pair of src) {
      check(Array.isArray(pair) && pair.length === 2, 'OrderedDict() takes a list of (key, value) pairs');
      d.map.set(pair[0], pair[1]);
    }
  }
  return d;
}

function latin1Bytes(s: unknown, encoding: unknown, qualname: string): Uint8Array {
  check(typeof s === 'string', `${qualname} expects a str`);
  check(encoding === 'latin1' || encoding === 'latin-1', `${qualname} supports only the latin1 encoding pickle uses, got ${String(encoding)}`);
  const str = s as string;
  const out = new Uint8Array(str.length);
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    check(c < 256, `${qualname}: the str is not latin1`);
    out[i] = c;
  }
  return out;
}

const NUMPY_SCALARS: Record<string, [number, (dv: DataView, le: boolean) => number | bigint | boolean]> = {
  f8: [8, (d, le) => d.getFloat64(0, le)], f4: [4, (d, le) => d.getFloat32(0, le)],
  i8: [8, (d, le) => narrow(d.getBigInt64(0, le))], i4: [4, (d, le) => d.getInt32(0, le)],
  i2: [2, (d, le) => d.getInt16(0, le)], i1: [1, (d) => d.getInt8(0)],
  u8: [8, (d, le) => narrow(d.getBigUint64(0, le))], u4: [4, (d, le) => d.getUint32(0, le)],
  u2: [2, (d, le) => d.getUint16(0, le)], u1: [1, (d) => d.getUint8(0)], b1: [1, (d) => d.getUint8(0) !== 0],
};

function narrow(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

const PARAMETER = 'torch.nn.parameter.Parameter';

function buildTable(): Map<string, unknown> {
  const t = new Map<string, unknown>();
  const add = (g: PyGlobal): void => void t.set(g.qualname, g);

  add(fn('collections.OrderedDict', orderedDictFrom, orderedDictFrom));
  add(fn('torch._utils._rebuild_tensor', (a) => {
    arity('_rebuild_tensor', a, 4);
    return PendingTensor.rebuild(a[0], a[1], a[2], a[3], false);
  }));
  add(fn('torch._utils._rebuild_tensor_v2', (a) => {
    arity('_rebuild_tensor_v2', a, 6, 7);
    return PendingTensor.rebuild(a[0], a[1], a[2], a[3], a[4]);
  }));
  add(fn('torch._utils._rebuild_tensor_v3', (a) => {
    arity('_rebuild_tensor_v3', a, 7, 8);
    const t = PendingTensor.rebuild(a[0], a[1], a[2], a[3], a[4]);
    check(a[6] instanceof TorchDType && a[6].name === t.dtype, `_rebuild_tensor_v3: the dtype ${a[6] instanceof TorchDType ? a[6].name : describePy(a[6])} differs from the storage's ${t.dtype}`);
    return t;
  }));
  add(fn('torch._utils._rebuild_parameter', (a) => {
    arity('_rebuild_parameter', a, 3);
    return PendingTensor.parameterOf(a[0], a[1]);
  }));
  add(fn('torch._utils._rebuild_parameter_with_state', (a) => {
    arity('_rebuild_parameter_with_state', a, 4);
    return PendingTensor.parameterOf(a[0], a[1]);
  }));
  const parameterNew = (a: readonly unknown[]): PendingTensor => {
    arity('Parameter', a, 1, 2);
    return PendingTensor.parameterOf(a[0], a[1] ?? true);
  };
  add(fn(PARAMETER, parameterNew, parameterNew));
  const fromType = (name: string) => fn(name, (a) => {
    arity(name, a, 4);
    const [func, type, args] = a;
    check(typeof func === 'object' && func !== null && typeof (func as PyGlobal).call === 'function' && (func as PyGlobal).qualname.startsWith('torch._utils._rebuild_'),
      `${name} may only call a tensor rebuild function, got ${describePy(func)}`);
    const made = (func as PyGlobal).call!(args as unknown[]);
    const typeName = (type as PyGlobal | null)?.qualname;
    if (typeName === PARAMETER && made instanceof PendingTensor) return PendingTensor.parameterOf(made, true);
    check(typeName === 'torch.Tensor', `${name}: tensor subclass ${String(typeName)} is not supported`);
    return made;
  });
  add(fromType('torch._tensor._rebuild_from_type_v2'));
  add(fromType('torch._tensor._rebuild_from_type'));
  add(fn('torch.Tensor', () => new PendingTensor('float32'), () => new PendingTensor('float32')));

  for (const name of ['_rebuild_sparse_tensor', '_rebuild_sparse_csr_tensor', '_rebuild_nested_tensor']) add(unsupportedTensor(`torch._utils.${name}`, 'a sparse or nested tensor'));
  add(unsupportedTensor('torch._utils._rebuild_qtensor', 'a quantized tensor'));
  add(unsupportedTensor('torch._utils._rebuild_meta_tensor_no_storage', 'a meta tensor'));
  add(unsupportedTensor('torch._utils._rebuild_device_tensor_from_numpy', 'a tensor saved through numpy'));
  add(unsupportedTensor('torch._utils._rebuild_wrapper_subclass', 'a tensor subclass'));

  for (const [cls, dtype] of Object.entries(STORAGE_CLASS_DTYPE)) {
    t.set(`torch.${cls}`, new StorageType(`torch.${cls}`, dtype, dtype));
    // Legacy pickles name the tensor class (torch.FloatTensor) and BUILD its layout.
    const tensorClass = `torch.${cls.replace('Storage', 'Tensor')}`;
    add(fn(tensorClass, () => new PendingTensor(dtype), () => new PendingTensor(dtype)));
  }
  for (const [cls, torchDType] of Object.entries(UNSUPPORTED_STORAGE_CLASSES)) t.set(`torch.${cls}`, new StorageType(`torch.${cls}`, null, torchDType));
  for (const q of ['torch.UntypedStorage', 'torch.storage.UntypedStorage', 'torch.storage._UntypedStorage']) t.set(q, new StorageType(q, 'uint8', 'uint8'));
  for (const [attr, name] of Object.entries(TORCH_DTYPE_NAMES)) t.set(`torch.${attr}`, new TorchDType(name));

  add(fn('torch.device', (a) => {
    arity('torch.device', a, 1, 2);
    check(typeof a[0] === 'string', 'torch.device expects a str');
    return a.length === 2 && a[1] !== null ? `${a[0] as string}:${String(a[1])}` : (a[0] as string);
  }));
  add(fn('torch.Size', (a) => {
    arity('torch.Size', a, 0, 1);
    const dims = a[0] ?? [];
    check(Array.isArray(dims), 'torch.Size expects a tuple');
    return [...(dims as unknown[])];
  }));
  add(fn('torch.serialization._get_layout', (a) => {
    arity('_get_layout', a, 1);
    return a[0];
  }));

  const setOf = (frozen: boolean) => (a: readonly unknown[]): PySet => {
    const s = new PySet(frozen);
    if (a.length > 0) {
      const src = a[0];
      // Loops, not push(...items): a set may hold more items than a call may take arguments.
      if (Array.isArray(src)) for (const v of src) s.items.push(v);
      else if (src instanceof PySet) for (const v of src.items) s.items.push(v);
      else throw new SerializationError(`set() expects a list, got ${describePy(src)}`);
    }
    return s;
  };
  add(fn('builtins.set', setOf(false)));
  add(fn('builtins.frozenset', setOf(true)));
  add(fn('_codecs.encode', (a) => {
    arity('_codecs.encode', a, 2);
    return latin1Bytes(a[0], a[1], '_codecs.encode');
  }));
  add(fn('builtins.bytearray', (a) => (a.length === 0 ? new Uint8Array(0) : a[0] instanceof Uint8Array ? a[0].slice() : latin1Bytes(a[0], a[1], 'bytearray'))));

  for (const mod of ['numpy', 'numpy.core.multiarray', 'numpy._core.multiarray']) {
    if (mod === 'numpy') {
      add(fn('numpy.dtype', (a) => {
        check(typeof a[0] === 'string', 'numpy.dtype expects a str');
        return new NumpyDType(a[0] as string);
      }));
      continue;
    }
    add(fn(`${mod}.scalar`, (a) => {
      arity('numpy scalar', a, 1, 2);
      const dt = a[0];
      check(dt instanceof NumpyDType, 'numpy scalar: expected a numpy dtype');
      const kind = NUMPY_SCALARS[(dt as NumpyDType).code];
      if (kind === undefined) throw new SerializationError(`numpy scalars of dtype '${(dt as NumpyDType).code}' are not supported`);
      const raw = a[1];
      check(raw instanceof Uint8Array && raw.length === kind[0], 'numpy scalar: its bytes do not match its dtype');
      const b = raw as Uint8Array;
      return kind[1](new DataView(b.buffer, b.byteOffset, b.byteLength), (dt as NumpyDType).littleEndian);
    }));
  }
  return t;
}

let table: Map<string, unknown> | null = null;

const PY2_MODULES: Record<string, string> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

/**
 * Resolves GLOBAL module.name for a PyTorch pickle: an allowlisted value, a class the program
 * registered, or an UnpicklingError naming the global.
 */
export function findTorchGlobal(module: string, name: string): unknown {
  table ??= buildTable();
  const qualname = `${PY2_MODULES[module] ?? module}.${name}`;
  const known = table.get(qualname);
  if (known !== undefined) return known;
  const codec = codecForName(qualname);
  if (codec !== undefined) {
    const make = (): PendingObject => new PendingObject(codec);
    return fn(qualname, make, make);
  }
  const modules = getModuleCodec();
  if (modules !== null && modules.knows(qualname)) {
    // The one place a class from a file is accepted: a module class of the registry, rebuilt by its own code.
    const make = (args: readonly unknown[]): PendingModule => {
      check(args.length === 0, `${qualname} is made without arguments (cls.__new__(cls)), got ${args.length}`);
      return new PendingModule(qualname, modules);
    };
    return fn(qualname, make, make);
  }
  let hint = '';
  if (qualname === 'torch.nn.parallel.data_parallel.DataParallel' || qualname === 'torch.nn.parallel.distributed.DistributedDataParallel') {
    hint =
      ` This file holds a whole ${name} model, which has no @x counterpart: in PyTorch, save model.module.state_dict(),` +
      " or load model.state_dict() here and strip its 'module.' prefix with nn.stripDataParallelPrefix before model.loadStateDict.";
  } else if (qualname.startsWith('torch.nn.modules.') || qualname.startsWith('__main__.') || qualname.startsWith('torchvision.') || qualname.startsWith('torch.optim.')) {
    const cls = qualname.slice(qualname.lastIndexOf('.') + 1);
    hint =
      ` This file holds a whole pickled object (torch.save(model)), and ${qualname} is not a module class @x knows:` +
      ` whole models load only when every class is one of @x/nn's layers or registered with nn.registerModuleClass(${cls}` +
      `${qualname.startsWith('__main__.') ? '' : `, { pythonName: '${qualname}' }`}).` +
      ' Better, save model.state_dict() in PyTorch and load it with model.loadStateDict(await torch.load(path)), as PyTorch recommends.';
  }
  throw new UnpicklingError(
    `Unsupported global: GLOBAL ${qualname} was refused. load() rebuilds only tensors, storages, OrderedDicts, dtypes and plain data — like torch.load(weights_only=True) — and never runs code from a file.${hint}`,
  );
}

