/**
 * The sparse COO layout (PyTorch's torch.sparse_coo): a tensor of `shape` whose nonzero entries are
 * listed as `indices` (int64, [sparseDim, nnz]) and `values` ([nnz, ...the trailing denseDim dims]).
 * Entries may repeat (the tensor is then uncoalesced: repeated entries add up), as PyTorch's
 * gradient accumulation leaves them.
 *
 * A SparseTensor is a Tensor (so it can be a parameter's `.grad`), but it has no strided storage:
 * every op that reads strided elements refuses it with `op X is not supported on sparse tensors`,
 * as PyTorch refuses ops without a SparseCPU kernel. What it supports: its parts, coalesce,
 * toDense, clone/detach/zero_, printing, and the elementwise ops of ./elementwise.ts.
 */
import { itemSize } from '../dtype';
import { formatSparseData, type SparsePart } from '../format';
import { outsideScopes } from '../memory';
import { alias } from '../ops/views';
import { coalesce, toDense } from './coo';
import { valuesSync } from '../ops/read';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { noArguments, SELF_SIGNATURES } from '../ops/methods';
import type { Args, Signature } from '../signature';

/** PyTorch's layouts by name (`str(t.layout)` prints them as torch.strided, torch.sparse_coo). */
export type Layout = 'strided' | 'sparse_coo';

export function unsupportedOnSparse(op: string): Error {
  return new Error(`op ${op} is not supported on sparse tensors (layout=torch.sparse_coo): convert with toDense() first`);
}

export class SparseTensor extends Tensor {
  /** @internal int64 [sparseDim, nnz]; owned by this tensor (released with it, by no scope). */
  _sparseIndices: Tensor;
  /** @internal [nnz, ...dense dims]; owned by this tensor. */
  _sparseValues: Tensor;
  /** @internal Whether the entries are known to be unique and sorted (PyTorch's is_coalesced flag). */
  _coalesced: boolean;

  /**
   * @internal Trusts its arguments (PyTorch's _sparse_coo_tensor_unsafe); `sparseCooTensor` checks
   * them. Takes references of its own to indices and values: the caller still owns the ones it passed.
   */
  constructor(indices: Tensor, values: Tensor, shape: readonly number[], coalesced: boolean) {
    // The base class needs a storage for its lifetime accounting; the elements live in the parts.
    super(Storage.allocate(values.backend, itemSize(values.dtype)), shape.slice(), contiguousStrides(shape), 0, values.dtype);
    this._sparseIndices = outsideScopes(() => alias(indices));
    this._sparseValues = outsideScopes(() => alias(values));
    this._coalesced = coalesced;
  }

  override get isSparse(): boolean {
    return true;
  }
  override get layout(): Layout {
    return 'sparse_coo';
  }
  /** Number of leading dims addressed by the indices. */
  override sparseDim(...args: []): number {
    checkNoArgs('sparseDim', this, args);
    return this._alive()._sparseIndices.shape[0]!;
  }
  /** Number of trailing dims stored densely in each value. */
  override denseDim(...args: []): number {
    checkNoArgs('denseDim', this, args);
    return this._alive()._sparseValues.dim() - 1;
  }
  /** Number of stored entries (repeats counted). */
  override _nnz(): number {
    return this._alive()._sparseIndices.shape[1]!;
  }
  get nnz(): number {
    return this._nnz();
  }
  override isCoalesced(): boolean {
    return this._alive()._coalesced;
  }
  /** The indices, without the coalesced check (a new tensor object sharing them). */
  override _indices(): Tensor {
    return alias(this._alive()._sparseIndices);
  }
  override _values(): Tensor {
    return alias(this._alive()._sparseValues);
  }
  override indices(): Tensor {
    if (!this._alive()._coalesced) throw new Error('Cannot get indices on an uncoalesced tensor, please call .coalesce() first');
    return this._indices();
  }
  override values(): Tensor {
    if (!this._alive()._coalesced) throw new Error('Cannot get values on an uncoalesced tensor, please call .coalesce() first');
    return this._values();
  }

  /** @internal Replaces the parts (in-place sparse ops), releasing the old ones. */
  _setParts(indices: Tensor, values: Tensor, coalesced: boolean): void {
    const oldIndices = this._sparseIndices;
    const oldValues = this._sparseValues;
    this._sparseIndices = outsideScopes(() => alias(indices));
    this._sparseValues = outsideScopes(() => alias(values));
    this._coalesced = coalesced;
    oldIndices.dispose();
    oldValues.dispose();
    this._version.value++;
  }

  /** @internal A sparse tensor has no strided elements: ops that need them refuse it here. */
  override _live(): this {
    throw unsupportedOnSparse('(strided access)');
  }
  private _alive(): this {
    if (this.isDisposed) throw new Error('this tensor was disposed (by dispose(), or by the tidy() scope that created it) and can no longer be used');
    return this;
  }

  override markDisposed(): boolean {
    if (!super.markDisposed()) return false;
    this._sparseIndices.dispose();
    this._sparseValues.dispose();
    return true;
  }

  override requiresGrad_(...args: Args<[requiresGrad: boolean], { requiresGrad?: boolean }>): this {
    const flag = SELF_SIGNATURES.requiresGrad_.bindSelf(this, args)[1] as boolean;
    if (flag) throw new Error('sparse tensors cannot require grad in @x: only gradients (e.g. of nn.Embedding with sparse: true) are sparse');
    return this;
  }

  override toString(): string {
    if (this.isDisposed) return `tensor(<disposed>, size=[${this.shape.join(', ')}], layout=torch.sparse_coo)`;
    const part = (t: Tensor): SparsePart => ({ values: valuesSync(t), shape: t.shape, dtype: t.dtype });
    return formatSparseData(part(this._sparseIndices), part(this._sparseValues), this.shape, { device: this.device, suffixes: this._printSuffixes() });
  }

  override clone(...args: []): SparseTensor {
    checkNoArgs('clone', this, args);
    this._alive();
    const indices = this._sparseIndices.clone();
    const values = this._sparseValues.clone();
    const out = new SparseTensor(indices, values, this.shape, this._coalesced);
    indices.dispose();
    values.dispose();
    return out;
  }
  /** A new sparse tensor over the same parts (PyTorch's shallow copy). */
  override detach(...args: []): SparseTensor {
    checkNoArgs('detach', this, args);
    this._alive();
    return new SparseTensor(this._sparseIndices, this._sparseValues, this.shape, this._coalesced);
  }
  /** Drops every entry: nnz becomes 0 and every dim sparse (as PyTorch's zero_ on a sparse tensor). */
  override zero_(...args: []): this {
    checkNoArgs('zero_', this, args);
    this._alive();
    const v = this._sparseValues;
    const indices = new Tensor(Storage.allocate(v.backend, 8), [this.ndim, 0], [1, 1], 0, 'int64');
    const values = new Tensor(Storage.allocate(v.backend, itemSize(v.dtype)), [0], [1], 0, v.dtype);
    this._setParts(indices, values, true);
    indices.dispose();
    values.dispose();
    return this;
  }
  /** Entries sorted by position, repeats summed; this tensor itself when already coalesced. */
  override coalesce(...args: []): SparseTensor {
    checkNoArgs('coalesce', this, args);
    return coalesce(this._alive());
  }
  override toDense(...args: []): Tensor {
    checkNoArgs('toDense', this, args);
    return toDense(this._alive());
  }
  /** Already sparse: itself (PyTorch returns self when the sparse dims agree). */
  override toSparse(...args: Args<[sparseDim: number | null], { sparseDim?: number | null }>): Tensor {
    const sparseDim = SELF_SIGNATURES.toSparse.bindSelf(this, args)[1] as number | null | undefined;
    if (sparseDim != null && sparseDim !== this.sparseDim()) throw unsupportedOnSparse('toSparse with another sparseDim');
    return this;
  }
  override neg(...args: []): Tensor {
    checkNoArgs('neg', this, args);
    return this.mul(-1);
  }
  override negative(...args: []): Tensor {
    checkNoArgs('negative', this, args);
    return this.mul(-1);
  }
}

const NO_ARGS = new Map<string, Signature>();
/** Refuses arguments to a method that takes none, as the dense method's signature does. */
function checkNoArgs(name: string, self: Tensor, args: readonly unknown[]): void {
  if (args.length === 0) return;
  let sig = NO_ARGS.get(name);
  if (sig === undefined) NO_ARGS.set(name, (sig = noArguments(name)));
  sig.bindSelf(self, args);
}

/** Methods of Tensor a sparse tensor inherits as they are (they read only shape, dtype and autograd state). */
const INHERITED = new Set([
  'size', 'dim', 'numel', 'isFloatingPoint', 'elementSize', 'detach_', 'dispose',
  'add', 'add_', 'sub', 'sub_', 'subtract', 'mul', 'mul_', 'multiply', 'div', 'div_', 'divide', 'trueDivide',
]);
/** Getters that stay valid on a sparse tensor. */
const INHERITED_GETTERS = new Set(['backend', 'device', 'ndim', 'requiresGrad', 'isLeaf', 'grad', 'retainsGrad', 'isDisposed', '_version']);

// Every other Tensor method refuses a sparse tensor by name, as PyTorch's dispatcher does
// ("Could not run 'aten::relu' with arguments from the 'SparseCPU' backend").
for (const name of Object.getOwnPropertyNames(Tensor.prototype)) {
  if (name === 'constructor' || name.startsWith('_') || INHERITED.has(name) || Object.prototype.hasOwnProperty.call(SparseTensor.prototype, name)) continue;
  const d = Object.getOwnPropertyDescriptor(Tensor.prototype, name)!;
  if (typeof d.value === 'function') {
    Object.defineProperty(SparseTensor.prototype, name, {
      value: function unsupported(): never {
        throw unsupportedOnSparse(name);
      },
      writable: true,
      configurable: true,
    });
  } else if (d.get && !INHERITED_GETTERS.has(name)) {
    Object.defineProperty(SparseTensor.prototype, name, {
      get(): never {
        throw unsupportedOnSparse(name);
      },
      set: d.set,
      configurable: true,
    });
  }
}

export function isSparseTensor(t: unknown): t is SparseTensor {
  return t instanceof SparseTensor;
}
