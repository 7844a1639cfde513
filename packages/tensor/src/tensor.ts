/**
 * Tensor: a strided view of a reference-counted storage on one backend. Methods mirror PyTorch's and
 * delegate to the op functions (torch.add(a, b) and a.add(b) are one definition).
 */
import type { Backend, View } from './backend';
import type { DataArray, DType } from './dtype';
import { getDefaultDType, isFloatingPoint, itemSize } from './dtype';
import { formatTensorData } from './format';
import { adopt, keep, release, storageChanged, type Ticket } from './memory';
import { isContiguousLayout, normalizeDim, numelOf } from './shape';
import type { GradFn } from './autograd';
import { Size } from './size';
import { cudaDevice } from './cuda';
import type { DeviceLike } from './device';
import { Storage } from './storage';
import { legacyNew, tensorTypeName, dtypeOfTypeName } from './ops/legacy';
import { sparseElementwise } from './sparse/dispatch';
import * as asy from './ops/async';
import * as ew from './ops/elementwise';
import * as linalg from './ops/linalg';
import * as red from './ops/reduce';
import * as cast from './ops/cast';
import * as create from './ops/create';
import * as F from './ops/functions';
import * as idx from './ops/indexing';
import * as M from './ops/methods';
import * as read from './ops/read';
import type { IndexEntry } from './ops/indexing';
import type { DimArg } from './ops/reduce';
import type { CreationOptions, TensorOrScalar } from './ops/util';
import type { Generator } from './random/generator';
import { reversedDims as viewsT } from './ops/views';
import { TENSOR_BRAND, typeName, type Args } from './signature';

/** PyTorch's keyword form of clamp: x.clamp({ min: 0 }). */
export type { ClampOptions } from './ops/functions';

const S = M.SELF_SIGNATURES;

/**
 * The hottest methods take their fast path here (all positional, of the common types: the
 * signature's own test), so that each calls its op from its own call site, which the JIT inlines;
 * anything else goes through the bound form. Their defaults are the signatures' (D).
 */
const FAST = {
  add: F.add.signature, sub: F.sub.signature, mul: F.mul.signature, div: F.div.signature, pow: F.pow.signature, matmul: F.matmul.signature,
  add_: M.add_.signature, mul_: M.mul_.signature, sum: F.sum.signature, mean: F.mean.signature,
};
const D = {
  add: FAST.add.defaults, sub: FAST.sub.defaults, add_: FAST.add_.defaults, sum: FAST.sum.defaults, mean: FAST.mean.defaults,
};
/** The fast path's k-th argument after self: as passed, else the signature's default. */
function arg(args: readonly unknown[], k: number, defaults: readonly unknown[]): unknown {
  return k < args.length ? args[k] : defaults[k + 1];
}
const NO_ARGS = {
  dim: M.noArguments('dim'),
  numel: M.noArguments('numel'),
  storageOffset: M.noArguments('storageOffset'),
  elementSize: M.noArguments('elementSize'),
  isContiguous: M.noArguments('isContiguous'),
  isFloatingPoint: M.noArguments('isFloatingPoint'),
  toDense: M.noArguments('toDense'),
  sparseDim: M.noArguments('sparseDim'),
  denseDim: M.noArguments('denseDim'),
};

function notSparse(op: string): Error {
  return new Error(`${op}() expects a sparse tensor (layout torch.sparse_coo), but this tensor's layout is torch.strided`);
}

let warnedNonLeafGrad = false;
function warnNonLeafGrad(): void {
  if (warnedNonLeafGrad) return;
  warnedNonLeafGrad = true;
  console.warn(
    'UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute ' +
      "won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf " +
      'Tensor, use .retainGrad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you ' +
      'access the leaf Tensor instead.',
  );
}

/** A Storage (what the internal constructor takes), also across two loaded copies of this module. */
function isStorage(x: unknown): x is Storage {
  if (x instanceof Storage) return true;
  if (typeof x !== 'object' || x === null) return false;
  const s = x as { retain?: unknown; release?: unknown; backend?: unknown };
  return typeof s.retain === 'function' && typeof s.release === 'function' && typeof s.backend === 'object';
}

/** Shared by a tensor and its views; bumped by every in-place write (autograd checks it). */
export class VersionCounter {
  value = 0;
}

type NestedArray = number | boolean | NestedArray[];

export class Tensor implements View {
  private disposed = false;
  /** @internal */ _requiresGrad = false;
  /** The backward node that produced this tensor; null for leaves (PyTorch's grad_fn). */
  gradFn: GradFn | null = null;
  /** @internal */ _grad: Tensor | null = null;
  /** @internal Whether .grad is held by this tensor alone (autograd made it; nobody read it through `.grad`). */
  _gradOwned = false;
  /** @internal */ _retainsGrad = false;
  /** @internal Gradient hooks (registerHook), run by @x/autograd. */
  _hooks: ((grad: Tensor) => Tensor | void)[] | null = null;
  /** @internal Which output of its gradFn this tensor is. */
  _outputNr = 0;
  /** @internal The AccumulateGrad node of a leaf that requires grad (made by @x/autograd). */
  _accumulator: GradFn | null = null;
  /** @internal The finalizer's ticket (memory.ts), once it watches this tensor. */
  _ticket: Ticket | null = null;
  private ownVersion: VersionCounter | null = null;
  /** The tensor this one is a view of (null for tensors that own their layout). */
  readonly _base: Tensor | null;
  readonly storage: Storage;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly dtype: DType;

  /**
   * PyTorch's legacy constructor, `torch.Tensor(*args)` in the default dtype: `new torch.Tensor(2, 3)`
   * (uninitialised, of that size; also one torch.Size), `new torch.Tensor([1, 2])` (a copy of the
   * data), `new torch.Tensor()` (empty), `new torch.Tensor(t)` (sharing t's storage), each with an
   * optional trailing `{ device }`. New code uses torch.tensor / torch.empty / torch.zeros.
   */
  constructor(...sizesOrData: unknown[]);
  /** @internal A view of a storage: what ops and backends make. */
  constructor(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType, base?: Tensor | null);
  constructor(storage?: unknown, shape?: unknown, strides?: unknown, offset?: unknown, dtype?: unknown, base?: unknown) {
    let legacy: Tensor | null = null;
    if (!isStorage(storage)) {
      // eslint-disable-next-line prefer-rest-params -- the hot internal path takes no rest array
      legacy = legacyNew(getDefaultDType(), Array.prototype.slice.call(arguments));
      ({ storage, shape, strides, offset, dtype } = legacy);
      base = legacy._base;
    }
    this.storage = storage as Storage;
    this.shape = shape as readonly number[];
    this.strides = strides as readonly number[];
    this.offset = offset as number;
    this.dtype = dtype as DType;
    this._base = (base as Tensor | null | undefined) ?? null;
    if (this._base !== null) this._viewVersion = this._base._version.value;
    adopt(this);
    legacy?.dispose();
  }

  /** @internal The version of its base this view's gradFn describes (autograd regenerates it when stale). */
  _viewVersion = 0;

  /** @internal The version counter shared with every view of the same base (made on first use). */
  get _version(): VersionCounter {
    const owner = this._base ?? this;
    return (owner.ownVersion ??= new VersionCounter());
  }

  // ---- identity and layout ----
  get backend(): Backend {
    return this.storage.backend;
  }
  get device(): string {
    return this.storage.backend.device;
  }
  get ndim(): number {
    return this.shape.length;
  }
  /** t.size() → the shape; t.size(d) → one dim (negative counts from the end). */
  size(): Size;
  size(dim: number): number;
  size(options: { dim?: number | null }): number | Size;
  size(...args: unknown[]): number | Size {
    const dim = args.length === 0 ? undefined : (S.size.bindSelf(this, args)[1] as number | undefined | null);
    if (dim == null) return Size.fromShape(this.shape);
    return this.shape[normalizeDim(dim, this.ndim)] ?? 1;
  }
  dim(...args: []): number {
    if (args.length !== 0) NO_ARGS.dim.bindSelf(this, args);
    return this.shape.length;
  }
  numel(...args: []): number {
    if (args.length !== 0) NO_ARGS.numel.bindSelf(this, args);
    return numelOf(this.shape);
  }
  stride(): number[];
  stride(dim: number): number;
  stride(options: { dim?: number | null }): number | number[];
  stride(...args: unknown[]): number | number[] {
    const dim = args.length === 0 ? undefined : (S.stride.bindSelf(this, args)[1] as number | undefined | null);
    if (dim == null) return this.strides.slice();
    return this.strides[normalizeDim(dim, this.ndim)] ?? 1;
  }
  storageOffset(...args: []): number {
    if (args.length !== 0) NO_ARGS.storageOffset.bindSelf(this, args);
    return this.offset;
  }
  elementSize(...args: []): number {
    if (args.length !== 0) NO_ARGS.elementSize.bindSelf(this, args);
    return itemSize(this.dtype);
  }
  isContiguous(...args: []): boolean {
    if (args.length !== 0) NO_ARGS.isContiguous.bindSelf(this, args);
    return isContiguousLayout(this.shape, this.strides);
  }
  isFloatingPoint(...args: []): boolean {
    if (args.length !== 0) NO_ARGS.isFloatingPoint.bindSelf(this, args);
    return isFloatingPoint(this.dtype);
  }
  /** Whether this tensor has a sparse layout (a SparseTensor from torch.sparseCooTensor or a sparse gradient). */
  get isSparse(): boolean {
    return false;
  }
  /** PyTorch's layout by name, as dtypes are: 'strided' here, 'sparse_coo' for sparse tensors (torch.strided, torch.sparseCoo). */
  get layout(): 'strided' | 'sparse_coo' {
    return 'strided';
  }
  /** A dense tensor is its own dense form (PyTorch's to_dense on a strided tensor). */
  toDense(...args: []): Tensor {
    if (args.length !== 0) NO_ARGS.toDense.bindSelf(this, args);
    return this._live();
  }
  /** Sparse dims of a sparse tensor; 0 for a dense one (as PyTorch's sparse_dim). */
  sparseDim(...args: []): number {
    if (args.length !== 0) NO_ARGS.sparseDim.bindSelf(this, args);
    return 0;
  }
  /** Dense dims: all of them for a dense tensor (as PyTorch's dense_dim). */
  denseDim(...args: []): number {
    if (args.length !== 0) NO_ARGS.denseDim.bindSelf(this, args);
    return this.ndim;
  }
  coalesce(): Tensor { throw notSparse('coalesce'); }
  isCoalesced(): boolean { throw notSparse('isCoalesced'); }
  indices(): Tensor { throw notSparse('indices'); }
  values(): Tensor { throw notSparse('values'); }
  _indices(): Tensor { throw notSparse('_indices'); }
  _values(): Tensor { throw notSparse('_values'); }
  _nnz(): number { throw notSparse('_nnz'); }
  /**
   * The sparse COO form (PyTorch's to_sparse): the nonzero entries, or with sparseDim < ndim the
   * slices over the trailing dims that hold a nonzero.
   *
   * @example
   * torch.tensor([[0, 1], [2, 0]]).toSparse()._indices(); // [[0, 1], [1, 0]]
   */
  toSparse(...args: Args<[sparseDim: number | null], { sparseDim?: number | null }>): Tensor {
    const sparseDim = S.toSparse.bindSelf(this, args)[1] as number | null | undefined;
    return sparseElementwise().toSparse(this._live(), sparseDim ?? undefined);
  }
  /** This tensor's entries at the positions of the sparse `mask`, as a sparse tensor with mask's indices. */
  sparseMask(...args: Args<[mask: Tensor], { mask?: Tensor }>): Tensor {
    const mask = S.sparseMask.bindSelf(this, args)[1] as Tensor;
    return sparseElementwise().sparseMask(this._live(), mask);
  }

  /** Whether a and this share storage (PyTorch's untyped_storage().data_ptr() comparison). */
  isSetTo(other: Tensor): boolean {
    return this.storage === other.storage && this.offset === other.offset;
  }

  // ---- autograd state (recorded by @x/autograd; inert without it) ----
  /** Whether operations on this tensor are recorded for differentiation. */
  get requiresGrad(): boolean {
    return this._requiresGrad || this.gradFn !== null;
  }
  set requiresGrad(flag: boolean) {
    this.requiresGrad_(flag);
  }
  requiresGrad_(...args: Args<[requiresGrad: boolean], { requiresGrad?: boolean }>): this {
    const flag = S.requiresGrad_.bindSelf(this, args)[1] as boolean;
    if (this.gradFn !== null) {
      if (!flag) {
        throw new Error(
          "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
        );
      }
      return this;
    }
    if (flag && !isFloatingPoint(this.dtype)) throw new Error('only Tensors of floating point and complex dtype can require gradients');
    this._requiresGrad = flag;
    return this;
  }
  /** A leaf: created by the user, not by a recorded op (all tensors that do not require grad are leaves). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /**
   * The gradient accumulated by backward() (leaves, and non-leaves that called retainGrad()).
   * Reading it hands the tensor out: from then on it is the reader's too, and dropping it from
   * .grad (zeroGrad, a new gradient) leaves it alive for them.
   */
  get grad(): Tensor | null {
    if (this.gradFn !== null && !this._retainsGrad) warnNonLeafGrad();
    this._gradOwned = false;
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null) {
      if (g.dtype !== this.dtype) throw new Error(`assigned grad has data of a different type (${g.dtype}, expected ${this.dtype})`);
      if (g.shape.length !== this.shape.length || g.shape.some((d, i) => d !== this.shape[i])) {
        throw new Error(`assigned grad has data of a different size ([${g.shape.join(', ')}], expected [${this.shape.join(', ')}])`);
      }
      // The tensor now holds its gradient, as PyTorch's p.grad = g does: a tidy() scope around the
      // assignment must not free it (p.grad = p.grad.toSparse() inside tidy, then zeroGrad()).
      keep(g);
    }
    this._setGrad(g, false);
  }
  /**
   * @internal Replaces .grad. The gradient it drops is disposed when only this tensor held it (one
   * autograd made and nobody read through `.grad`), as PyTorch frees a gradient whose last
   * reference goes; `owned` says whether the new one is such a gradient.
   */
  _setGrad(g: Tensor | null, owned: boolean): void {
    const prev = this._grad;
    if (prev !== null && prev !== g && this._gradOwned) prev.dispose();
    this._grad = g;
    this._gradOwned = owned && g !== null;
  }
  get retainsGrad(): boolean {
    return this._retainsGrad;
  }
  /** Makes backward() populate .grad on this non-leaf tensor. */
  retainGrad(...args: []): void {
    if (args.length !== 0) S.retainGrad.bindSelf(this, args);
    if (!this.requiresGrad) throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    if (this.gradFn === null || this._retainsGrad) return;
    this._retainsGrad = true;
    this.gradFn.retainGrad?.(this._outputNr, this);
  }
  /**
   * Computes the gradient of this tensor w.r.t. graph leaves (needs @x/autograd, which @x/torch
   * imports). PyTorch's arguments: `loss.backward()`, `z.backward(g)`, `z.backward({ retainGraph: true })`.
   */
  backward(...args: M.BackwardArgs): void {
    M.backward.method(this, args);
  }
  /**
   * Registers fn to run on this tensor's gradient during backward; a returned tensor replaces the
   * gradient. Returns a handle whose remove() unregisters it.
   */
  registerHook(...args: Args<[hook: (grad: Tensor) => Tensor | void], { hook?: (grad: Tensor) => Tensor | void }>): { remove(): void } {
    const fn = S.registerHook.bindSelf(this, args)[1] as (grad: Tensor) => Tensor | void;
    if (!this.requiresGrad) throw new Error("cannot register a hook on a tensor that doesn't require gradient");
    // A non-leaf's hooks live on its node (keyed by output slot), so they run whichever alias of it
    // takes part in backward.
    if (this.gradFn !== null && this.gradFn.addHook) return this.gradFn.addHook(this._outputNr, fn);
    const hooks = (this._hooks ??= []);
    hooks.push(fn);
    return {
      remove: () => {
        const i = hooks.indexOf(fn);
        if (i >= 0) hooks.splice(i, 1);
      },
    };
  }
  /**
   * Makes this tensor an alias of source (its storage, layout and dtype), keeping this object's
   * identity, as PyTorch's `t.set_(source)` and `param.data = other` do. Not recorded by autograd.
   */
  set_(...args: Args<[source: Tensor], { source?: Tensor }>): this {
    const source = (S.set_.bindSelf(this, args)[1] as Tensor)._live();
    if (source.storage !== this.storage) {
      source.storage.retain();
      this.storage.release();
    }
    const self = this as { -readonly [K in 'storage' | 'shape' | 'strides' | 'offset' | 'dtype']: Tensor[K] };
    self.storage = source.storage;
    self.shape = source.shape.slice();
    self.strides = source.strides.slice();
    self.offset = source.offset;
    self.dtype = source.dtype;
    storageChanged(this);
    this._version.value++;
    return this;
  }

  /** @internal x.op_(…) for ops written out of place: copies the result in (recorded as copy_) and frees it. */
  _assign(result: Tensor): this {
    cast.copy_(this, result);
    result.dispose();
    return this;
  }

  /** Detaches this tensor from the graph in place: it becomes a leaf that does not require grad. */
  detach_(...args: []): this {
    if (args.length !== 0) S.detach_.bindSelf(this, args);
    this.gradFn = null;
    this._requiresGrad = false;
    return this;
  }
  /**
   * PyTorch's `.data`: the same values, not tracked by autograd and with a version counter of its own,
   * so writing through it changes this tensor without touching the graph. The seed's `x.data *= 100`
   * is `x.data.mul_(100)`; `p.data = other` makes p an alias of other's values (PyTorch's `set_`).
   */
  get data(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset, this.dtype, null);
  }
  set data(source: Tensor) {
    if (!(source instanceof Tensor)) throw new TypeError(`data must be a Tensor, not ${typeName(source)}`);
    this.set_(source);
  }

  // ---- memory ----
  get isDisposed(): boolean {
    return this.disposed;
  }
  /** @internal */
  markDisposed(): boolean {
    if (this.disposed) return false;
    this.disposed = true;
    return true;
  }
  /** Releases this tensor's hold on its storage now (views keep the storage alive). */
  dispose(): void {
    release(this);
  }
  [Symbol.dispose](): void {
    release(this);
  }
  /** @internal Throws if the tensor was disposed. */
  _live(): this {
    if (this.disposed) throw new Error('this tensor was disposed (by dispose(), or by the tidy() scope that created it) and can no longer be used');
    return this;
  }

  // ---- reading ----
  // PyTorch's names are the synchronous forms, which need a backend that reads synchronously (the CPU
  // backends); each has an …Async twin that works on every backend, and on an asynchronous backend
  // (WebGPU) the synchronous form throws an Error naming its twin.
  /**
   * A copy of the values in row-major order as a TypedArray (float16/bfloat16 widened to float32,
   * int64 as BigInt64Array); PyTorch's `t.numpy()`, flat.
   *
   * @example
   * torch.tensor([[1, 2], [3, 4]], { dtype: 'float32' }).numpy(); // Float32Array [1, 2, 3, 4]
   */
  numpy(): DataArray {
    return read.numpy(this);
  }
  /** `t.numpy()` on any backend: `await t.numpyAsync()`. */
  numpyAsync(): Promise<DataArray> {
    return read.numpyAsync(this);
  }
  /**
   * The values as nested arrays of numbers (booleans for bool tensors), as PyTorch's `t.tolist()`.
   *
   * @example
   * torch.arange(4).view(2, 2).tolist(); // [[0, 1], [2, 3]]
   */
  tolist(): NestedArray {
    return read.tolist(this);
  }
  /** `t.tolist()` on any backend: `await t.tolistAsync()`. */
  tolistAsync(): Promise<NestedArray> {
    return read.tolistAsync(this);
  }
  /**
   * The value of a one-element tensor as a number, as PyTorch's `t.item()`: `trainLoss += loss.item() * n`.
   * More elements throw PyTorch's "only one element tensors can be converted to Python scalars".
   */
  item(): number {
    return read.item(this);
  }
  /** `t.item()` on any backend: `await t.itemAsync()`. */
  itemAsync(): Promise<number> {
    return read.itemAsync(this);
  }
  /**
   * A one-element tensor converts to a number where JavaScript wants one (`y.norm() < 1000`,
   * `loss * 2`), as Python's `float(t)`; in a string (`${t}`, String(t)) it prints as PyTorch prints.
   */
  [Symbol.toPrimitive](hint: 'number' | 'string' | 'default'): number | string {
    if (hint === 'string') return this.toString();
    const n = this.numel();
    if (n !== 1) throw new Error(`only one element tensors can be converted to Python scalars (got a Tensor with ${n} elements)`);
    return read.item(this);
  }
  /**
   * PyTorch's printed form. On a backend that reads only asynchronously (WebGPU) the values are not
   * at hand: it prints the size, dtype and device, and `await t.toStringAsync()` prints the values.
   */
  toString(): string {
    if (this.disposed) return `tensor(<disposed>, size=[${this.shape.join(', ')}], dtype=torch.${this.dtype})`;
    if (!this.backend.readSync) {
      return `tensor(<${this.numel()} values on ${this.device}: await t.toStringAsync() to print them>, size=[${this.shape.join(', ')}], dtype=torch.${this.dtype}, device='${this.device}')`;
    }
    return formatTensorData(read.valuesSync(this), this.shape, this.dtype, { device: this.device, suffixes: this._printSuffixes() });
  }
  /** PyTorch's printed form with the values, on any backend. */
  async toStringAsync(): Promise<string> {
    if (this.disposed || this.backend.readSync) return this.toString();
    return formatTensorData(await read.numpyAsync(this), this.shape, this.dtype, { device: this.device, suffixes: this._printSuffixes() });
  }
  /** @internal Extra `, key=value` parts of the printed form (autograd adds requires_grad / grad_fn). */
  _printSuffixes(): string[] {
    if (this.gradFn !== null) return [`grad_fn=<${this.gradFn.name}>`];
    if (this._requiresGrad) return ['requires_grad=True'];
    return [];
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- casts and copies ----
  /** t.to(dtype), t.to(device, dtype?), t.to(other), t.to({ dtype, device, copy }) */
  to(...args: M.ToArgs): Tensor { return M.to.method(this, args); }
  /** t.to(...) on any backend: moving off one that reads only asynchronously (WebGPU → 'cpu') awaits the values. */
  toAsync(...args: M.ToArgs): Promise<Tensor> { return M.toAsync.method(this, args); }
  float(...args: []): Tensor { return M.float.method(this, args); }
  double(...args: []): Tensor { return M.double.method(this, args); }
  half(...args: []): Tensor { return M.half.method(this, args); }
  bfloat16(...args: []): Tensor { return M.bfloat16.method(this, args); }
  int(...args: []): Tensor { return M.int.method(this, args); }
  long(...args: []): Tensor { return M.long.method(this, args); }
  byte(...args: []): Tensor { return M.byte.method(this, args); }
  bool(...args: []): Tensor { return M.bool.method(this, args); }
  /**
   * t.type() is the legacy type name ('torch.FloatTensor'); t.type(dtype) or t.type('torch.LongTensor')
   * casts, as in PyTorch.
   */
  type(): string;
  type(dtype: DType | string | { dtype?: DType | string }): Tensor;
  type(dtype?: DType | string | { dtype?: DType | string }): Tensor | string {
    const d = typeof dtype === 'object' && dtype !== null ? dtype.dtype : dtype;
    if (d === undefined) return tensorTypeName(this);
    return M.type.method(this, [dtypeOfTypeName(d) ?? (d as DType)]);
  }
  cpu(...args: []): Tensor { return M.cpu.method(this, args); }
  /** This tensor on a CUDA device (t.cuda(), t.cuda(1)); an Error where no CUDA backend is registered. */
  cuda(device?: number | DeviceLike | null): Tensor { return cast.to(this, cudaDevice('t.cuda()', device)); }
  contiguous(...args: []): Tensor { return M.contiguous.method(this, args); }
  clone(...args: []): Tensor { return F.clone.method(this, args); }
  copy_(...args: Args<[src: TensorOrScalar, nonBlocking: boolean], { src?: TensorOrScalar; nonBlocking?: boolean }>): this { return M.copy_.method(this, args) as this; }
  fill_(...args: Args<[value: number | boolean], { value?: number | boolean }>): this { return M.fill_.method(this, args) as this; }
  zero_(...args: []): this { return M.zero_.method(this, args) as this; }
  detach(...args: []): Tensor { return F.detach.method(this, args); }

  // ---- views ----
  view(...args: M.SizeArgs): Tensor { return M.view.method(this, args); }
  viewAs(...args: Args<[other: Tensor], { other?: Tensor }>): Tensor { return M.viewAs.method(this, args); }
  reshape(...args: F.SizeArgs): Tensor { return F.reshape.method(this, args); }
  reshapeAs(...args: Args<[other: Tensor], { other?: Tensor }>): Tensor { return M.reshapeAs.method(this, args); }
  permute(...args: F.SizeArgs): Tensor { return F.permute.method(this, args); }
  transpose(...args: F.TransposeArgs): Tensor { return F.transpose.method(this, args); }
  swapaxes(...args: Args<[axis0: number, axis1: number], { axis0?: number; axis1?: number }>): Tensor { return F.swapaxes.method(this, args); }
  t(...args: []): Tensor { return F.t.method(this, args); }
  get T(): Tensor { return viewsT(this); }
  get mT(): Tensor { return F.transpose(this, -2, -1); }
  expand(...args: M.SizeArgs): Tensor { return M.expand.method(this, args); }
  expandAs(...args: Args<[other: Tensor], { other?: Tensor }>): Tensor { return M.expandAs.method(this, args); }
  squeeze(...args: F.SqueezeArgs): Tensor { return F.squeeze.method(this, args); }
  unsqueeze(...args: F.DimArgs): Tensor { return F.unsqueeze.method(this, args); }
  flatten(...args: F.FlattenArgs): Tensor { return F.flatten.method(this, args); }
  unflatten(...args: F.UnflattenArgs): Tensor { return F.unflatten.method(this, args); }
  narrow(...args: F.NarrowArgs): Tensor { return F.narrow.method(this, args); }
  select(...args: F.SelectArgs): Tensor { return F.select.method(this, args); }
  movedim(...args: F.MovedimArgs): Tensor { return F.movedim.method(this, args); }
  unfold(...args: Args<[dimension: number, size: number, step: number], { dimension?: number; size?: number; step?: number }>): Tensor { return M.unfold.method(this, args); }
  asStrided(...args: Args<[size: readonly number[], stride: readonly number[], storageOffset: number | null], { size?: readonly number[]; stride?: readonly number[]; storageOffset?: number | null }>): Tensor {
    return M.asStrided.method(this, args);
  }

  // ---- indexing ----
  /** x[...] as in Python: integers, slice strings (':', '1:3', '::2', '-1:'), '...', null (new axis), index tensors. */
  index(...indices: IndexEntry[]): Tensor { return idx.index(this, indices); }
  /** x[...] on any backend: boolean masks are read with an await (WebGPU cannot read synchronously). */
  indexAsync(...indices: IndexEntry[]): Promise<Tensor> { return asy.indexAsync(this, indices); }
  /** x.index_put(indices, values, accumulate): the out-of-place form of indexPut_. */
  indexPut(...args: F.IndexPutArgs): Tensor { return F.indexPut.method(this, args); }
  /** x.indexPut(...) on any backend (boolean masks read with an await). */
  indexPutAsync(...args: F.IndexPutArgs): Promise<Tensor> { return F.indexPutAsync.method(this, args); }
  /** x[indices] = value in place on any backend (boolean masks read with an await); resolves to x. */
  indexPutAsync_(...args: F.IndexPutArgs): Promise<this> { return F.indexPutAsync_.method(this, args) as Promise<this>; }
  /** x[indices] = values */
  indexPut_(...args: F.IndexPutArgs): this { return F.indexPut_.method(this, args) as this; }

  // ---- elementwise: unary ----
  neg(...args: []): Tensor { return args.length === 0 ? ew.unary('neg', this) : F.neg.method(this, args); }
  negative(...args: []): Tensor { return args.length === 0 ? ew.unary('neg', this) : F.negative.method(this, args); }
  abs(...args: []): Tensor { return args.length === 0 ? ew.unary('abs', this) : F.abs.method(this, args); }
  sign(...args: []): Tensor { return args.length === 0 ? ew.unary('sign', this) : F.sign.method(this, args); }
  exp(...args: []): Tensor { return args.length === 0 ? ew.unary('exp', this) : F.exp.method(this, args); }
  exp2(...args: []): Tensor { return args.length === 0 ? ew.unary('exp2', this) : F.exp2.method(this, args); }
  log(...args: []): Tensor { return args.length === 0 ? ew.unary('log', this) : F.log.method(this, args); }
  log2(...args: []): Tensor { return args.length === 0 ? ew.unary('log2', this) : F.log2.method(this, args); }
  log10(...args: []): Tensor { return args.length === 0 ? ew.unary('log10', this) : F.log10.method(this, args); }
  log1p(...args: []): Tensor { return args.length === 0 ? ew.unary('log1p', this) : F.log1p.method(this, args); }
  expm1(...args: []): Tensor { return args.length === 0 ? ew.unary('expm1', this) : F.expm1.method(this, args); }
  sqrt(...args: []): Tensor { return args.length === 0 ? ew.unary('sqrt', this) : F.sqrt.method(this, args); }
  rsqrt(...args: []): Tensor { return args.length === 0 ? ew.unary('rsqrt', this) : F.rsqrt.method(this, args); }
  sin(...args: []): Tensor { return args.length === 0 ? ew.unary('sin', this) : F.sin.method(this, args); }
  cos(...args: []): Tensor { return args.length === 0 ? ew.unary('cos', this) : F.cos.method(this, args); }
  tan(...args: []): Tensor { return args.length === 0 ? ew.unary('tan', this) : F.tan.method(this, args); }
  asin(...args: []): Tensor { return args.length === 0 ? ew.unary('asin', this) : F.asin.method(this, args); }
  acos(...args: []): Tensor { return args.length === 0 ? ew.unary('acos', this) : F.acos.method(this, args); }
  atan(...args: []): Tensor { return args.length === 0 ? ew.unary('atan', this) : F.atan.method(this, args); }
  sinh(...args: []): Tensor { return args.length === 0 ? ew.unary('sinh', this) : F.sinh.method(this, args); }
  cosh(...args: []): Tensor { return args.length === 0 ? ew.unary('cosh', this) : F.cosh.method(this, args); }
  tanh(...args: []): Tensor { return args.length === 0 ? ew.unary('tanh', this) : F.tanh.method(this, args); }
  asinh(...args: []): Tensor { return args.length === 0 ? ew.unary('asinh', this) : F.asinh.method(this, args); }
  acosh(...args: []): Tensor { return args.length === 0 ? ew.unary('acosh', this) : F.acosh.method(this, args); }
  atanh(...args: []): Tensor { return args.length === 0 ? ew.unary('atanh', this) : F.atanh.method(this, args); }
  sigmoid(...args: []): Tensor { return args.length === 0 ? ew.unary('sigmoid', this) : F.sigmoid.method(this, args); }
  relu(...args: []): Tensor { return args.length === 0 ? ew.unary('relu', this) : F.relu.method(this, args); }
  floor(...args: []): Tensor { return args.length === 0 ? ew.unary('floor', this) : F.floor.method(this, args); }
  ceil(...args: []): Tensor { return args.length === 0 ? ew.unary('ceil', this) : F.ceil.method(this, args); }
  round(...args: F.RoundArgs): Tensor { return F.round.method(this, args); }
  trunc(...args: []): Tensor { return args.length === 0 ? ew.unary('trunc', this) : F.trunc.method(this, args); }
  frac(...args: []): Tensor { return args.length === 0 ? ew.unary('frac', this) : F.frac.method(this, args); }
  reciprocal(...args: []): Tensor { return args.length === 0 ? ew.unary('reciprocal', this) : F.reciprocal.method(this, args); }
  square(...args: []): Tensor { return args.length === 0 ? ew.unary('square', this) : F.square.method(this, args); }
  erf(...args: []): Tensor { return args.length === 0 ? ew.unary('erf', this) : F.erf.method(this, args); }
  erfc(...args: []): Tensor { return args.length === 0 ? ew.unary('erfc', this) : F.erfc.method(this, args); }
  logicalNot(...args: []): Tensor { return args.length === 0 ? ew.unary('logicalNot', this) : F.logicalNot.method(this, args); }
  bitwiseNot(...args: []): Tensor { return args.length === 0 ? ew.unary('bitwiseNot', this) : F.bitwiseNot.method(this, args); }
  isnan(...args: []): Tensor { return args.length === 0 ? ew.unary('isnan', this) : F.isnan.method(this, args); }
  isinf(...args: []): Tensor { return args.length === 0 ? ew.unary('isinf', this) : F.isinf.method(this, args); }
  isfinite(...args: []): Tensor { return args.length === 0 ? ew.unary('isfinite', this) : F.isfinite.method(this, args); }
  clamp(...args: F.ClampArgs): Tensor { return F.clamp.method(this, args); }
  clip(...args: F.ClampArgs): Tensor { return F.clip.method(this, args); }
  nanToNum(...args: F.NanToNumArgs): Tensor { return F.nanToNum.method(this, args); }

  neg_(...args: []): this {
    if (args.length !== 0) return M.neg_.method(this, args) as this;
    ew.unaryInplace('neg', this);
    return this;
  }
  abs_(...args: []): this {
    if (args.length !== 0) return M.abs_.method(this, args) as this;
    ew.unaryInplace('abs', this);
    return this;
  }
  sign_(...args: []): this {
    if (args.length !== 0) return M.sign_.method(this, args) as this;
    ew.unaryInplace('sign', this);
    return this;
  }
  exp_(...args: []): this {
    if (args.length !== 0) return M.exp_.method(this, args) as this;
    ew.unaryInplace('exp', this);
    return this;
  }
  log_(...args: []): this {
    if (args.length !== 0) return M.log_.method(this, args) as this;
    ew.unaryInplace('log', this);
    return this;
  }
  log1p_(...args: []): this {
    if (args.length !== 0) return M.log1p_.method(this, args) as this;
    ew.unaryInplace('log1p', this);
    return this;
  }
  expm1_(...args: []): this {
    if (args.length !== 0) return M.expm1_.method(this, args) as this;
    ew.unaryInplace('expm1', this);
    return this;
  }
  sqrt_(...args: []): this {
    if (args.length !== 0) return M.sqrt_.method(this, args) as this;
    ew.unaryInplace('sqrt', this);
    return this;
  }
  rsqrt_(...args: []): this {
    if (args.length !== 0) return M.rsqrt_.method(this, args) as this;
    ew.unaryInplace('rsqrt', this);
    return this;
  }
  sin_(...args: []): this {
    if (args.length !== 0) return M.sin_.method(this, args) as this;
    ew.unaryInplace('sin', this);
    return this;
  }
  cos_(...args: []): this {
    if (args.length !== 0) return M.cos_.method(this, args) as this;
    ew.unaryInplace('cos', this);
    return this;
  }
  tan_(...args: []): this {
    if (args.length !== 0) return M.tan_.method(this, args) as this;
    ew.unaryInplace('tan', this);
    return this;
  }
  tanh_(...args: []): this {
    if (args.length !== 0) return M.tanh_.method(this, args) as this;
    ew.unaryInplace('tanh', this);
    return this;
  }
  sigmoid_(...args: []): this {
    if (args.length !== 0) return M.sigmoid_.method(this, args) as this;
    ew.unaryInplace('sigmoid', this);
    return this;
  }
  relu_(...args: []): this {
    if (args.length !== 0) return M.relu_.method(this, args) as this;
    ew.unaryInplace('relu', this);
    return this;
  }
  floor_(...args: []): this {
    if (args.length !== 0) return M.floor_.method(this, args) as this;
    ew.unaryInplace('floor', this);
    return this;
  }
  ceil_(...args: []): this {
    if (args.length !== 0) return M.ceil_.method(this, args) as this;
    ew.unaryInplace('ceil', this);
    return this;
  }
  round_(...args: F.RoundArgs): this { return M.round_.method(this, args) as this; }
  trunc_(...args: []): this {
    if (args.length !== 0) return M.trunc_.method(this, args) as this;
    ew.unaryInplace('trunc', this);
    return this;
  }
  reciprocal_(...args: []): this {
    if (args.length !== 0) return M.reciprocal_.method(this, args) as this;
    ew.unaryInplace('reciprocal', this);
    return this;
  }
  square_(...args: []): this {
    if (args.length !== 0) return M.square_.method(this, args) as this;
    ew.unaryInplace('square', this);
    return this;
  }
  erf_(...args: []): this {
    if (args.length !== 0) return M.erf_.method(this, args) as this;
    ew.unaryInplace('erf', this);
    return this;
  }
  clamp_(...args: F.ClampArgs): this { return M.clamp_.method(this, args) as this; }
  clip_(...args: F.ClampArgs): this { return M.clip_.method(this, args) as this; }

  // ---- elementwise: binary ----
  add(...args: F.AlphaArgs): Tensor { return FAST.add.fast(args, 1) ? ew.add(this, args[0] as TensorOrScalar, D.add[2] as number) : F.add.method(this, args); }
  sub(...args: F.AlphaArgs): Tensor { return FAST.sub.fast(args, 1) ? ew.sub(this, args[0] as TensorOrScalar, D.sub[2] as number) : F.sub.method(this, args); }
  subtract(...args: F.AlphaArgs): Tensor { return F.subtract.method(this, args); }
  rsub(...args: F.AlphaArgs): Tensor { return F.rsub.method(this, args); }
  mul(...args: F.OtherArgs): Tensor { return FAST.mul.fast(args, 1) ? ew.binary('mul', this, args[0] as TensorOrScalar) : F.mul.method(this, args); }
  multiply(...args: F.OtherArgs): Tensor { return F.multiply.method(this, args); }
  div(...args: F.DivArgs): Tensor { return FAST.div.fast(args, 1) ? ew.div(this, args[0] as TensorOrScalar) : F.div.method(this, args); }
  divide(...args: F.DivArgs): Tensor { return F.divide.method(this, args); }
  trueDivide(...args: F.OtherArgs): Tensor { return F.trueDivide.method(this, args); }
  floorDivide(...args: F.OtherArgs): Tensor { return F.floorDivide.method(this, args); }
  pow(...args: F.PowArgs): Tensor { return FAST.pow.fast(args, 1) ? ew.binary('pow', this, args[0] as TensorOrScalar) : F.pow.method(this, args); }
  maximum(...args: F.OtherArgs<Tensor>): Tensor { return F.maximum.method(this, args); }
  minimum(...args: F.OtherArgs<Tensor>): Tensor { return F.minimum.method(this, args); }
  fmod(...args: F.OtherArgs): Tensor { return F.fmod.method(this, args); }
  remainder(...args: F.OtherArgs): Tensor { return F.remainder.method(this, args); }
  atan2(...args: F.OtherArgs<Tensor>): Tensor { return F.atan2.method(this, args); }
  eq(...args: F.OtherArgs): Tensor { return F.eq.method(this, args); }
  ne(...args: F.OtherArgs): Tensor { return F.ne.method(this, args); }
  lt(...args: F.OtherArgs): Tensor { return F.lt.method(this, args); }
  le(...args: F.OtherArgs): Tensor { return F.le.method(this, args); }
  gt(...args: F.OtherArgs): Tensor { return F.gt.method(this, args); }
  ge(...args: F.OtherArgs): Tensor { return F.ge.method(this, args); }
  logicalAnd(...args: F.OtherArgs): Tensor { return F.logicalAnd.method(this, args); }
  logicalOr(...args: F.OtherArgs): Tensor { return F.logicalOr.method(this, args); }
  logicalXor(...args: F.OtherArgs): Tensor { return F.logicalXor.method(this, args); }
  bitwiseAnd(...args: F.OtherArgs): Tensor { return F.bitwiseAnd.method(this, args); }
  bitwiseOr(...args: F.OtherArgs): Tensor { return F.bitwiseOr.method(this, args); }
  bitwiseXor(...args: F.OtherArgs): Tensor { return F.bitwiseXor.method(this, args); }
  /** torch.equal: same shape and same values. */
  equal(...args: F.OtherArgs<Tensor>): boolean { return F.equal.method(this, args); }
  allclose(...args: F.CloseArgs): boolean { return F.allclose.method(this, args); }
  /** torch.equal on any backend. */
  equalAsync(...args: F.OtherArgs<Tensor>): Promise<boolean> { return F.equalAsync.method(this, args); }
  /** torch.allclose on any backend. */
  allcloseAsync(...args: F.CloseArgs): Promise<boolean> { return F.allcloseAsync.method(this, args); }
  isclose(...args: F.CloseArgs): Tensor { return F.isclose.method(this, args); }
  /** x.where(condition, other): x where condition holds, else other (torch.where(condition, x, other)). */
  where(...args: F.WhereArgs): Tensor { return F.whereMethod.method(this, args); }
  lerp(...args: F.LerpArgs): Tensor { return F.lerp.method(this, args); }
  addcmul(...args: F.AddcArgs): Tensor { return F.addcmul.method(this, args); }
  addcdiv(...args: F.AddcArgs): Tensor { return F.addcdiv.method(this, args); }

  add_(...args: F.AlphaArgs): this {
    if (!FAST.add_.fast(args, 1)) return M.add_.method(this, args) as this;
    ew.addInplace(this, args[0] as TensorOrScalar, D.add_[2] as number);
    return this;
  }
  sub_(...args: F.AlphaArgs): this { return M.sub_.method(this, args) as this; }
  mul_(...args: F.OtherArgs): this {
    if (!FAST.mul_.fast(args, 1)) return M.mul_.method(this, args) as this;
    ew.binaryInplace('mul', this, args[0] as TensorOrScalar);
    return this;
  }
  div_(...args: F.DivArgs): this { return M.div_.method(this, args) as this; }
  pow_(...args: F.PowArgs): this { return M.pow_.method(this, args) as this; }
  fmod_(...args: F.OtherArgs): this { return M.fmod_.method(this, args) as this; }
  remainder_(...args: F.OtherArgs): this { return M.remainder_.method(this, args) as this; }
  floorDivide_(...args: F.OtherArgs): this { return M.floorDivide_.method(this, args) as this; }
  maximum_(...args: F.OtherArgs<Tensor>): this { return M.maximum_.method(this, args) as this; }
  minimum_(...args: F.OtherArgs<Tensor>): this { return M.minimum_.method(this, args) as this; }
  lerp_(...args: F.LerpArgs): this { return M.lerp_.method(this, args) as this; }
  addcmul_(...args: F.AddcArgs): this { return M.addcmul_.method(this, args) as this; }
  addcdiv_(...args: F.AddcArgs): this { return M.addcdiv_.method(this, args) as this; }
  maskedFill(...args: F.MaskedFillArgs): Tensor { return F.maskedFill.method(this, args); }
  maskedFill_(...args: F.MaskedFillArgs): this { return M.maskedFill_.method(this, args) as this; }

  // ---- reductions ----
  sum(...args: F.ReduceArgs): Tensor {
    return FAST.sum.fast(args, 1) ? red.sum(this, arg(args, 0, D.sum) as DimArg | null, arg(args, 1, D.sum) as boolean, D.sum[3] as null) : F.sum.method(this, args);
  }
  nansum(...args: F.ReduceArgs): Tensor { return F.nansum.method(this, args); }
  mean(...args: F.ReduceArgs): Tensor {
    return FAST.mean.fast(args, 1) ? red.mean(this, arg(args, 0, D.mean) as DimArg | null, arg(args, 1, D.mean) as boolean, D.mean[3] as null) : F.mean.method(this, args);
  }
  nanmean(...args: F.ReduceArgs): Tensor { return F.nanmean.method(this, args); }
  prod(...args: F.ReduceArgs<number>): Tensor { return F.prod.method(this, args); }
  /** max() → the largest value; max(dim) → [values, indices]; max(other) → elementwise maximum. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): [Tensor, Tensor];
  max(dim: number, options: { keepdim?: boolean }): [Tensor, Tensor];
  max(options: { dim: number; keepdim?: boolean }): [Tensor, Tensor];
  max(other: Tensor): Tensor;
  max(...args: unknown[]): Tensor | [Tensor, Tensor] { return F.max.method(this, args); }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): [Tensor, Tensor];
  min(dim: number, options: { keepdim?: boolean }): [Tensor, Tensor];
  min(options: { dim: number; keepdim?: boolean }): [Tensor, Tensor];
  min(other: Tensor): Tensor;
  min(...args: unknown[]): Tensor | [Tensor, Tensor] { return F.min.method(this, args); }
  amax(...args: F.DimKeepdimArgs): Tensor { return F.amax.method(this, args); }
  amin(...args: F.DimKeepdimArgs): Tensor { return F.amin.method(this, args); }
  argmax(...args: F.DimKeepdimArgs<number>): Tensor { return F.argmax.method(this, args); }
  argmin(...args: F.DimKeepdimArgs<number>): Tensor { return F.argmin.method(this, args); }
  all(...args: F.DimKeepdimArgs): Tensor { return F.all.method(this, args); }
  any(...args: F.DimKeepdimArgs): Tensor { return F.any.method(this, args); }
  var(...args: F.VarArgs): Tensor { return F.variance.method(this, args); }
  std(...args: F.VarArgs): Tensor { return F.std.method(this, args); }
  norm(...args: F.NormArgs): Tensor { return F.norm.method(this, args); }
  logsumexp(...args: F.LogsumexpArgs): Tensor { return F.logsumexp.method(this, args); }
  cumsum(...args: F.ScanArgs): Tensor { return F.cumsum.method(this, args); }
  cumprod(...args: F.ScanArgs): Tensor { return F.cumprod.method(this, args); }
  countNonzero(...args: F.CountNonzeroArgs): Tensor { return F.countNonzero.method(this, args); }

  // ---- linear algebra ----
  matmul(...args: F.OtherArgs<Tensor>): Tensor { return FAST.matmul.fast(args, 1) ? linalg.matmul(this, args[0] as Tensor) : F.matmul.method(this, args); }
  mm(...args: F.Mat2Args): Tensor { return F.mm.method(this, args); }
  bmm(...args: F.Mat2Args): Tensor { return F.bmm.method(this, args); }
  mv(...args: Args<[vec: Tensor], { vec?: Tensor }>): Tensor { return F.mv.method(this, args); }
  dot(...args: F.OtherArgs<Tensor>): Tensor { return F.dot.method(this, args); }
  outer(...args: Args<[vec2: Tensor], { vec2?: Tensor }>): Tensor { return F.outer.method(this, args); }
  addmm(...args: F.AddmmArgs): Tensor { return F.addmm.method(this, args); }

  // ---- joining, moving, gathering ----
  split(...args: F.SplitArgs): Tensor[] { return F.split.method(this, args); }
  chunk(...args: F.ChunkArgs): Tensor[] { return F.chunk.method(this, args); }
  unbind(...args: F.DimArgsDefault): Tensor[] { return F.unbind.method(this, args); }
  gather(...args: F.GatherArgs): Tensor { return F.gather.method(this, args); }
  scatter(...args: F.ScatterArgs): Tensor { return F.scatter.method(this, args); }
  scatter_(...args: F.ScatterArgs): this { return M.scatter_.method(this, args) as this; }
  scatterAdd(...args: F.ScatterAddArgs): Tensor { return F.scatterAdd.method(this, args); }
  scatterAdd_(...args: F.ScatterAddArgs): this { return M.scatterAdd_.method(this, args) as this; }
  indexSelect(...args: F.IndexSelectArgs): Tensor { return F.indexSelect.method(this, args); }
  take(...args: Args<[index: Tensor], { index?: Tensor }>): Tensor { return F.take.method(this, args); }
  maskedSelect(...args: F.MaskArgs): Tensor { return F.maskedSelect.method(this, args); }
  nonzero(options?: { asTuple?: false }): Tensor;
  nonzero(options: { asTuple: true }): Tensor[];
  nonzero(...args: unknown[]): Tensor | Tensor[] { return F.nonzero.method(this, args); }
  /** maskedSelect / nonzero on any backend: the mask's values size the result, so they are read with an await. */
  maskedSelectAsync(...args: F.MaskArgs): Promise<Tensor> { return F.maskedSelectAsync.method(this, args); }
  nonzeroAsync(options?: { asTuple?: false }): Promise<Tensor>;
  nonzeroAsync(options: { asTuple: true }): Promise<Tensor[]>;
  nonzeroAsync(...args: unknown[]): Promise<Tensor | Tensor[]> { return F.nonzeroAsync.method(this, args); }
  repeat(...args: M.SizeArgs): Tensor { return M.repeat.method(this, args); }
  tile(...args: F.SizeArgs): Tensor { return F.tile.method(this, args); }
  repeatInterleave(...args: F.RepeatInterleaveArgs): Tensor { return F.repeatInterleave.method(this, args); }
  /** repeatInterleave on any backend (tensor repeats are read with an await). */
  repeatInterleaveAsync(...args: F.RepeatInterleaveArgs): Promise<Tensor> { return F.repeatInterleaveAsync.method(this, args); }
  flip(...args: F.SizeArgs): Tensor { return F.flip.method(this, args); }
  roll(...args: F.RollArgs): Tensor { return F.roll.method(this, args); }
  triu(...args: F.DiagonalIndexArgs): Tensor { return F.triu.method(this, args); }
  tril(...args: F.DiagonalIndexArgs): Tensor { return F.tril.method(this, args); }
  diag(...args: F.DiagonalIndexArgs): Tensor { return F.diag.method(this, args); }
  diagonal(...args: F.DiagonalArgs): Tensor { return F.diagonal.method(this, args); }
  pad(...args: F.PadArgs): Tensor { return F.pad.method(this, args); }
  sort(...args: F.SortArgs): [Tensor, Tensor] { return F.sort.method(this, args); }
  argsort(...args: F.SortArgs): Tensor { return F.argsort.method(this, args); }
  topk(...args: F.TopkArgs): [Tensor, Tensor] { return F.topk.method(this, args); }
  unique(...args: F.UniqueArgs): Tensor | Tensor[] { return F.unique.method(this, args); }
  /** unique on any backend (the values are read with an await). */
  uniqueAsync(...args: F.UniqueArgs): Promise<Tensor | Tensor[]> { return F.uniqueAsync.method(this, args); }

  // ---- activations ----
  softmax(...args: F.SoftmaxArgs): Tensor { return F.softmax.method(this, args); }
  logSoftmax(...args: F.SoftmaxArgs): Tensor { return F.logSoftmax.method(this, args); }

  // ---- random fills (in place) ----
  uniform_(...args: Args<[from: number, to: number], { from?: number; to?: number; generator?: Generator | null }>): this { return M.uniform_.method(this, args) as this; }
  normal_(...args: Args<[mean: number, std: number], { mean?: number; std?: number; generator?: Generator | null }>): this { return M.normal_.method(this, args) as this; }
  random_(...args: Args<[from: number | null, to: number | null], { from?: number | null; to?: number | null; generator?: Generator | null }>): this { return M.random_.method(this, args) as this; }
  bernoulli_(...args: Args<[p: number | Tensor], { p?: number | Tensor; generator?: Generator | null }>): this { return M.bernoulli_.method(this, args) as this; }
  bernoulli(...args: Args<[], { generator?: Generator | null }>): Tensor { return M.bernoulli.method(this, args); }
  exponential_(...args: Args<[lambd: number], { lambd?: number; generator?: Generator | null }>): this { return M.exponential_.method(this, args) as this; }

  // ---- new tensors like this one (same dtype and device unless given) ----
  newTensor(...args: [data: unknown, options?: CreationOptions]): Tensor { return create.newTensor.method(this, args); }
  newZeros(...args: create.SizeArgs): Tensor { return create.newZeros.method(this, args); }
  newOnes(...args: create.SizeArgs): Tensor { return create.newOnes.method(this, args); }
  newEmpty(...args: create.SizeArgs): Tensor { return create.newEmpty.method(this, args); }
  newFull(...args: [size: readonly number[], fillValue: number | boolean, options?: CreationOptions]): Tensor { return create.newFull.method(this, args); }
}
(Tensor.prototype as unknown as Record<symbol, boolean>)[TENSOR_BRAND] = true;
