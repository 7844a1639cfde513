/**
 * A dataset as it is in the main thread, in the form a worker thread rebuilds it from: what pickle
 * does for PyTorch's spawned workers. The worker gets the object's class and its fields, never runs
 * the constructor again, so whatever the constructor drew at random is the same there. Fields are
 * copied deeply; tensors go as their elements (once, in shared memory); classes and functions go by
 * name, as a module the worker imports and an export. What cannot go fails here, before any worker
 * starts, naming the field and what to do.
 */
import { EventEmitter } from 'node:events';
import { Generator, Tensor } from '@x/tensor';
import { describeKnownModules, findExport, type ExportRef } from './known-modules';
import { moduleSpecifier, type WorkerSource } from './module-ref';
import { toSharedRawTensor } from './raw-tensor';
import { NOT_CONFIGURABLE, NOT_ENUMERABLE, NOT_WRITABLE, type EncodedState, type NameRef, type Node, type Prop, type Slot } from './state-format';
import { isWorkerTransient } from './worker-revive';

const TYPED_ARRAYS: Function[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];
/** Classes whose instances structured clone copies exactly (given this exact class, not a subclass). */
const CLONED = new Set<unknown>([...TYPED_ARRAYS, DataView, ArrayBuffer, SharedArrayBuffer, Date, RegExp, Boolean, Number, String]);
const UNREADABLE = new Set<unknown>([WeakMap, WeakSet, WeakRef, Promise, FinalizationRegistry]);

const WHY =
  "A worker gets the dataset as it is here, as PyTorch's spawned workers unpickle it: its class and fields, without running the constructor again; " +
  'classes and functions go by name, as a module the worker imports and an export of it.';

/** The error for a value at `path` that cannot go to workers: what it is, then what to do. */
export function cannotSend(path: string, what: string, todo: string): TypeError {
  return new TypeError(`DataLoader workers cannot receive ${path}: ${what}. ${todo} (${WHY})`);
}

const orZero = 'or use numWorkers: 0 to read in this thread';

/** `value` as a worker rebuilds it; `check` only: nothing is copied, the walk only fails where a worker could not get it. */
export function encodeState(value: unknown, path: string, options: { check?: boolean } = {}): EncodedState {
  return new StateEncoder(options.check ?? false).encodeRoot(value, path);
}

class StateEncoder {
  private readonly modules: string[] = [];
  private readonly nodes: Node[] = [];
  private readonly seen = new Map<object, number>();

  constructor(private readonly check: boolean) {}

  encodeRoot(value: unknown, path: string): EncodedState {
    const root = this.slot(value, path);
    return { modules: this.modules, nodes: this.nodes, root };
  }

  private moduleIndex(specifier: string): number {
    const i = this.modules.indexOf(specifier);
    return i >= 0 ? i : this.modules.push(specifier) - 1;
  }

  private nameRef(ref: ExportRef): NameRef {
    return { module: this.moduleIndex(ref.module), name: ref.name };
  }

  private slot(value: unknown, path: string): Slot {
    switch (typeof value) {
      case 'undefined':
      case 'boolean':
      case 'number':
      case 'bigint':
      case 'string':
        return value;
      case 'symbol':
        throw cannotSend(path, `it is a symbol (${String(value)}), which belongs to the thread that made it`, `Use a string, ${orZero}.`);
      case 'function':
        return this.ref(value, () => this.functionNode(value, path));
      default:
        if (value === null) return null;
        return this.ref(value as object, (id) => this.objectNode(value as object, path, id));
    }
  }

  /** A reference to obj's node, made on first sight; `make` may fill the node in after reserving it (cycles). */
  private ref(obj: object, make: (id: number) => Node): Slot {
    const known = this.seen.get(obj);
    if (known !== undefined) return { ref: known };
    const id = this.nodes.length;
    this.seen.set(obj, id);
    this.nodes.push(undefined as unknown as Node);
    this.nodes[id] = make(id);
    return { ref: id };
  }

  private functionNode(fn: Function, path: string): Node {
    const ref = findExport(fn);
    if (ref) return { kind: 'export', ref: this.nameRef(ref) };
    const isClass = /^class[\s{]/.test(Function.prototype.toString.call(fn));
    const what = fn.name ? `the ${isClass ? 'class' : 'function'} ${fn.name}` : `an anonymous ${isClass ? 'class' : 'function'}`;
    throw cannotSend(
      path,
      `it is ${what}, which no module the workers know exports (they know ${describeKnownModules()}); ` +
        'a function cannot be copied to another thread (it would lose the variables it closes over), so it can only go by name, ' +
        'and PyTorch refuses a lambda or a local function here too ("Can\'t pickle local object")',
      `Export ${fn.name || 'it'} from the module you load the dataset with datasetFromModule from (workers import that module), ` +
        `make it a method of the dataset's class, ${orZero}.`,
    );
  }

  private objectNode(obj: object, path: string, id: number): Node {
    if (obj instanceof Tensor) return this.tensorNode(obj, path);
    if (obj instanceof Generator && Object.getPrototypeOf(obj) === Generator.prototype) {
      return { kind: 'generator', device: obj.device, state: obj.getState() };
    }
    const proto = Object.getPrototypeOf(obj) as object | null;
    if (proto === Array.prototype) {
      const items = obj as unknown[];
      return { kind: 'array', items: Array.from(items, (v, i) => this.slot(v, `${path}[${i}]`)) };
    }
    if (proto === Object.prototype || proto === null) return this.propsNode(obj, null, path, id);
    if (proto === Map.prototype) {
      const entries: [Slot, Slot][] = [];
      for (const [k, v] of obj as Map<unknown, unknown>) entries.push([this.slot(k, `${path} (a key)`), this.slot(v, `${path}.get(${keyText(k)})`)]);
      return { kind: 'map', entries };
    }
    if (proto === Set.prototype) return { kind: 'set', items: Array.from(obj as Set<unknown>, (v) => this.slot(v, `${path} (an element)`)) };
    if (typeof Buffer !== 'undefined' && Buffer.isBuffer(obj)) return { kind: 'buffer', bytes: new Uint8Array(obj) };
    if (proto === URL.prototype) return { kind: 'url', href: (obj as URL).href };
    const cls = (proto as { constructor?: unknown }).constructor;
    if (CLONED.has(cls)) return { kind: 'clone', value: obj };
    this.refuseBuiltIn(obj, cls, path);
    const source = (obj as { workerSource?: () => WorkerSource | undefined }).workerSource?.();
    if (source) return this.reduceNode(source, path);
    if (typeof cls !== 'function' || (cls as { prototype?: unknown }).prototype !== proto) {
      throw cannotSend(path, `it is an object whose prototype is not its class's (made with Object.create or setPrototypeOf)`, `Make it an instance of an exported class, or a plain object, ${orZero}.`);
    }
    const ref = findExport(cls);
    if (!ref) {
      const name = cls.name || '(anonymous class)';
      throw cannotSend(
        path,
        `it is ${article(name)} ${name}, a class that no module the workers know exports (they know ${describeKnownModules()}), so a worker cannot find its class`,
        path === 'dataset'
          ? `Define ${name} in a module of its own and load the dataset with \`await datasetFromModule(new URL('./module.ts', import.meta.url), '${name}', ...args)\` ` +
              `(the constructor runs once, here), ${orZero}.`
          : `Export ${name} from the module you load the dataset with datasetFromModule from, ${orZero}.`,
      );
    }
    checkNoPrivateFields(cls, path);
    return this.propsNode(obj, ref, path, id);
  }

  private propsNode(obj: object, cls: ExportRef | null, path: string, id: number): Node {
    const node: Node = { kind: 'object', cls: cls ? this.nameRef(cls) : null, props: [] };
    if (cls === null && Object.getPrototypeOf(obj) === null) node.nullProto = true;
    this.nodes[id] = node; // before the fields, which may lead back here
    const symbols = Object.getOwnPropertySymbols(obj);
    if (symbols.length > 0) {
      throw cannotSend(`${path}[${String(symbols[0]!)}]`, 'it is a field whose key is a symbol, which belongs to the thread that made it', `Give it a string key, ${orZero}.`);
    }
    const props: Prop[] = node.props;
    for (const key of Object.getOwnPropertyNames(obj)) {
      const d = Object.getOwnPropertyDescriptor(obj, key)!;
      const at = fieldPath(path, key);
      if (!('value' in d)) {
        throw cannotSend(at, 'it is a getter or setter defined on the object itself, that is, functions', `Define it in the class instead, ${orZero}.`);
      }
      if (isWorkerTransient(d.value)) continue;
      const flags = (d.enumerable ? 0 : NOT_ENUMERABLE) | (d.writable ? 0 : NOT_WRITABLE) | (d.configurable ? 0 : NOT_CONFIGURABLE);
      const value = this.slot(d.value, at);
      props.push(flags ? [key, value, flags] : [key, value]);
    }
    if (Object.isFrozen(obj)) node.integrity = 'frozen';
    else if (Object.isSealed(obj)) node.integrity = 'sealed';
    else if (!Object.isExtensible(obj)) node.integrity = 'nonExtensible';
    return node;
  }

  private tensorNode(t: Tensor, path: string): Node {
    if (!t.backend.readSync) {
      throw cannotSend(path, `it is a tensor on '${t.device}', whose memory only this thread's device can read`, `Move it to the CPU first (t.to('cpu')), ${orZero}.`);
    }
    if (this.check) return { kind: 'tensor', raw: null };
    try {
      return { kind: 'tensor', raw: toSharedRawTensor(t) };
    } catch (e) {
      throw cannotSend(path, `reading the tensor failed (${(e as Error).message})`, `Keep the dataset's tensors alive while the loader uses them, ${orZero}.`);
    }
  }

  private reduceNode(source: WorkerSource, path: string): Node {
    const specifier = moduleSpecifier(source.module);
    return { kind: 'reduce', ref: { module: this.moduleIndex(specifier), name: source.export ?? 'default' }, args: this.slot([...(source.args ?? [])], `${path}.workerSource().args`) };
  }

  /** Built-in objects a thread cannot copy: weak collections, promises, and anything holding an open resource. */
  private refuseBuiltIn(obj: object, cls: unknown, path: string): void {
    const name = (cls as { name?: string } | undefined)?.name || 'object';
    if (UNREADABLE.has(cls)) throw cannotSend(path, `it is ${article(name)} ${name}, whose contents no one can read out`, `Keep it out of the dataset, ${orZero}.`);
    if (obj instanceof EventEmitter || name === 'FileHandle' || name === 'MessagePort' || name === 'Worker') {
      throw cannotSend(
        path,
        `it is ${article(name)} ${name}: an open file, stream, socket or thread belongs to the thread that opened it`,
        `Open it where it is used, lazily in getItem (each worker then opens its own, as in PyTorch), ${orZero}.`,
      );
    }
    for (const base of [Array, Map, Set, ...TYPED_ARRAYS]) {
      if (obj instanceof base) {
        throw cannotSend(path, `it is ${article(name)} ${name}, a subclass of ${base.name}, whose elements a worker could not put back`, `Use a plain ${base.name} (${base === Array ? '[...x]' : `new ${base.name}(x)`}), ${orZero}.`);
      }
    }
  }
}

function article(name: string): string {
  return /^[AEIOU]/i.test(name) ? 'an' : 'a';
}

function keyText(k: unknown): string {
  return typeof k === 'string' ? JSON.stringify(k) : typeof k === 'object' && k !== null ? '…' : String(k);
}

function fieldPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** `#name` fields live outside the object, where no one but the class can read or write them. */
function checkNoPrivateFields(cls: Function, path: string): void {
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype && c !== Object; c = Object.getPrototypeOf(c)) {
    const source = Function.prototype.toString.call(c);
    const m = /\.(#[A-Za-z_$][\w$]*)|(?:^|[\s;{}])(#[A-Za-z_$][\w$]*)\s*(?:[=;(]|in\b|$)/m.exec(source);
    if (m) {
      const name = (c as Function).name || '(anonymous class)';
      throw cannotSend(
        path,
        `its class ${name} has private fields (${m[1] ?? m[2]}), which no code outside the class can read or set, so a worker could not rebuild it`,
        `Make them ordinary fields (TypeScript's \`private\` is fine), ${orZero}.`,
      );
    }
  }
}
