/**
 * Whole modules in PyTorch's files (torch.save(model)): the codec @x/serialize uses to pickle a
 * module as PyTorch does — its class, then its `__dict__` — and to rebuild one. Only classes in this
 * registry are ever rebuilt: @x/nn's layers (builtin-layers.ts) and the classes a program registers
 * with registerModuleClass. The file's class name only selects an entry; its attributes are checked
 * and handed to that entry's own constructor, so loading never runs code from the file.
 */
import { registerPythonTypeName, sameShape, Tensor } from '@x/tensor';
import { Module, moduleBufferTable } from '../module';
import { Parameter } from '../parameter';
import { BUILTIN_LAYERS, type AttrKind, type AttrSpec, type LayerSpec } from './builtin-layers';

/** camelCase → snake_case: a JavaScript attribute's name in PyTorch's pickled module state. */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A module's pickled `__dict__`, taken apart (the shape @x/serialize's ModuleCodec uses). */
export interface TorchModuleState {
  training: boolean;
  parameters: Map<string, Tensor | null>;
  buffers: Map<string, Tensor | null>;
  nonPersistent: Set<string>;
  modules: Map<string, object | null>;
  attributes: Map<string, unknown>;
}

interface Registered {
  readonly pythonName: string;
  readonly create: (state: TorchModuleState) => Module;
}

const layerByCtor = new Map<unknown, LayerSpec>(BUILTIN_LAYERS.map((s) => [s.ctor, s]));
const layerByName = new Map<string, LayerSpec>(BUILTIN_LAYERS.map((s) => [s.pythonName, s]));
const registeredByCtor = new Map<unknown, Registered>();
const registeredByName = new Map<string, Registered>();
// torch.typename(new nn.Linear(2, 2)) is 'torch.nn.modules.linear.Linear', as in PyTorch.
for (const s of BUILTIN_LAYERS) registerPythonTypeName(s.ctor as abstract new () => Module, s.pythonName);

/**
 * Lets modules of `ctor` be saved whole (`torch.save(model, path)`) and loaded back, here and — when
 * the Python program has a class of that name — in PyTorch, whose file names `__main__.<ClassName>`
 * unless `pythonName` says otherwise ('torchvision.models.resnet.ResNet').
 *
 * Loading makes the module with `create` (default: `new ctor()`), then sets from the file, as PyTorch's
 * `__setstate__` does: its children (rebuilt the same way), parameters, buffers, `training`, and the
 * data fields the module already has (file's `num_classes` → `numClasses`). A child or parameter the
 * new module has and the file lacks is an error: the file is not of this class.
 *
 * @example
 * class Net extends nn.Module { fc = new nn.Linear(4, 2); forward(x: Tensor) { return this.fc.forward(x); } }
 * nn.registerModuleClass(Net);
 * await torch.save(new Net(), 'net.pth');          // PyTorch: torch.load('net.pth') with its own __main__.Net
 * const net = (await torch.load('net.pth')) as Net;
 */
export function registerModuleClass<T extends Module>(
  ctor: abstract new (...args: any[]) => T,
  options: { pythonName?: string; create?: (state: TorchModuleState) => T } = {},
): void {
  const pythonName = options.pythonName ?? `__main__.${ctor.name}`;
  if (!/^[A-Za-z_][\w.]*\.[A-Za-z_]\w*$/.test(pythonName)) throw new TypeError(`registerModuleClass: '${pythonName}' is not a Python 'module.ClassName'`);
  if (layerByCtor.has(ctor)) throw new TypeError(`registerModuleClass: ${ctor.name} is built into @x/nn (${layerByCtor.get(ctor)!.pythonName}) and needs no registration`);
  if (layerByName.has(pythonName)) throw new TypeError(`registerModuleClass: '${pythonName}' is the name of an @x/nn layer`);
  const other = registeredByName.get(pythonName);
  if (other !== undefined && registeredByCtor.get(ctor) !== other) throw new TypeError(`registerModuleClass: '${pythonName}' is already registered for another class`);
  const create = options.create ?? ((): T => {
    try {
      return new (ctor as unknown as new () => T)();
    } catch {
      // A constructor that needs its arguments (the seed's Model(net)): made as PyTorch's unpickler
      // makes every module, without running __init__; the file then gives all of its fields.
      return Reflect.construct(Module as unknown as new () => T, [], ctor);
    }
  });
  const entry: Registered = { pythonName, create };
  registeredByCtor.set(ctor, entry);
  registeredByName.set(pythonName, entry);
  registerPythonTypeName(ctor, pythonName);
}

const camel = (py: string): string => py.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

// ---- Python attribute values

/**
 * An attribute as PyTorch's pickle holds it. JavaScript has no tuple and no float-that-is-whole, so
 * `{ pyTuple }` and `{ pyFloat }` mark them for the pickler; other numbers are ints when whole.
 */
export type PyAttr = { pyTuple: unknown[] } | { pyFloat: number } | number | string | boolean | null | unknown[];

function isIntArray(v: unknown, allowNull = false): v is (number | null)[] {
  return Array.isArray(v) && v.every((x) => (typeof x === 'number' && Number.isInteger(x)) || (allowNull && x === null));
}

/** The Python value of attribute `spec` of module `m` (throws naming it if the field does not fit). */
function encodeAttr(m: Module, spec: AttrSpec, cls: string): PyAttr {
  const v = spec.get ? spec.get(m) : (m as unknown as Record<string, unknown>)[camel(spec.py)];
  // A derived attribute may come already marked ({ pyTuple }), or as a list where PyTorch has one.
  if (spec.get && typeof v === 'object' && v !== null) return v as PyAttr;
  const bad = (): never => {
    throw new TypeError(`cannot save ${cls}: its ${camel(spec.py)} (${JSON.stringify(v)}) is not a ${spec.kind} as PyTorch's ${spec.py} is`);
  };
  const kind = spec.kind.replace('?', '') as AttrKind;
  if (v === null && spec.kind.endsWith('?')) return null;
  switch (kind) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? v : bad();
    case 'float':
      return typeof v === 'number' ? { pyFloat: v } : bad();
    case 'num':
      return typeof v === 'number' ? v : bad();
    case 'bool':
      return typeof v === 'boolean' ? v : bad();
    case 'str':
      return typeof v === 'string' ? v : bad();
    case 'ints':
      return isIntArray(v) ? { pyTuple: [...v] } : bad();
    case 'size':
      return typeof v === 'number' && Number.isInteger(v) ? v : isIntArray(v, spec.kind === 'size?') ? { pyTuple: [...v] } : bad();
    case 'padding':
      return v === 'same' || v === 'valid' ? v : isIntArray(v) ? { pyTuple: [...v] } : bad();
    default:
      return bad();
  }
}

/** Checks a pickled attribute against its kind and gives the constructor's value. */
function decodeAttr(v: unknown, spec: AttrSpec, cls: string): unknown {
  const bad = (): never => {
    throw new Error(`the pickled ${cls} has ${spec.py} = ${describe(v)}, expected ${spec.kind.endsWith('?') ? 'None or ' : ''}${spec.kind.replace('?', '')}`);
  };
  if (v === null || v === undefined) return spec.kind.endsWith('?') ? null : bad();
  switch (spec.kind.replace('?', '') as AttrKind) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? v : bad();
    case 'float':
    case 'num':
      return typeof v === 'number' ? v : bad();
    case 'bool':
      return typeof v === 'boolean' ? v : bad();
    case 'str':
      return typeof v === 'string' ? v : bad();
    case 'ints':
      return isIntArray(v) ? [...v] : bad();
    case 'size':
      return typeof v === 'number' && Number.isInteger(v) ? v : isIntArray(v, spec.kind === 'size?') ? [...v] : bad();
    case 'padding':
      return v === 'same' || v === 'valid' ? v : isIntArray(v) ? [...v] : bad();
    default:
      return bad();
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v instanceof Tensor) return 'a tensor';
  if (typeof v === 'object' && !Array.isArray(v)) return `an object (${v.constructor?.name ?? 'Object'})`;
  return JSON.stringify(v) ?? String(v);
}

// ---- saving

/** The fields of a registered module that PyTorch would hold in its __dict__ as plain data. */
function dataFields(m: Module): Map<string, PyAttr> {
  const out = new Map<string, PyAttr>();
  for (const [k, v] of Object.entries(m)) {
    if (k === 'training') continue;
    const primitive = (x: unknown): boolean => x === null || ['number', 'string', 'boolean'].includes(typeof x);
    if (primitive(v) || (Array.isArray(v) && v.every(primitive))) out.set(snake(k), v as PyAttr);
  }
  return out;
}

function stateOf(x: object): TorchModuleState {
  const m = x as Module;
  const spec = layerByCtor.get(m.constructor);
  const cls = spec?.pythonName ?? registeredByCtor.get(m.constructor)?.pythonName ?? m.constructor.name;
  const parameters = new Map<string, Tensor | null>();
  for (const name of spec?.params ?? []) {
    const p = (m as unknown as Record<string, unknown>)[name];
    parameters.set(name, p instanceof Parameter ? p : null);
  }
  for (const [name, p] of m.ownParameters()) if (!parameters.has(name)) parameters.set(name, p);
  const table = moduleBufferTable(m);
  const modules = new Map<string, object | null>(m.namedChildren());
  if (spec !== undefined && !spec.container && modules.size > 0) {
    throw new TypeError(`cannot save ${cls}: children were added to this layer (${[...modules.keys()].join(', ')}), which PyTorch's ${spec.pythonName} does not have`);
  }
  const attributes = new Map<string, unknown>();
  if (spec !== undefined) for (const a of spec.attrs) attributes.set(a.py, encodeAttr(m, a, cls));
  else for (const [k, v] of dataFields(m)) attributes.set(k, v);
  return { training: m.training, parameters, buffers: new Map(table.buffers), nonPersistent: new Set(table.nonPersistent), modules, attributes };
}

// ---- loading

function asParameter(t: Tensor, where: string): Parameter {
  if (t instanceof Parameter) return t;
  if (!(t instanceof Tensor)) throw new Error(`${where} is ${describe(t)}, not a tensor`);
  return new Parameter(t, t.requiresGrad);
}

const shapeText = (t: Tensor): string => `[${t.shape.join(', ')}]`;

/**
 * A name from the file that becomes a property of the module: a plain attribute name that is free or
 * already holds what it will hold (a child, a parameter) — never one of the module's methods or
 * accessors ('forward', 'length'), nor '__proto__'/'constructor'.
 */
function checkName(m: Module, name: string, what: 'child' | 'parameter' | 'buffer', cls: string): void {
  const refuse = (): never => {
    throw new Error(`the pickled ${cls} has a ${what} named '${name.slice(0, 40)}', which cannot be a field of ${m.constructor.name}`);
  };
  if (!/^[A-Za-z0-9_]+$/.test(name) || ['__proto__', 'constructor', 'prototype'].includes(name)) refuse();
  if (!(name in m)) return;
  const own = Object.getOwnPropertyDescriptor(m, name);
  if (own === undefined || !('value' in own)) refuse();
  const v = own!.value as unknown;
  // undefined: a field the class declares and its constructor, run without arguments, left unset (this.net = net).
  const fits = v === null || v === undefined || (what === 'child' ? v instanceof Module : what === 'parameter' ? v instanceof Parameter : false);
  if (!fits) refuse();
}

function checkChild(name: string, child: unknown, cls: string): Module | null {
  if (child === null || child instanceof Module) return child;
  throw new Error(`the pickled ${cls} has a child '${name}' that is ${describe(child)}, not a module`);
}

/** A built-in layer: its constructor, given the checked attributes, then the file's tensors. */
function rebuildLayer(spec: LayerSpec, s: TorchModuleState): Module {
  const cls = spec.pythonName;
  const options: Record<string, unknown> = {};
  for (const a of spec.attrs) {
    if (a.ctor === false || (a.get !== undefined && a.ctor !== true)) continue;
    if (!s.attributes.has(a.py)) throw new Error(`the pickled ${cls} has no attribute ${a.py}`);
    options[camel(a.py)] = decodeAttr(s.attributes.get(a.py), a, cls);
  }
  if (spec.biasFlag) options.bias = s.parameters.get('bias') != null;
  if (spec.tensors !== undefined) {
    for (const [name, shape] of Object.entries(spec.tensors(options))) {
      const t = s.parameters.has(name) ? s.parameters.get(name)! : (s.buffers.get(name) ?? null);
      const fits = shape === null ? t === null : t instanceof Tensor && sameShape(t.shape, shape);
      if (!fits) {
        const want = shape === null ? 'None' : `shape [${shape.join(', ')}]`;
        throw new Error(`the pickled ${cls}'s ${name} is ${t === null ? 'None' : t instanceof Tensor ? `of shape ${shapeText(t)}` : describe(t)}, but its attributes make one of ${want}`);
      }
    }
  }
  let m: Module;
  try {
    m = spec.make ? spec.make(options) : new (spec.ctor as unknown as new (o: object) => Module)(options);
  } catch (e) {
    throw new Error(`the pickled ${cls}'s attributes do not make a layer: ${(e as Error).message}`);
  }
  const own = m as unknown as Record<string, unknown>;
  const expected = new Set([...(spec.params ?? []), ...[...m.ownParameters()].map(([k]) => k)]);
  for (const name of expected) {
    if (!s.parameters.has(name)) throw new Error(`the pickled ${cls} has no parameter '${name}'`);
  }
  for (const [name, p] of s.parameters) {
    const current = own[name];
    checkName(m, name, 'parameter', cls);
    if (!expected.has(name)) throw new Error(`the pickled ${cls} has a parameter '${name}' that ${cls.split('.').pop()} does not have`);
    if (p === null) {
      if (current instanceof Parameter) throw new Error(`the pickled ${cls}'s ${name} is None, but its attributes make a layer that has one`);
      continue;
    }
    if (!(current instanceof Parameter)) throw new Error(`the pickled ${cls} has a ${name}, but its attributes make a layer without one`);
    if (!sameShape(current.shape, p.shape)) throw new Error(`the pickled ${cls}'s ${name} has shape ${shapeText(p)}, its attributes give ${shapeText(current)}`);
    own[name] = asParameter(p, `${cls}.${name}`);
    current.dispose();
  }
  const table = moduleBufferTable(m);
  for (const [name, b] of s.buffers) {
    if (!table.buffers.has(name)) throw new Error(`the pickled ${cls} has a buffer '${name}' that ${cls.split('.').pop()} does not have`);
    const current = table.buffers.get(name) ?? null;
    if (b !== null && current !== null && !sameShape(current.shape, b.shape)) throw new Error(`the pickled ${cls}'s buffer ${name} has shape ${shapeText(b)}, its attributes give ${shapeText(current)}`);
    if (b !== null && !(b instanceof Tensor)) throw new Error(`the pickled ${cls}'s buffer ${name} is ${describe(b)}`);
    m.setBuffer(name, b);
    if (current !== null && current !== b) current.dispose();
  }
  if (spec.container) {
    for (const [name, child] of s.modules) {
      checkName(m, name, 'child', cls);
      const c = checkChild(name, child, cls);
      if (c !== null) m.addModule(name, c);
    }
  } else if ([...s.modules.values()].some((c) => c !== null)) {
    throw new Error(`the pickled ${cls} has children (${[...s.modules.keys()].join(', ')}), which ${cls.split('.').pop()} does not`);
  }
  m.training = s.training;
  return m;
}

/** A registered class: made by its create(), then given the file's children, tensors and fields. */
function rebuildRegistered(entry: Registered, s: TorchModuleState): Module {
  const cls = entry.pythonName;
  const m = entry.create(s);
  const own = m as unknown as Record<string, unknown>;
  const made = new Map(m.namedChildren());
  for (const [name] of made) {
    if (!s.modules.has(name)) throw new Error(`the pickled ${cls} has no child '${name}', which the ${m.constructor.name} made to load it has: the file is not of this class`);
  }
  for (const [name] of m.ownParameters()) {
    if (!s.parameters.has(name)) throw new Error(`the pickled ${cls} has no parameter '${name}', which the ${m.constructor.name} made to load it has: the file is not of this class`);
  }
  for (const [name, child] of s.modules) {
    checkName(m, name, 'child', cls);
    const c = checkChild(name, child, cls);
    const before = made.get(name);
    own[name] = c;
    if (before !== undefined && before !== c) for (const t of [...before.parameters(), ...before.buffers()]) t.dispose();
  }
  for (const [name, p] of s.parameters) {
    checkName(m, name, 'parameter', cls);
    const before = own[name];
    own[name] = p === null ? null : asParameter(p, `${cls}.${name}`);
    if (before instanceof Parameter && before !== own[name]) before.dispose();
  }
  for (const [name, b] of s.buffers) {
    checkName(m, name, 'buffer', cls);
    m.registerBuffer(name, b, { persistent: !s.nonPersistent.has(name) });
  }
  for (const [py, v] of s.attributes) {
    const key = camel(py);
    // Data fields only: the module's own ones, or new plain names (a module made without its
    // constructor has none yet) — never a method, an accessor or anything else inherited.
    const isOwn = Object.prototype.hasOwnProperty.call(own, key);
    if (!isOwn && (key in own || !/^[A-Za-z][A-Za-z0-9_]*$/.test(key))) continue;
    if (isOwn && (own[key] instanceof Module || own[key] instanceof Tensor || typeof own[key] === 'function')) continue;
    const primitive = (x: unknown): boolean => x === null || ['number', 'string', 'boolean'].includes(typeof x);
    if (primitive(v) || (Array.isArray(v) && v.every(primitive))) own[key] = v;
  }
  m.training = s.training;
  return m;
}

/**
 * The codec @x/serialize uses for whole modules (registerModuleCodec; @x/torch installs it): the
 * built-in layers and the registered classes, nothing else.
 */
export const moduleCodec = {
  pythonNameOf(x: object): string | undefined {
    if (!(x instanceof Module)) return undefined;
    return layerByCtor.get(x.constructor)?.pythonName ?? registeredByCtor.get(x.constructor)?.pythonName;
  },
  isModule(x: object): boolean {
    return x instanceof Module;
  },
  stateOf,
  knows(pythonName: string): boolean {
    return layerByName.has(pythonName) || registeredByName.has(pythonName);
  },
  rebuild(pythonName: string, state: TorchModuleState): object {
    const spec = layerByName.get(pythonName);
    if (spec !== undefined) return rebuildLayer(spec, state);
    const entry = registeredByName.get(pythonName);
    if (entry === undefined) throw new Error(`${pythonName} is not a module class @x knows`);
    return rebuildRegistered(entry, state);
  },
};
