/**
 * Optimizer: PyTorch's torch.optim.Optimizer base class. It owns the parameter groups, the
 * per-parameter state, the loop over both and the checkpoint format; subclasses supply the update
 * rule of one parameter (as PyTorch's functional `adam()`, `sgd()`, … do).
 */
import { Tensor } from '@x/tensor';
import { keep } from '@x/tensor';
import { enableGrad, noGrad } from '@x/autograd';
import { refuseSparseGrads } from './checks';
import { toCamel, toSnake } from './keys';
import { Temps } from './pointwise';
import { isPlainObject, pyRepr, typename } from './python';
import { upgradeScalars } from './scalar-state';
import { warn } from './warn';

/** PyTorch's `required` sentinel: a default that every parameter group must set (SGD's lr). */
export const required: unique symbol = Symbol('required');

/** A parameter group as the optimizer holds it: its parameters and its hyperparameters. */
export interface ParamGroup {
  params: Tensor[];
  [hyperparameter: string]: unknown;
}

/** A parameter group as given to a constructor or to addParamGroup. */
export interface ParamGroupSpec {
  params: Tensor | Iterable<Tensor>;
  [hyperparameter: string]: unknown;
}

/** What optimizers take: an iterable of tensors (`net.parameters()`) or of parameter groups. */
export type Params = Iterable<Tensor> | Iterable<ParamGroupSpec>;

/** The state one parameter carries between steps (`momentum_buffer`, `exp_avg`, `step`, …). */
export type ParamState = Record<string, unknown>;

/** PyTorch's optimizer state_dict layout: parameters as indices, state keyed by index. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  param_groups: (Record<string, unknown> & { params: number[] })[];
}

/** The object `step(closure)` resolves to: the closure's result (a Promise when the closure is async). */
export type Closure<R> = () => R;

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as { then?: unknown }).then === 'function';
}

/** A deep copy of a checkpoint value; tensors are copied (PyTorch's deepcopy in load_state_dict). */
function deepCopy(value: unknown): unknown {
  if (value instanceof Tensor) return value.clone();
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, deepCopy(v)]));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)]));
  return value;
}

/**
 * Moves loaded state onto the parameter's device, and floating state to its dtype, except `step`
 * (pytorch/pytorch#74424: the step count stays a float32 CPU scalar).
 */
function castToParam(param: Tensor, value: unknown, key?: string): unknown {
  if (value instanceof Tensor) {
    let v = value;
    if (key !== 'step') {
      if (param.isFloatingPoint() && v.isFloatingPoint() && v.dtype !== param.dtype) v = v.to(param.dtype);
      if (v.device !== param.device) v = v.to(param.device);
    }
    return keep(v);
  }
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, castToParam(param, v, k)]));
  if (Array.isArray(value)) return value.map((v) => castToParam(param, v));
  return value;
}

/**
 * Base class of all optimizers (torch.optim.Optimizer).
 *
 * @example
 * const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 */
export abstract class Optimizer<H extends object = { lr: number }> {
  /** The hyperparameters groups fall back to (PyTorch's `defaults`, in its key order). */
  readonly defaults: Record<string, unknown>;
  /** Per-parameter state, keyed by the parameter tensor itself (PyTorch's `state`). */
  state = new Map<Tensor | number, ParamState>();
  /** The parameter groups: `params` first, then the hyperparameters. */
  paramGroups: (ParamGroup & H)[] = [];
  /** @internal How many times `step` ran since a scheduler attached (PyTorch's `_step_count`). */
  _stepCount?: number;

  constructor(params: Params, defaults: Record<string, unknown>) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typename(params)}`);
    }
    if (params === null || params === undefined || typeof (params as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`'${typename(params)}' object is not iterable`);
    }
    let groups = [...(params as Iterable<unknown>)];
    if (groups.length === 0) throw new Error('optimizer got an empty parameter list');
    if (!isPlainObject(groups[0])) groups = [{ params: groups }];
    for (const g of groups) this.addParamGroup(g as ParamGroupSpec & Partial<H>);
  }

  /**
   * Adds a parameter group (fine-tuning: unfreeze a layer and give it its own lr). Missing
   * hyperparameters take the optimizer's defaults, after the keys the group sets.
   *
   * @example
   * opt.addParamGroup({ params: net.fc.parameters(), lr: 1e-3 });
   */
  addParamGroup(paramGroup: ParamGroupSpec & Partial<H>): void {
    if (!isPlainObject(paramGroup)) throw new Error('param group must be a dict');
    const group = paramGroup as Record<string, unknown>;
    if (!('params' in group)) throw new Error("param group must have a 'params' entry");
    const params = group.params;
    if (params instanceof Tensor) group.params = [params];
    else if (params instanceof Set) {
      throw new TypeError(
        'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
      );
    } else if (params !== null && params !== undefined && typeof (params as Iterable<unknown>)[Symbol.iterator] === 'function') {
      group.params = [...(params as Iterable<unknown>)];
    } else {
      throw new TypeError(`'${typename(params)}' object is not iterable`);
    }
    const list = group.params as unknown[];
    for (const p of list) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typename(p)}`);
      if (!this.defaults.differentiable && !(p.isLeaf || p.retainsGrad)) throw new Error("can't optimize a non-leaf Tensor");
    }
    for (const [name, value] of Object.entries(this.defaults)) {
      if (group[name] !== undefined) continue;
      if (value === required) throw new Error(`parameter group didn't specify a value of required optimization parameter ${toSnake(name)}`);
      group[name] = value;
    }
    if (new Set(list).size !== list.length) {
      warn(
        'optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information',
      );
    }
    const taken = new Set<Tensor>();
    for (const g of this.paramGroups) for (const p of g.params) taken.add(p);
    if (list.some((p) => taken.has(p as Tensor))) throw new Error('some parameters appear in more than one parameter group');
    this.paramGroups.push(group as ParamGroup & H);
  }

  /**
   * Sets the gradients of all optimized tensors to zero (PyTorch 1.13's default, which the seed
   * follows: `zero_grad()` then `step()` moves the weights by their momentum), or drops them with
   * `{ setToNone: true }` (PyTorch 2's default; a step then skips parameters without a gradient). A
   * gradient dropped is freed at once when only its parameter held it (nobody read it through
   * `p.grad`), as PyTorch frees it.
   */
  zeroGrad(options: boolean | { setToNone?: boolean } = {}): void {
    const setToNone = typeof options === 'boolean' ? options : (options.setToNone ?? false);
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p._grad;
        if (g === null) continue;
        if (setToNone) {
          p._setGrad(null, false);
          continue;
        }
        if (g.gradFn !== null) g.detach_();
        else g.requiresGrad_(false);
        g.zero_();
      }
    }
  }

  /**
   * One optimization step. With a closure (which re-evaluates the model and returns the loss),
   * the closure runs with gradients enabled first; an async closure makes step return a Promise.
   *
   * @example
   * opt.step();
   * const loss = await opt.step(async () => { opt.zeroGrad(); const l = lossFn(net.forward(x), y); l.backward(); return l; });
   */
  step(): undefined;
  step<R>(closure: Closure<R>): R;
  step<R>(closure?: Closure<R>): R | undefined {
    if (closure === undefined || closure === null) {
      this.runUpdate();
      return undefined;
    }
    const loss = enableGrad(closure);
    if (isThenable(loss)) {
      return Promise.resolve(loss).then((l) => {
        this.runUpdate();
        return l;
      }) as R;
    }
    this.runUpdate();
    return loss;
  }

  /** Runs the update rule in PyTorch's grad mode: off, unless the optimizer is `differentiable`. */
  private runUpdate(): void {
    if (this.defaults.differentiable) enableGrad(() => this.update());
    else noGrad(() => this.update());
  }

  /**
   * One pass over the parameter groups, as every PyTorch optimizer's step runs it: the gradients
   * are checked first, then each parameter with a gradient gets its state (created on its first
   * step) and its update. The group is read at each step, so a scheduler's new lr takes effect at
   * once. The temporaries of one parameter's update are freed before the next.
   */
  protected update(): void {
    this.checkGrads();
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const grad = p._grad;
        if (grad === null) continue;
        const state = this.stateOf(p);
        if (isEmpty(state)) this.initState(state, p, group, grad);
        const temps = new Temps();
        try {
          this.updateParam(p, grad, state, group, temps);
        } finally {
          temps.dispose();
        }
      }
    }
  }

  /**
   * PyTorch's message refusing a sparse gradient, for update rules without a sparse form (null: the
   * rule takes sparse gradients).
   */
  protected readonly sparseGradError: string | null = null;

  /** Checks every gradient before any parameter moves: by default, refuses sparse ones when `sparseGradError` says so. */
  protected checkGrads(): void {
    if (this.sparseGradError !== null) refuseSparseGrads(this.paramGroups, this.sparseGradError);
  }

  /** Creates the state of p before its first update (`exp_avg`, `momentum_buffer`, …); by default none. */
  protected initState(_state: ParamState, _p: Tensor, _group: ParamGroup & H, _grad: Tensor): void {}

  /**
   * The update rule for one parameter: moves p in place from its gradient, its state and its
   * group's hyperparameters. Temporaries registered in `temps` are freed when it returns.
   */
  protected updateParam(_p: Tensor, _grad: Tensor, _state: ParamState, _group: ParamGroup & H, _temps: Temps): void {
    throw new Error(`${this.constructor.name} does not implement updateParam(); Optimizer.step() needs a subclass`);
  }

  /** The state of p, created empty on first use (PyTorch's `defaultdict(dict)`). */
  protected stateOf(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  /**
   * The optimizer's state in PyTorch's layout: `{ state: { 0: { momentum_buffer: … } },
   * param_groups: [{ lr: 0.1, …, params: [0] }] }`, with PyTorch's snake_case keys. Tensors are
   * the live state (serialize before the next step).
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let start = 0;
    const groups = this.paramGroups.map((group) => {
      const packed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(group)) if (k !== 'params') packed[toSnake(k)] = v;
      group.params.forEach((p, i) => {
        if (!index.has(p)) index.set(p, start + i);
      });
      packed.params = group.params.map((p) => index.get(p)!);
      start += group.params.length;
      return packed as Record<string, unknown> & { params: number[] };
    });
    const state: Record<number, ParamState> = {};
    for (const [k, v] of this.state) {
      const key = k instanceof Tensor ? index.get(k) : k;
      if (key === undefined) continue;
      state[key] = v;
    }
    return { state, param_groups: groups };
  }

  /**
   * Loads a state dict made by `stateDict()` (here or by PyTorch): checks the group layout, maps
   * saved indices onto this optimizer's parameters, and moves state onto each parameter's device
   * and floating dtype.
   */
  loadStateDict(stateDict: OptimizerStateDict | { state: Map<number, ParamState> | Record<number, ParamState>; param_groups: Record<string, unknown>[] }): void {
    if (!isPlainObject(stateDict) || !('param_groups' in stateDict) || !('state' in stateDict)) {
      throw new Error("optimizer state dict must have 'state' and 'param_groups' entries");
    }
    const sd = deepCopy(stateDict) as { state: Map<number, ParamState> | Record<string, ParamState>; param_groups: Record<string, unknown>[] };
    const groups = this.paramGroups;
    const saved = sd.param_groups;
    if (!Array.isArray(saved) || groups.length !== saved.length) throw new Error('loaded state dict has a different number of parameter groups');
    const savedParams = saved.map((g) => g.params);
    if (groups.some((g, i) => !Array.isArray(savedParams[i]) || g.params.length !== (savedParams[i] as unknown[]).length)) {
      throw new Error("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    }
    const idMap = new Map<number, Tensor>();
    saved.forEach((g, i) => (g.params as number[]).forEach((id, j) => idMap.set(Number(id), groups[i]!.params[j]!)));
    const state = new Map<Tensor | number, ParamState>();
    const entries = sd.state instanceof Map ? [...sd.state] : Object.entries(sd.state);
    for (const [k, v] of entries) {
      const param = idMap.get(Number(k));
      if (param !== undefined) state.set(param, castToParam(param, v) as ParamState);
      else state.set(Number.isNaN(Number(k)) ? (k as unknown as number) : Number(k), v);
    }
    this.paramGroups = groups.map((g, i) => {
      const group: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(saved[i]!)) group[k === 'params' ? 'params' : toCamel(k)] = k === 'params' ? g.params : v;
      return group as ParamGroup & H;
    });
    this.state = state;
    this.afterLoad();
  }

  /**
   * PyTorch's `__setstate__`: fills hyperparameters that an older checkpoint lacks from the
   * defaults; subclasses also upgrade state saved in older layouts.
   */
  protected afterLoad(): void {
    for (const group of this.paramGroups) {
      const g = group as Record<string, unknown>;
      for (const [k, v] of Object.entries(this.defaults)) if (!(k in g) && v !== required) g[k] = v;
    }
    upgradeScalars(this.state.values(), this.scalarStateKeys);
  }

  /** The state entries PyTorch 1.13 keeps as 0-dim tensors (`step`, …): numbers from older checkpoints become tensors. */
  protected readonly scalarStateKeys: readonly string[] = [];

  /** PyTorch's repr: each group's hyperparameters, sorted by name. */
  toString(): string {
    let s = `${this.constructor.name} (`;
    this.paramGroups.forEach((group, i) => {
      s += `\nParameter Group ${i}\n`;
      const keys = Object.keys(group).filter((k) => k !== 'params').map((k) => [toSnake(k), k] as const);
      keys.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [name, k] of keys) s += `    ${name}: ${pyRepr((group as Record<string, unknown>)[k])}\n`;
    });
    return `${s})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** Whether a state has no entry yet (without listing its keys: this runs for every parameter at every step). */
function isEmpty(state: ParamState): boolean {
  for (const _ in state) return false;
  return true;
}
