/**
 * nn.Module. Submodules and parameters register themselves by being assigned as properties
 * (`this.fc = new nn.Linear(4, 2)`), in assignment order, as in PyTorch: the module enumerates its
 * own properties and keeps those that are Modules or Parameters. Buffers are registered explicitly.
 * `forward` is wrapped per instance so that calling `net.forward(x)` runs hooks as PyTorch's
 * `__call__` does, and shape errors name the module path (`fc1 (Linear): …`).
 */
import { noGrad } from '@x/autograd';
import { Device, Tensor, cudaDevice, defineType, type DeviceLike, type DType } from '@x/tensor';
import { Parameter } from './parameter';

export type ForwardPreHook = (module: Module, inputs: unknown[]) => unknown[] | void;
export type ForwardHook = (module: Module, inputs: unknown[], output: unknown) => unknown | void;

interface Internals {
  buffers: Map<string, Tensor | null>;
  nonPersistent: Set<string>;
  preHooks: ForwardPreHook[];
  hooks: ForwardHook[];
}

const internals = new WeakMap<Module, Internals>();
/** The forward wrapper each instance got (a forward assigned later replaces it). */
const wrappers = new WeakMap<Module, unknown>();

/** @internal Whether forward hooks (pre or post) are registered on m. */
export function hasHooks(m: Module): boolean {
  const s = internals.get(m);
  return s !== undefined && (s.preHooks.length > 0 || s.hooks.length > 0);
}

/** @internal Whether m's forward is still its class's (not replaced on the instance). */
export function ownForward(m: Module): boolean {
  return wrappers.get(m) === (m as unknown as { forward: unknown }).forward;
}
function state(m: Module): Internals {
  let s = internals.get(m);
  if (!s) {
    s = { buffers: new Map(), nonPersistent: new Set(), preHooks: [], hooks: [] };
    internals.set(m, s);
  }
  return s;
}

/**
 * An Error raised inside a module's forward, annotated on its way out: `module` is the innermost
 * module (its class is named), `path` the names from the outermost module seen so far down to it,
 * and `top` the module that path starts at.
 */
class ModuleError extends Error {
  declare readonly original: Error;
  declare readonly module: Module;
  declare readonly path: string;
  declare readonly top: Module;

  constructor(original: Error, module: Module, path: string, top: Module) {
    const cls = module.constructor.name;
    super(`${path === '' ? cls : `${path} (${cls})`}: ${original.message}`);
    // Not enumerable: test runners serialise an error's own fields, and these reach whole models.
    for (const [k, v] of Object.entries({ original, module, path, top })) {
      Object.defineProperty(this, k, { value: v, enumerable: false });
    }
    this.name = original.name;
    this.stack = `${this.name}: ${this.message}\n${(original.stack ?? '').split('\n').slice(1).join('\n')}`;
  }
}

export type StateDict = Record<string, Tensor>;

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

// @x/data's worker codec protocol (registry symbols: nn does not depend on @x/data)
const WORKER_TRANSIENT = Symbol.for('@x/data.workerTransient');
const WORKER_REVIVE = Symbol.for('@x/data.workerRevive');

export abstract class Module {
  /** Whether the module is in training mode (train()/eval()). */
  training = true;

  constructor() {
    this.wrapForward();
  }

  /** Each instance's forward runs through call(): hooks, and module paths in error messages. */
  private wrapForward(): void {
    const impl = (this as unknown as { forward: (...args: unknown[]) => unknown }).forward;
    if (typeof impl === 'function') {
      const wrapper = (...args: unknown[]): unknown => this.call(impl, args);
      // a DataLoader worker's copy of the module makes its own wrapper (@x/data's worker codec)
      (wrapper as unknown as Record<symbol, boolean>)[WORKER_TRANSIENT] = true;
      wrappers.set(this, wrapper);
      Object.defineProperty(this, 'forward', {
        value: wrapper,
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }

  /** Called on a DataLoader worker's copy of the module (made without the constructor): wraps forward again. */
  [WORKER_REVIVE](): void {
    this.wrapForward();
  }

  abstract forward(...args: never[]): unknown;

  private call(impl: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    const s = internals.get(this);
    let inputs = args;
    if (s) {
      for (const h of s.preHooks) {
        const r = h(this, inputs);
        if (r !== undefined) inputs = Array.isArray(r) ? r : [r];
      }
    }
    let output: unknown;
    try {
      output = impl.apply(this, inputs);
    } catch (e) {
      throw this.annotate(e);
    }
    if (s) {
      for (const h of s.hooks) {
        const r = h(this, inputs, output);
        if (r !== undefined) output = r;
      }
    }
    return output;
  }

  // The innermost module names its class; each parent prepends the name of the child it came through.
  private annotate(e: unknown): unknown {
    if (!(e instanceof Error)) return e;
    if (!(e instanceof ModuleError)) return new ModuleError(e, this, '', this);
    for (const [name, child] of this.namedChildren()) {
      if (child === e.top) return new ModuleError(e.original, e.module, e.path === '' ? name : `${name}.${e.path}`, this);
    }
    return e;
  }

  // ---- registration ----
  /** Adds a parameter (or null, as PyTorch allows for optional ones like a disabled bias). */
  registerParameter(name: string, param: Parameter | null): void {
    (this as unknown as Record<string, unknown>)[name] = param;
  }

  /** Adds a buffer: state that is not a parameter (running statistics); persistent ones go in stateDict. */
  registerBuffer(name: string, tensor: Tensor | null, options: { persistent?: boolean } = {}): void {
    const s = state(this);
    s.buffers.set(name, tensor);
    if (options.persistent === false) s.nonPersistent.add(name);
    else s.nonPersistent.delete(name);
  }

  /** A buffer by its registered (PyTorch) name. */
  getBuffer(name: string): Tensor | null {
    return internals.get(this)?.buffers.get(name) ?? null;
  }

  /** Replaces a registered buffer's tensor (e.g. BatchNorm's running statistics). */
  setBuffer(name: string, tensor: Tensor | null): void {
    const s = state(this);
    if (!s.buffers.has(name)) throw new Error(`'${this.constructor.name}' has no buffer '${name}'`);
    s.buffers.set(name, tensor);
  }

  addModule(name: string, module: Module | null): void {
    if (name.includes('.')) throw new Error(`module name can't contain ".", got: ${name}`);
    if (name === '') throw new Error('module name can\'t be empty string ""');
    (this as unknown as Record<string, unknown>)[name] = module;
  }

  registerModule(name: string, module: Module | null): void {
    this.addModule(name, module);
  }

  // ---- traversal ----
  *namedChildren(): IterableIterator<[string, Module]> {
    for (const [k, v] of Object.entries(this)) if (v instanceof Module) yield [k, v];
  }

  *children(): IterableIterator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }

  *namedModules(prefix = '', memo: Set<Module> = new Set()): IterableIterator<[string, Module]> {
    if (memo.has(this)) return;
    memo.add(this);
    yield [prefix, this];
    for (const [name, child] of this.namedChildren()) yield* child.namedModules(prefix === '' ? name : `${prefix}.${name}`, memo);
  }

  *modules(): IterableIterator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  /** This module's own parameters (not recursing), in registration order; null entries skipped. */
  *ownParameters(): IterableIterator<[string, Parameter]> {
    for (const [k, v] of Object.entries(this)) if (v instanceof Parameter) yield [k, v];
  }

  *namedParameters(prefix = '', recurse = true): IterableIterator<[string, Parameter]> {
    const seen = new Set<Parameter>();
    const mods = recurse ? this.namedModules(prefix) : ([[prefix, this]] as Iterable<[string, Module]>);
    for (const [mp, m] of mods) {
      for (const [k, p] of m.ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        yield [mp === '' ? k : `${mp}.${k}`, p];
      }
    }
  }

  *parameters(recurse = true): IterableIterator<Parameter> {
    for (const [, p] of this.namedParameters('', recurse)) yield p;
  }

  *namedBuffers(prefix = '', recurse = true): IterableIterator<[string, Tensor]> {
    const mods = recurse ? this.namedModules(prefix) : ([[prefix, this]] as Iterable<[string, Module]>);
    for (const [mp, m] of mods) {
      for (const [k, b] of internals.get(m)?.buffers ?? []) if (b !== null) yield [mp === '' ? k : `${mp}.${k}`, b];
    }
  }

  *buffers(recurse = true): IterableIterator<Tensor> {
    for (const [, b] of this.namedBuffers('', recurse)) yield b;
  }

  /** getSubmodule('layer4.0.conv1') */
  getSubmodule(target: string): Module {
    if (target === '') return this;
    let m: Module = this;
    for (const part of target.split('.')) {
      const next = (m as unknown as Record<string, unknown>)[part];
      if (!(next instanceof Module)) {
        throw new Error(`${m.constructor.name} has no attribute \`${part}\``);
      }
      m = next;
    }
    return m;
  }

  // ---- modes and state ----
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TypeError('training mode is expected to be boolean');
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }

  /**
   * Resets gradients to zeros (PyTorch 1.13's default), or drops them with `{ setToNone: true }`
   * (PyTorch 2's). A gradient dropped is freed at once when only its parameter held it (nobody read
   * it through `p.grad`); one handed out stays alive for whoever holds it.
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    const setToNone = options.setToNone ?? false;
    for (const p of this.parameters()) {
      if (p._grad === null) continue;
      if (setToNone) {
        p._setGrad(null, false);
      } else {
        noGrad(() => p._grad!.zero_());
      }
    }
  }

  /** Calls fn on every submodule (children first) and then on this module. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Moves and/or casts parameters and buffers (module.to('webgpu'), module.to('float64')). Parameters
   * keep their identity (their data is replaced, as PyTorch does), so optimizers stay valid. Moving
   * off a device that reads only asynchronously (WebGPU → 'cpu') is `await module.toAsync('cpu')`.
   */
  to(target: DeviceLike | DType | { device?: DeviceLike; dtype?: DType }): this {
    return this.replaceTensors((t, floatOnly) => t.to(conversion(target, t, floatOnly)));
  }

  /**
   * module.to(...) from any device: each parameter, gradient and buffer is moved with `t.toAsync`,
   * which awaits the values where the source cannot be read synchronously (WebGPU → 'cpu').
   *
   * @example
   * await model.toAsync('cpu'); // after training on 'webgpu', e.g. before torch.save(model.stateDict())
   */
  async toAsync(target: DeviceLike | DType | { device?: DeviceLike; dtype?: DType }): Promise<this> {
    // An identity pass finds every tensor to convert; each is moved with an await, then swapped in.
    const moved = new Map<Tensor, Tensor>();
    this.replaceTensors((t) => {
      moved.set(t, t);
      return t;
    });
    for (const t of moved.keys()) moved.set(t, await t.toAsync(conversion(target, t, true)));
    return this.replaceTensors((t) => moved.get(t) ?? t);
  }

  /** Replaces every parameter's data, gradient and buffer by convert's result (floatOnly: casts apply to floating tensors only). */
  private replaceTensors(convert: (t: Tensor, floatOnly: boolean) => Tensor): this {
    noGrad(() => {
      for (const m of this.modules()) {
        for (const [, p] of m.ownParameters()) {
          const moved = convert(p, true);
          if (moved !== p) {
            p.set_(moved);
            moved.dispose();
          }
          if (p._grad) {
            const g = convert(p._grad, true);
            if (g !== p._grad) p._grad.set_(g);
          }
        }
        const s = internals.get(m);
        if (s) for (const [k, b] of s.buffers) if (b !== null) s.buffers.set(k, convert(b, true));
      }
    });
    return this;
  }

  /** Moves every parameter and buffer to the CPU (PyTorch's module.cpu()); returns this module. */
  cpu(): this {
    return this.to('cpu');
  }

  /**
   * Moves every parameter and buffer to a CUDA device (module.cuda(), module.cuda(1)). Where no CUDA
   * backend is registered it throws, saying so; `model.to(torch.cuda.isAvailable() ? 'cuda' : 'cpu')`
   * runs anywhere.
   */
  cuda(device?: number | DeviceLike | null): this {
    return this.to(cudaDevice('module.cuda()', device));
  }

  float(): this {
    return this.to('float32');
  }
  double(): this {
    return this.to('float64');
  }
  half(): this {
    return this.to('float16');
  }

  /** Parameters and persistent buffers, keyed by PyTorch's names, in PyTorch's order. */
  stateDict(options: { prefix?: string; keepVars?: boolean } = {}): StateDict {
    const out: StateDict = {};
    const prefix = options.prefix ?? '';
    for (const [mp, m] of this.namedModules()) {
      const p0 = prefix + (mp === '' ? '' : `${mp}.`);
      for (const [k, p] of m.ownParameters()) out[p0 + k] = options.keepVars ? p : p.detach();
      const s = internals.get(m);
      if (s) {
        for (const [k, b] of s.buffers) if (b !== null && !s.nonPersistent.has(k)) out[p0 + k] = options.keepVars ? b : b.detach();
      }
    }
    return out;
  }

  /**
   * Copies parameters and buffers from a state dict (a plain object or a Map). With strict (default),
   * missing or unexpected keys raise PyTorch's error; size mismatches always do.
   */
  loadStateDict(stateDict: StateDict | Map<string, Tensor>, options: { strict?: boolean } = {}): LoadResult {
    const strict = options.strict ?? true;
    const incoming = stateDict instanceof Map ? stateDict : new Map(Object.entries(stateDict));
    const own = this.stateDict({ keepVars: true });
    const missingKeys = Object.keys(own).filter((k) => !incoming.has(k));
    const unexpectedKeys = [...incoming.keys()].filter((k) => !(k in own));
    const errors: string[] = [];
    for (const [k, target] of Object.entries(own)) {
      const src = incoming.get(k);
      if (src === undefined) continue;
      if (!(src instanceof Tensor)) {
        errors.push(`While copying the parameter named "${k}", expected torch.Tensor or Tensor-like object from checkpoint but received ${typeof src}`);
        continue;
      }
      if (src.shape.length !== target.shape.length || src.shape.some((d, i) => d !== target.shape[i])) {
        errors.push(
          `size mismatch for ${k}: copying a param with shape torch.Size([${src.shape.join(', ')}]) from checkpoint, the shape in current model is torch.Size([${target.shape.join(', ')}]).`,
        );
      }
    }
    if (strict) {
      if (unexpectedKeys.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
      if (missingKeys.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
    }
    if (errors.length > 0) {
      throw new Error(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join('\n\t')}`);
    }
    noGrad(() => {
      for (const [k, target] of Object.entries(own)) {
        const src = incoming.get(k);
        if (src !== undefined) target.copy_(src);
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  // ---- hooks ----
  registerForwardPreHook(hook: ForwardPreHook): { remove(): void } {
    const list = state(this).preHooks;
    list.push(hook);
    return { remove: () => void list.splice(list.indexOf(hook) >>> 0, list.includes(hook) ? 1 : 0) };
  }

  registerForwardHook(hook: ForwardHook): { remove(): void } {
    const list = state(this).hooks;
    list.push(hook);
    return { remove: () => void list.splice(list.indexOf(hook) >>> 0, list.includes(hook) ? 1 : 0) };
  }

  // ---- printing ----
  /** The layer's own settings, shown inside its parentheses (PyTorch's extra_repr). */
  extraRepr(): string {
    return '';
  }

  /** PyTorch's repr: `Name(extra)` or a nested, indented listing of the children. */
  toString(): string {
    const lines: string[] = [];
    const extra = this.extraRepr();
    if (extra) lines.push(...extra.split('\n'));
    for (const [name, child] of this.namedChildren()) lines.push(`(${name}): ${addIndent(String(child), 2)}`);
    const main = this.constructor.name + '(';
    if (lines.length === 0) return main + ')';
    if (lines.length === 1 && !extra.includes('\n') && [...this.namedChildren()].length === 0) return main + lines[0] + ')';
    return `${main}\n  ${lines.join('\n  ')}\n)`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

function addIndent(s: string, n: number): string {
  const [first, ...rest] = s.split('\n');
  if (rest.length === 0) return s;
  return [first, ...rest.map((l) => ' '.repeat(n) + l)].join('\n');
}

function isDType(s: string): s is DType {
  return ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64', 'uint8', 'bool'].includes(s);
}

/**
 * A module's buffer table as PyTorch keeps it (`_buffers`, None entries included, and
 * `_non_persistent_buffers_set`): for whole-module saving. Not part of the public API.
 */
export function moduleBufferTable(m: Module): { buffers: ReadonlyMap<string, Tensor | null>; nonPersistent: ReadonlySet<string> } {
  const s = internals.get(m);
  return { buffers: s?.buffers ?? new Map(), nonPersistent: s?.nonPersistent ?? new Set() };
}

/** Strips the `module.` prefix nn.DataParallel checkpoints carry from every key. */
export function stripDataParallelPrefix<T>(stateDict: Record<string, T> | Map<string, T>, prefix = 'module.'): Record<string, T> {
  const entries = stateDict instanceof Map ? [...stateDict.entries()] : Object.entries(stateDict);
  return Object.fromEntries(entries.map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v]));
}

/** The `t.to(...)` argument of module.to(target) for one tensor: dtype casts apply to floating tensors only (PyTorch's rule). */
function conversion(target: DeviceLike | DType | { device?: DeviceLike; dtype?: DType }, t: Tensor, floatOnly: boolean): { dtype: DType; device?: DeviceLike } {
  const opts = target instanceof Device ? { device: target } : typeof target === 'string' ? (isDType(target) ? { dtype: target } : { device: target }) : target;
  const dtype = opts.dtype && (!floatOnly || t.isFloatingPoint()) ? opts.dtype : t.dtype;
  return { dtype, ...(opts.device ? { device: opts.device } : {}) };
}

// Signatures name a Module parameter by this type (nn.Sequential's modules, an optimizer's model).
defineType('Module', (v) => v instanceof Module);
