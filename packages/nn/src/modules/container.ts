/** Containers: Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict. */
import { dtypeName, legacyTypeName, signature, Tensor } from '@x/tensor';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { containerKeepsNothing, keepsNothing } from './keeps-nothing';

type Children = Module[] | [Record<string, Module> | Map<string, Module>];

function isNamed(args: unknown[]): args is [Record<string, Module> | Map<string, Module>] {
  return args.length === 1 && !(args[0] instanceof Module) && typeof args[0] === 'object' && args[0] !== null;
}

function normIndex(i: number, n: number, what: string): number {
  if (!Number.isInteger(i) || i < -n || i >= n) throw new RangeError(`index ${i} is out of range for ${what} of length ${n}`);
  return i < 0 ? i + n : i;
}

const SEQUENTIAL_SIGNATURE = signature('Sequential(Module|dict... args=())');

/**
 * Modules run in order, each fed the previous one's output. `forward` takes and returns a Tensor; a
 * chain that passes something else names its input and output types: an LSTM's `[output, [h, c]]`
 * is `new nn.Sequential<Tensor, [Tensor, [Tensor, Tensor]]>(new nn.LSTM(10, 20))`.
 *
 * @example
 * const net = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
 * const logits = net.forward(torch.randn(64, 784)); // a Tensor, no cast
 * const named = new nn.Sequential({ conv: new nn.Conv2d(1, 6, 5), relu: new nn.ReLU() });
 */
export class Sequential<In = Tensor, Out = Tensor> extends Module {
  [index: number]: Module;

  constructor(...args: Children) {
    super();
    const modules = SEQUENTIAL_SIGNATURE.parse<{ args: Children }>(args).args;
    if (isNamed(modules)) {
      const entries = modules[0] instanceof Map ? [...modules[0].entries()] : Object.entries(modules[0]);
      for (const [k, m] of entries) this.addModule(k, m);
    } else modules.forEach((m, i) => this.addModule(String(i), m));
  }

  /**
   * Runs the modules in order. A tensor passed between two of @x's own layers (used as they are, no
   * hooks) is freed once the second has run: nothing but the gradient graph, which holds its own
   * reference, can reach it any more (as PyTorch frees it when its last reference goes).
   */
  forward(input: In): Out {
    let x: unknown = input;
    let prevKeepsNothing = false;
    for (const m of this.children()) {
      const y = (m as unknown as { forward(a: unknown): unknown }).forward(x);
      const keeps = keepsNothing(m);
      if (prevKeepsNothing && keeps && x !== input && x !== y && x instanceof Tensor && !(x instanceof Parameter)) x.dispose();
      prevKeepsNothing = keeps;
      x = y;
    }
    return x as Out;
  }

  get length(): number {
    return [...this.namedChildren()].length;
  }

  /** seq[i] with negative indices: the i-th module. */
  at(i: number): Module {
    const list = [...this.children()];
    return list[normIndex(i, list.length, 'Sequential')]!;
  }

  /** seq[start:end] as a new Sequential sharing the modules (names kept, as PyTorch). */
  slice(start?: number, end?: number): Sequential {
    const entries = [...this.namedChildren()].slice(start, end);
    return new Sequential(new Map(entries));
  }

  append(module: Module): this {
    this.addModule(String(this.length), module);
    return this;
  }

  [Symbol.iterator](): IterableIterator<Module> {
    return this.children();
  }
}
containerKeepsNothing(Sequential);

/** A list of modules, registered as children '0', '1', … (no forward of its own). */
export class ModuleList extends Module {
  [index: number]: Module;

  constructor(...args: [modules?: Iterable<Module> | null] | [options: { modules?: Iterable<Module> | null }]) {
    super();
    const { modules } = signature('ModuleList(iterable? modules=None)').parse<{ modules: Iterable<Module> | null }>(args);
    for (const m of modules ?? []) this.append(m);
  }

  forward(): never {
    throw new Error('Module [ModuleList] is missing the required "forward" function');
  }

  get length(): number {
    return [...this.namedChildren()].length;
  }

  at(i: number): Module {
    const list = [...this.children()];
    return list[normIndex(i, list.length, 'ModuleList')]!;
  }

  append(module: Module): this {
    this.addModule(String(this.length), module);
    return this;
  }

  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  insert(index: number, module: Module): this {
    const list = [...this.children()];
    const at = index < 0 ? Math.max(0, list.length + index) : Math.min(index, list.length);
    list.splice(at, 0, module);
    list.forEach((m, i) => this.addModule(String(i), m));
    return this;
  }

  [Symbol.iterator](): IterableIterator<Module> {
    return this.children();
  }
}

/** Modules by name, in insertion order. */
export class ModuleDict extends Module {
  constructor(...args: [modules?: Record<string, Module> | Map<string, Module> | null]) {
    super();
    const { modules } = signature('ModuleDict(dict? modules=None)').parse<{ modules: Record<string, Module> | Map<string, Module> | null }>(args);
    this.update(modules ?? {});
  }

  forward(): never {
    throw new Error('Module [ModuleDict] is missing the required "forward" function');
  }

  get(key: string): Module | undefined {
    return new Map(this.namedChildren()).get(key);
  }
  set(key: string, module: Module): this {
    this.addModule(key, module);
    return this;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  delete(key: string): boolean {
    return delete (this as unknown as Record<string, unknown>)[key];
  }
  keys(): string[] {
    return [...this.namedChildren()].map(([k]) => k);
  }
  values(): Module[] {
    return [...this.children()];
  }
  items(): [string, Module][] {
    return [...this.namedChildren()];
  }
  update(modules: Record<string, Module> | Map<string, Module>): this {
    const entries = modules instanceof Map ? [...modules.entries()] : Object.entries(modules);
    for (const [k, m] of entries) this.addModule(k, m);
    return this;
  }
  get length(): number {
    return this.keys().length;
  }
}

// PyTorch 1.13's two spellings: ParameterList names the dtype, ParameterDict the legacy tensor type.
function paramRepr(p: Tensor, legacyType: boolean): string {
  const type = legacyType ? legacyTypeName(p.dtype) : dtypeName(p.dtype);
  return `Parameter containing: [${type} of size ${p.shape.join('x')}]`;
}

/** A list of parameters, registered as '0', '1', … */
export class ParameterList extends Module {
  [index: number]: Parameter;

  constructor(...args: [values?: Iterable<Parameter | Tensor> | null] | [options: { values?: Iterable<Parameter | Tensor> | null }]) {
    super();
    const { values } = signature('ParameterList(iterable? values=None)').parse<{ values: Iterable<Parameter | Tensor> | null }>(args);
    for (const p of values ?? []) this.append(p);
  }

  forward(): never {
    throw new Error('Module [ParameterList] is missing the required "forward" function');
  }

  get length(): number {
    return [...this.ownParameters()].length;
  }
  at(i: number): Parameter {
    const list = [...this.ownParameters()];
    return list[normIndex(i, list.length, 'ParameterList')]![1];
  }
  append(p: Parameter | Tensor): this {
    this.registerParameter(String(this.length), p instanceof Parameter ? p : new Parameter(p));
    return this;
  }
  extend(params: Iterable<Parameter | Tensor>): this {
    for (const p of params) this.append(p);
    return this;
  }
  [Symbol.iterator](): IterableIterator<Parameter> {
    return [...this.ownParameters()].map(([, p]) => p)[Symbol.iterator]();
  }
  override extraRepr(): string {
    return [...this.ownParameters()].map(([k, p]) => `  (${k}): ${paramRepr(p, false)}`).join('\n');
  }
}

/** Parameters by name, in insertion order. */
export class ParameterDict extends Module {
  constructor(...args: [parameters?: Record<string, Parameter | Tensor> | Map<string, Parameter | Tensor> | null]) {
    super();
    const { parameters } = signature('ParameterDict(dict? parameters=None)').parse<{ parameters: Record<string, Parameter | Tensor> | Map<string, Parameter | Tensor> | null }>(args);
    this.update(parameters ?? {});
  }

  /**
   * Adds or replaces parameters from an object, a Map, another ParameterDict or [key, parameter]
   * pairs, in their order (PyTorch's ParameterDict.update).
   *
   * @example
   * this.params.update({ linear3: new nn.Parameter(torch.randn(4, 2)) });
   */
  update(params: Record<string, Parameter | Tensor> | Map<string, Parameter | Tensor> | ParameterDict | Iterable<[string, Parameter | Tensor]>): this {
    let entries: Iterable<[string, Parameter | Tensor]>;
    if (params instanceof ParameterDict) entries = params.items();
    else if (params instanceof Map) entries = params.entries();
    else if (typeof (params as Iterable<unknown>)[Symbol.iterator] === 'function') {
      entries = [...(params as Iterable<unknown>)].map((e, i) => {
        if (!Array.isArray(e) || e.length !== 2) {
          throw new TypeError(`ParameterDict update sequence element #${i} should be a [key, parameter] pair${Array.isArray(e) ? `; has length ${e.length}` : ''}`);
        }
        return e as [string, Parameter | Tensor];
      });
    } else entries = Object.entries(params as Record<string, Parameter | Tensor>);
    for (const [k, p] of entries) this.set(k, p);
    return this;
  }

  forward(): never {
    throw new Error('Module [ParameterDict] is missing the required "forward" function');
  }

  get(key: string): Parameter | undefined {
    return new Map(this.ownParameters()).get(key);
  }
  set(key: string, p: Parameter | Tensor): this {
    this.registerParameter(key, p instanceof Parameter ? p : new Parameter(p));
    return this;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  delete(key: string): boolean {
    return this.has(key) && delete (this as unknown as Record<string, unknown>)[key];
  }
  keys(): string[] {
    return [...this.ownParameters()].map(([k]) => k);
  }
  values(): Parameter[] {
    return [...this.ownParameters()].map(([, p]) => p);
  }
  items(): [string, Parameter][] {
    return [...this.ownParameters()];
  }
  get length(): number {
    return this.keys().length;
  }
  override extraRepr(): string {
    return [...this.ownParameters()].map(([k, p]) => `  (${k}): ${paramRepr(p, true)}`).join('\n');
  }
}
