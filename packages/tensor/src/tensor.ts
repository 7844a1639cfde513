/**
 * Tensor: a strided view of a reference-counted storage on one backend. Methods mirror PyTorch's and
 * delegate to the op functions (torch.add(a, b) and a.add(b) are one definition).
 */
import type { Backend, View } from './backend';
import type { DataArray, DType } from './dtype';
import { isFloatingPoint, itemSize } from './dtype';
import { formatTensorData } from './format';
import { adopt, keep, release, storageChanged, type Ticket } from './memory';
import { isContiguousLayout, normalizeDim, numelOf } from './shape';
import { autogradHook, type BackwardOptions, type GradFn } from './autograd';
import { Size } from './size';
import type { Storage } from './storage';
import { sparseElementwise } from './sparse/dispatch';
import * as cast from './ops/cast';
import * as asy from './ops/async';
import * as create from './ops/create';
import * as ew from './ops/elementwise';
import * as idx from './ops/indexing';
import * as join from './ops/join';
import * as linalg from './ops/linalg';
import * as read from './ops/read';
import * as red from './ops/reduce';
import * as rnd from './ops/random';
import * as smx from './ops/softmax';
import * as sort from './ops/sort';
import * as views from './ops/views';
import type { IndexEntry } from './ops/indexing';
import type { ReduceOptions, DimArg } from './ops/reduce';
import type { Scalar, TensorOrScalar } from './ops/util';
import type { PadMode } from './ops/join';

/** PyTorch's keyword form of clamp: x.clamp({ min: 0 }). */
export interface ClampOptions {
  min?: TensorOrScalar | null;
  max?: TensorOrScalar | null;
}
function isOptions(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !(x instanceof Tensor);
}
function clampArgs(min: TensorOrScalar | null | ClampOptions | undefined, max: TensorOrScalar | null | undefined): [TensorOrScalar | null | undefined, TensorOrScalar | null | undefined] {
  return isOptions(min) ? [(min as ClampOptions).min, (min as ClampOptions).max] : [min as TensorOrScalar | null | undefined, max];
}
function dimOf(dim: number | { dim?: number }): number {
  return typeof dim === 'object' ? dim.dim ?? 0 : dim;
}
function diagonalOf(d: number | { diagonal?: number }): number {
  return typeof d === 'object' ? d.diagonal ?? 0 : d;
}

/** A value's kind as Python names it in TypeErrors ('bool', 'NoneType', 'list', …). */
function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? ((v as object).constructor?.name ?? 'object') : typeof v;
}

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

  constructor(
    readonly storage: Storage,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
    readonly dtype: DType,
    base: Tensor | null = null,
  ) {
    this._base = base;
    if (base !== null) this._viewVersion = base._version.value;
    adopt(this);
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
  size(dim?: number): number | Size {
    if (dim === undefined) return Size.fromShape(this.shape);
    return this.shape[normalizeDim(dim, this.ndim)] ?? 1;
  }
  dim(): number {
    return this.shape.length;
  }
  numel(): number {
    return numelOf(this.shape);
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number | number[] {
    if (dim === undefined) return this.strides.slice();
    return this.strides[normalizeDim(dim, this.ndim)] ?? 1;
  }
  storageOffset(): number {
    return this.offset;
  }
  elementSize(): number {
    return itemSize(this.dtype);
  }
  isContiguous(): boolean {
    return isContiguousLayout(this.shape, this.strides);
  }
  isFloatingPoint(): boolean {
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
  toDense(): Tensor {
    return this._live();
  }
  /** Sparse dims of a sparse tensor; 0 for a dense one (as PyTorch's sparse_dim). */
  sparseDim(): number {
    return 0;
  }
  /** Dense dims: all of them for a dense tensor (as PyTorch's dense_dim). */
  denseDim(): number {
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
  toSparse(sparseDim?: number): Tensor {
    return sparseElementwise().toSparse(this._live(), sparseDim);
  }
  /** This tensor's entries at the positions of the sparse `mask`, as a sparse tensor with mask's indices. */
  sparseMask(mask: Tensor): Tensor {
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
  requiresGrad_(flag = true): this {
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
  retainGrad(): void {
    if (!this.requiresGrad) throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    if (this.gradFn === null || this._retainsGrad) return;
    this._retainsGrad = true;
    this.gradFn.retainGrad?.(this._outputNr, this);
  }
  /** Computes the gradient of this tensor w.r.t. graph leaves (needs @x/autograd, which @x/torch imports). */
  backward(options?: BackwardOptions & { gradient?: Tensor | null }): void;
  backward(gradient?: Tensor | null, options?: BackwardOptions): void;
  backward(gradient?: Tensor | null | (BackwardOptions & { gradient?: Tensor | null }), options: BackwardOptions = {}): void {
    const hook = autogradHook();
    if (hook === null) throw new Error("backward() needs @x/autograd: import '@x/autograd' (the @x/torch umbrella does)");
    // z.backward({ retainGraph: true }): PyTorch's keywords, gradient among them, in one options object
    if (isOptions(gradient)) {
      const { gradient: g, ...rest } = gradient as BackwardOptions & { gradient?: Tensor | null };
      hook.backward(this, g ?? undefined, rest);
      return;
    }
    hook.backward(this, (gradient as Tensor | null | undefined) ?? undefined, options);
  }
  /**
   * Registers fn to run on this tensor's gradient during backward; a returned tensor replaces the
   * gradient. Returns a handle whose remove() unregisters it.
   */
  registerHook(fn: (grad: Tensor) => Tensor | void): { remove(): void } {
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
  set_(source: Tensor): this {
    source._live();
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
  detach_(): this {
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
    if (!(source instanceof Tensor)) throw new TypeError(`data must be a Tensor, not ${describeValue(source)}`);
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
  to(target: DType | string | Tensor | { dtype?: DType; device?: string; copy?: boolean }): Tensor {
    return cast.to(this, target);
  }
  /** t.to(...) on any backend: moving off one that reads only asynchronously (WebGPU → 'cpu') awaits the values. */
  toAsync(target: DType | string | Tensor | { dtype?: DType; device?: string; copy?: boolean }): Promise<Tensor> {
    return cast.toAsync(this, target);
  }
  float(): Tensor { return cast.toDType(this, 'float32'); }
  double(): Tensor { return cast.toDType(this, 'float64'); }
  half(): Tensor { return cast.toDType(this, 'float16'); }
  bfloat16(): Tensor { return cast.toDType(this, 'bfloat16'); }
  int(): Tensor { return cast.toDType(this, 'int32'); }
  long(): Tensor { return cast.toDType(this, 'int64'); }
  byte(): Tensor { return cast.toDType(this, 'uint8'); }
  bool(): Tensor { return cast.toDType(this, 'bool'); }
  type(dtype: DType): Tensor { return cast.toDType(this, dtype); }
  cpu(): Tensor { return cast.to(this, 'cpu'); }
  contiguous(): Tensor { return cast.contiguous(this); }
  clone(): Tensor { return cast.clone(this); }
  copy_(src: TensorOrScalar): this { cast.copy_(this, src); return this; }
  fill_(value: Scalar): this { cast.fill_(this, value); return this; }
  zero_(): this { cast.fill_(this, 0); return this; }
  detach(): Tensor { return views.alias(this); }

  // ---- views ----
  view(...shape: (number | readonly number[])[]): Tensor { return views.view(this, shape); }
  viewAs(other: Tensor): Tensor { return views.view(this, [other.shape]); }
  reshape(...shape: (number | readonly number[])[]): Tensor { return views.reshape(this, shape); }
  reshapeAs(other: Tensor): Tensor { return views.reshape(this, [other.shape]); }
  permute(...dims: (number | readonly number[])[]): Tensor { return views.permute(this, dims); }
  transpose(dim0: number, dim1: number): Tensor { return views.transpose(this, dim0, dim1); }
  swapaxes(dim0: number, dim1: number): Tensor { return views.transpose(this, dim0, dim1); }
  t(): Tensor { return views.t(this); }
  get T(): Tensor { return views.reversedDims(this); }
  get mT(): Tensor { return views.transpose(this, -2, -1); }
  expand(...shape: (number | readonly number[])[]): Tensor { return views.expand(this, shape); }
  expandAs(other: Tensor): Tensor { return views.expand(this, [other.shape]); }
  squeeze(dim?: number | readonly number[]): Tensor { return views.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return views.unsqueeze(this, dim); }
  flatten(startDim: number | { startDim?: number; endDim?: number } = 0, endDim = -1): Tensor {
    const o = typeof startDim === 'object' ? startDim : { startDim, endDim };
    return views.flatten(this, o.startDim ?? 0, o.endDim ?? -1);
  }
  unflatten(dim: number, sizes: readonly number[]): Tensor { return views.unflatten(this, dim, sizes); }
  narrow(dim: number, start: number, length: number): Tensor { return views.narrow(this, dim, start, length); }
  select(dim: number, index: number): Tensor { return views.select(this, dim, index); }
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor { return views.movedim(this, source, destination); }
  unfold(dim: number, size: number, step: number): Tensor { return views.unfold(this, dim, size, step); }
  asStrided(size: readonly number[], stride: readonly number[], storageOffset?: number): Tensor { return views.asStrided(this, size, stride, storageOffset); }

  // ---- indexing ----
  /** x[...] as in Python: integers, slice strings (':', '1:3', '::2', '-1:'), '...', null (new axis), index tensors. */
  index(...indices: IndexEntry[]): Tensor { return idx.index(this, indices); }
  /** x[...] on any backend: boolean masks are read with an await (WebGPU cannot read synchronously). */
  indexAsync(...indices: IndexEntry[]): Promise<Tensor> { return asy.indexAsync(this, indices); }
  /** x[indices] = value */
  /** x.index_put(indices, values, accumulate): the out-of-place form of indexPut_. */
  indexPut(indices: IndexEntry | readonly IndexEntry[], value: TensorOrScalar, accumulate = false): Tensor {
    return idx.indexPut(this, Array.isArray(indices) ? (indices as IndexEntry[]) : [indices as IndexEntry], value, accumulate);
  }
  /** x.indexPut(...) on any backend (boolean masks read with an await). */
  indexPutAsync(indices: IndexEntry | readonly IndexEntry[], value: TensorOrScalar, accumulate = false): Promise<Tensor> {
    return asy.indexPutAsync(this, Array.isArray(indices) ? (indices as IndexEntry[]) : [indices as IndexEntry], value, accumulate);
  }
  /** x[indices] = value in place on any backend (boolean masks read with an await); resolves to x. */
  indexPutAsync_(indices: IndexEntry | readonly IndexEntry[], value: TensorOrScalar, accumulate = false): Promise<this> {
    return asy.indexPutAsync_(this, Array.isArray(indices) ? (indices as IndexEntry[]) : [indices as IndexEntry], value, accumulate) as Promise<this>;
  }
  indexPut_(indices: IndexEntry | readonly IndexEntry[], value: TensorOrScalar, accumulate = false): this {
    idx.indexPut_(this, Array.isArray(indices) ? (indices as IndexEntry[]) : [indices as IndexEntry], value, accumulate);
    return this;
  }

  // ---- elementwise: unary ----
  neg(): Tensor { return ew.unary('neg', this); }
  negative(): Tensor { return ew.unary('neg', this); }
  abs(): Tensor { return ew.unary('abs', this); }
  sign(): Tensor { return ew.unary('sign', this); }
  exp(): Tensor { return ew.unary('exp', this); }
  exp2(): Tensor { return ew.unary('exp2', this); }
  log(): Tensor { return ew.unary('log', this); }
  log2(): Tensor { return ew.unary('log2', this); }
  log10(): Tensor { return ew.unary('log10', this); }
  log1p(): Tensor { return ew.unary('log1p', this); }
  expm1(): Tensor { return ew.unary('expm1', this); }
  sqrt(): Tensor { return ew.unary('sqrt', this); }
  rsqrt(): Tensor { return ew.unary('rsqrt', this); }
  sin(): Tensor { return ew.unary('sin', this); }
  cos(): Tensor { return ew.unary('cos', this); }
  tan(): Tensor { return ew.unary('tan', this); }
  asin(): Tensor { return ew.unary('asin', this); }
  acos(): Tensor { return ew.unary('acos', this); }
  atan(): Tensor { return ew.unary('atan', this); }
  sinh(): Tensor { return ew.unary('sinh', this); }
  cosh(): Tensor { return ew.unary('cosh', this); }
  tanh(): Tensor { return ew.unary('tanh', this); }
  asinh(): Tensor { return ew.unary('asinh', this); }
  acosh(): Tensor { return ew.unary('acosh', this); }
  atanh(): Tensor { return ew.unary('atanh', this); }
  sigmoid(): Tensor { return ew.unary('sigmoid', this); }
  relu(): Tensor { return ew.unary('relu', this); }
  floor(): Tensor { return ew.unary('floor', this); }
  ceil(): Tensor { return ew.unary('ceil', this); }
  round(options?: { decimals?: number }): Tensor { return ew.round(this, options?.decimals ?? 0); }
  trunc(): Tensor { return ew.unary('trunc', this); }
  frac(): Tensor { return ew.unary('frac', this); }
  reciprocal(): Tensor { return ew.unary('reciprocal', this); }
  square(): Tensor { return ew.unary('square', this); }
  erf(): Tensor { return ew.unary('erf', this); }
  erfc(): Tensor { return ew.unary('erfc', this); }
  logicalNot(): Tensor { return ew.unary('logicalNot', this); }
  bitwiseNot(): Tensor { return ew.unary('bitwiseNot', this); }
  isnan(): Tensor { return ew.unary('isnan', this); }
  isinf(): Tensor { return ew.unary('isinf', this); }
  isfinite(): Tensor { return ew.unary('isfinite', this); }
  clamp(min?: TensorOrScalar | null | ClampOptions, max?: TensorOrScalar | null): Tensor { return ew.clamp(this, ...clampArgs(min, max)); }
  clip(min?: TensorOrScalar | null | ClampOptions, max?: TensorOrScalar | null): Tensor { return ew.clamp(this, ...clampArgs(min, max)); }
  nanToNum(nan: number | { nan?: number; posinf?: number; neginf?: number } = 0, posinf?: number, neginf?: number): Tensor {
    const o = typeof nan === 'object' ? nan : { nan, posinf, neginf };
    return ew.nanToNum(this, o.nan ?? 0, o.posinf, o.neginf);
  }

  neg_(): this { ew.unaryInplace('neg', this); return this; }
  abs_(): this { ew.unaryInplace('abs', this); return this; }
  sign_(): this { ew.unaryInplace('sign', this); return this; }
  exp_(): this { ew.unaryInplace('exp', this); return this; }
  log_(): this { ew.unaryInplace('log', this); return this; }
  log1p_(): this { ew.unaryInplace('log1p', this); return this; }
  expm1_(): this { ew.unaryInplace('expm1', this); return this; }
  sqrt_(): this { ew.unaryInplace('sqrt', this); return this; }
  rsqrt_(): this { ew.unaryInplace('rsqrt', this); return this; }
  sin_(): this { ew.unaryInplace('sin', this); return this; }
  cos_(): this { ew.unaryInplace('cos', this); return this; }
  tan_(): this { ew.unaryInplace('tan', this); return this; }
  tanh_(): this { ew.unaryInplace('tanh', this); return this; }
  sigmoid_(): this { ew.unaryInplace('sigmoid', this); return this; }
  relu_(): this { ew.unaryInplace('relu', this); return this; }
  floor_(): this { ew.unaryInplace('floor', this); return this; }
  ceil_(): this { ew.unaryInplace('ceil', this); return this; }
  round_(): this { ew.unaryInplace('round', this); return this; }
  trunc_(): this { ew.unaryInplace('trunc', this); return this; }
  reciprocal_(): this { ew.unaryInplace('reciprocal', this); return this; }
  square_(): this { ew.unaryInplace('square', this); return this; }
  erf_(): this { ew.unaryInplace('erf', this); return this; }
  clamp_(min?: TensorOrScalar | null | ClampOptions, max?: TensorOrScalar | null): this { ew.clampInplace(this, ...clampArgs(min, max)); return this; }
  clip_(min?: TensorOrScalar | null | ClampOptions, max?: TensorOrScalar | null): this { ew.clampInplace(this, ...clampArgs(min, max)); return this; }

  // ---- elementwise: binary ----
  add(other: TensorOrScalar, options?: { alpha?: number }): Tensor { return ew.add(this, other, options?.alpha); }
  sub(other: TensorOrScalar, options?: { alpha?: number }): Tensor { return ew.sub(this, other, options?.alpha); }
  subtract(other: TensorOrScalar, options?: { alpha?: number }): Tensor { return ew.sub(this, other, options?.alpha); }
  rsub(other: TensorOrScalar, options?: { alpha?: number }): Tensor { return ew.rsub(this, other, options?.alpha); }
  mul(other: TensorOrScalar): Tensor { return ew.binary('mul', this, other); }
  multiply(other: TensorOrScalar): Tensor { return ew.binary('mul', this, other); }
  div(other: TensorOrScalar, options?: { roundingMode?: 'trunc' | 'floor' | null }): Tensor { return ew.div(this, other, options?.roundingMode); }
  divide(other: TensorOrScalar, options?: { roundingMode?: 'trunc' | 'floor' | null }): Tensor { return ew.div(this, other, options?.roundingMode); }
  trueDivide(other: TensorOrScalar): Tensor { return ew.div(this, other); }
  floorDivide(other: TensorOrScalar): Tensor { return ew.binary('floorDivide', this, other); }
  pow(exponent: TensorOrScalar): Tensor { return ew.binary('pow', this, exponent); }
  maximum(other: Tensor): Tensor { return ew.binary('maximum', this, other); }
  minimum(other: Tensor): Tensor { return ew.binary('minimum', this, other); }
  fmod(other: TensorOrScalar): Tensor { return ew.binary('fmod', this, other); }
  remainder(other: TensorOrScalar): Tensor { return ew.binary('remainder', this, other); }
  atan2(other: Tensor): Tensor { return ew.binary('atan2', this, other); }
  eq(other: TensorOrScalar): Tensor { return ew.binary('eq', this, other); }
  ne(other: TensorOrScalar): Tensor { return ew.binary('ne', this, other); }
  lt(other: TensorOrScalar): Tensor { return ew.binary('lt', this, other); }
  le(other: TensorOrScalar): Tensor { return ew.binary('le', this, other); }
  gt(other: TensorOrScalar): Tensor { return ew.binary('gt', this, other); }
  ge(other: TensorOrScalar): Tensor { return ew.binary('ge', this, other); }
  logicalAnd(other: TensorOrScalar): Tensor { return ew.binary('logicalAnd', this, other); }
  logicalOr(other: TensorOrScalar): Tensor { return ew.binary('logicalOr', this, other); }
  logicalXor(other: TensorOrScalar): Tensor { return ew.binary('logicalXor', this, other); }
  bitwiseAnd(other: TensorOrScalar): Tensor { return ew.binary('bitwiseAnd', this, other); }
  bitwiseOr(other: TensorOrScalar): Tensor { return ew.binary('bitwiseOr', this, other); }
  bitwiseXor(other: TensorOrScalar): Tensor { return ew.binary('bitwiseXor', this, other); }
  /** torch.equal: same shape and same values. */
  equal(other: Tensor): boolean { return ew.equal(this, other); }
  allclose(other: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean { return ew.allclose(this, other, options); }
  /** torch.equal on any backend. */
  equalAsync(other: Tensor): Promise<boolean> { return asy.equalAsync(this, other); }
  /** torch.allclose on any backend. */
  allcloseAsync(other: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): Promise<boolean> { return asy.allcloseAsync(this, other, options); }
  isclose(other: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): Tensor { return ew.isclose(this, other, options); }
  where(condition: Tensor, other: TensorOrScalar): Tensor { return ew.where(condition, this, other); }
  lerp(end: Tensor, weight: TensorOrScalar): Tensor { return ew.lerp(this, end, weight); }
  addcmul(t1: Tensor, t2: Tensor, options?: { value?: number }): Tensor { return ew.addcmul(this, t1, t2, options?.value ?? 1); }
  addcdiv(t1: Tensor, t2: Tensor, options?: { value?: number }): Tensor { return ew.addcdiv(this, t1, t2, options?.value ?? 1); }

  add_(other: TensorOrScalar, options?: { alpha?: number }): this { ew.addInplace(this, other, options?.alpha); return this; }
  sub_(other: TensorOrScalar, options?: { alpha?: number }): this { ew.addInplace(this, other, -(options?.alpha ?? 1)); return this; }
  mul_(other: TensorOrScalar): this { ew.binaryInplace('mul', this, other); return this; }
  div_(other: TensorOrScalar, options?: { roundingMode?: 'trunc' | 'floor' | null }): this { ew.divInplace(this, other, options?.roundingMode); return this; }
  pow_(exponent: TensorOrScalar): this { ew.binaryInplace('pow', this, exponent); return this; }
  fmod_(other: TensorOrScalar): this { ew.binaryInplace('fmod', this, other); return this; }
  remainder_(other: TensorOrScalar): this { ew.binaryInplace('remainder', this, other); return this; }
  floorDivide_(other: TensorOrScalar): this { ew.binaryInplace('floorDivide', this, other); return this; }
  maximum_(other: Tensor): this { ew.binaryInplace('maximum', this, other); return this; }
  minimum_(other: Tensor): this { ew.binaryInplace('minimum', this, other); return this; }
  lerp_(end: Tensor, weight: TensorOrScalar): this { return this._assign(ew.lerp(this, end, weight)); }
  addcmul_(t1: Tensor, t2: Tensor, options?: { value?: number }): this { return this._assign(ew.addcmul(this, t1, t2, options?.value ?? 1)); }
  addcdiv_(t1: Tensor, t2: Tensor, options?: { value?: number }): this { return this._assign(ew.addcdiv(this, t1, t2, options?.value ?? 1)); }
  maskedFill(mask: Tensor, value: TensorOrScalar): Tensor { return ew.maskedFill(this, mask, value); }
  maskedFill_(mask: Tensor, value: TensorOrScalar): this { return this._assign(ew.maskedFill(this, mask, value)); }

  // ---- reductions ----
  sum(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.sum(this, dim, options); }
  nansum(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.nansum(this, dim, options); }
  mean(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.mean(this, dim, options); }
  nanmean(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.nanmean(this, dim, options); }
  prod(dim?: number | ReduceOptions, options?: ReduceOptions): Tensor { return red.prod(this, dim, options); }
  /** max() → the largest value; max(dim) → [values, indices]; max(other) → elementwise maximum. */
  max(): Tensor;
  max(dim: number, options?: { keepdim?: boolean }): [Tensor, Tensor];
  max(other: Tensor): Tensor;
  max(arg?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean }): Tensor | [Tensor, Tensor] {
    return red.maxOrMin('max', this, arg, options);
  }
  min(): Tensor;
  min(dim: number, options?: { keepdim?: boolean }): [Tensor, Tensor];
  min(other: Tensor): Tensor;
  min(arg?: number | Tensor | { dim: number; keepdim?: boolean }, options?: { keepdim?: boolean }): Tensor | [Tensor, Tensor] {
    return red.maxOrMin('min', this, arg, options);
  }
  amax(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.amax(this, dim, options); }
  amin(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.amin(this, dim, options); }
  argmax(dim?: number | ReduceOptions, options?: ReduceOptions): Tensor { return red.argmax(this, dim, options); }
  argmin(dim?: number | ReduceOptions, options?: ReduceOptions): Tensor { return red.argmin(this, dim, options); }
  all(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.all(this, dim, options); }
  any(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor { return red.any(this, dim, options); }
  var(dim?: DimArg | red.VarOptions, options?: red.VarOptions): Tensor { return red.variance(this, dim, options); }
  std(dim?: DimArg | red.VarOptions, options?: red.VarOptions): Tensor { return red.std(this, dim, options); }
  norm(p?: number | 'fro' | null | (ReduceOptions & { p?: number | 'fro' | null }), dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    if (p !== null && typeof p === 'object') return red.norm(this, p.p, p);
    return red.norm(this, p, dim, options);
  }
  logsumexp(dim: DimArg, options?: ReduceOptions): Tensor { return red.logsumexp(this, dim, options); }
  cumsum(dim: number, options?: { dtype?: DType }): Tensor { return red.cumsum(this, dim, options); }
  cumprod(dim: number, options?: { dtype?: DType }): Tensor { return red.cumprod(this, dim, options); }
  countNonzero(dim?: DimArg): Tensor { return red.countNonzero(this, dim); }

  // ---- linear algebra ----
  matmul(other: Tensor): Tensor { return linalg.matmul(this, other); }
  mm(other: Tensor): Tensor { return linalg.mm(this, other); }
  bmm(other: Tensor): Tensor { return linalg.bmm(this, other); }
  mv(vec: Tensor): Tensor { return linalg.mv(this, vec); }
  dot(other: Tensor): Tensor { return linalg.dot(this, other); }
  outer(other: Tensor): Tensor { return linalg.outer(this, other); }
  addmm(mat1: Tensor, mat2: Tensor, options?: { beta?: number; alpha?: number }): Tensor { return linalg.addmm(this, mat1, mat2, options); }

  // ---- joining, moving, gathering ----
  split(splitSize: number | readonly number[], dim: number | { dim?: number } = 0): Tensor[] { return join.split(this, splitSize, dimOf(dim)); }
  chunk(chunks: number, dim: number | { dim?: number } = 0): Tensor[] { return join.chunk(this, chunks, dimOf(dim)); }
  unbind(dim = 0): Tensor[] { return join.unbind(this, dim); }
  gather(dim: number, index: Tensor): Tensor { return join.gather(this, dim, index); }
  scatter(dim: number, index: Tensor, src: TensorOrScalar, options?: { reduce?: 'add' | 'multiply' }): Tensor { return join.scatter(this, dim, index, src, options?.reduce); }
  scatter_(dim: number, index: Tensor, src: TensorOrScalar, options?: { reduce?: 'add' | 'multiply' }): this { join.scatterInplace(this, dim, index, src, options?.reduce); return this; }
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor { return join.scatterAdd(this, dim, index, src); }
  scatterAdd_(dim: number, index: Tensor, src: Tensor): this { join.scatterAddInplace(this, dim, index, src); return this; }
  indexSelect(dim: number, index: Tensor): Tensor { return join.indexSelect(this, dim, index); }
  take(index: Tensor): Tensor { return join.take(this, index); }
  maskedSelect(mask: Tensor): Tensor { return idx.maskedSelect(this, mask); }
  nonzero(): Tensor { return idx.nonzero(this); }
  /** maskedSelect / nonzero on any backend: the mask's values size the result, so they are read with an await. */
  maskedSelectAsync(mask: Tensor): Promise<Tensor> { return asy.maskedSelectAsync(this, mask); }
  nonzeroAsync(): Promise<Tensor> { return asy.nonzeroAsync(this); }
  repeat(...sizes: (number | readonly number[])[]): Tensor { return join.repeat(this, sizes); }
  tile(...sizes: (number | readonly number[])[]): Tensor { return join.tile(this, sizes); }
  repeatInterleave(repeats: number | Tensor, dim?: number | { dim?: number }): Tensor { return join.repeatInterleave(this, repeats, typeof dim === 'object' ? dim.dim : dim); }
  /** repeatInterleave on any backend (tensor repeats are read with an await). */
  repeatInterleaveAsync(repeats: number | Tensor, dim?: number | { dim?: number }): Promise<Tensor> { return join.repeatInterleaveAsync(this, repeats, typeof dim === 'object' ? dim.dim : dim); }
  flip(...dims: (number | readonly number[])[]): Tensor { return join.flip(this, dims); }
  roll(shifts: number | readonly number[], dims?: number | readonly number[] | { dims?: number | readonly number[] }): Tensor {
    return join.roll(this, shifts, dims !== undefined && !Array.isArray(dims) && typeof dims === 'object' ? (dims as { dims?: number | readonly number[] }).dims : (dims as number | readonly number[] | undefined));
  }
  triu(diagonal: number | { diagonal?: number } = 0): Tensor { return join.triu(this, diagonalOf(diagonal)); }
  tril(diagonal: number | { diagonal?: number } = 0): Tensor { return join.tril(this, diagonalOf(diagonal)); }
  diag(diagonal: number | { diagonal?: number } = 0): Tensor { return join.diag(this, diagonalOf(diagonal)); }
  pad(pad: readonly number[], mode: PadMode | { mode?: PadMode; value?: number } = 'constant', value = 0): Tensor {
    const o = typeof mode === 'object' ? mode : { mode, value };
    return join.pad(this, pad, o.mode ?? 'constant', o.value ?? 0);
  }
  sort(dim?: number | { dim?: number; descending?: boolean; stable?: boolean }, descending?: boolean): [Tensor, Tensor] { return sort.sort(this, dim, descending); }
  argsort(dim?: number | { dim?: number; descending?: boolean; stable?: boolean }, descending?: boolean): Tensor { return sort.argsort(this, dim, descending); }
  topk(k: number, dim?: number | { dim?: number; largest?: boolean; sorted?: boolean }, largest?: boolean): [Tensor, Tensor] { return sort.topk(this, k, dim, largest); }
  unique(options?: { sorted?: boolean; returnInverse?: boolean; returnCounts?: boolean; dim?: number }): Tensor | Tensor[] { return sort.unique(this, options); }
  /** unique on any backend (the values are read with an await). */
  uniqueAsync(options?: { sorted?: boolean; returnInverse?: boolean; returnCounts?: boolean; dim?: number }): Promise<Tensor | Tensor[]> { return sort.uniqueAsync(this, options); }

  // ---- activations ----
  softmax(dim: number, options?: { dtype?: DType }): Tensor { return smx.softmax(this, dim, options?.dtype); }
  logSoftmax(dim: number, options?: { dtype?: DType }): Tensor { return smx.logSoftmax(this, dim, options?.dtype); }

  // ---- random fills (in place) ----
  uniform_(from = 0, to = 1, options?: rnd.GeneratorOption): this { rnd.uniform_(this, from, to, options); return this; }
  normal_(mean = 0, std = 1, options?: rnd.GeneratorOption): this { rnd.normal_(this, mean, std, options); return this; }
  random_(from?: number, to?: number, options?: rnd.GeneratorOption): this { rnd.random_(this, from, to, options); return this; }
  bernoulli_(p = 0.5, options?: rnd.GeneratorOption): this { rnd.bernoulli_(this, p, options); return this; }

  // ---- new tensors like this one (same dtype and device unless given) ----
  newTensor(data: unknown, options?: { dtype?: DType; device?: string }): Tensor { return create.newTensor(this, data, options); }
  newZeros(...size: (number | readonly number[] | { dtype?: DType; device?: string })[]): Tensor { return create.newFilled(this, 0, size); }
  newOnes(...size: (number | readonly number[] | { dtype?: DType; device?: string })[]): Tensor { return create.newFilled(this, 1, size); }
  newEmpty(...size: (number | readonly number[] | { dtype?: DType; device?: string })[]): Tensor { return create.newFilled(this, undefined, size); }
  newFull(size: readonly number[], fillValue: Scalar, options?: { dtype?: DType; device?: string }): Tensor { return create.newFilled(this, fillValue, [size, options ?? {}]); }
}
