/**
 * What the unpickler builds for PyTorch's objects before their bytes are read: a storage reference
 * (a persistent id) and a tensor layout over it, checked against the storage's size as soon as it is
 * known. The loader reads the storages the pickle referenced, then turns these into Tensors.
 */
import type { DType } from '@x/tensor';
import { SerializationError, check } from './errors';
import type { PyBuildable } from './pickle-reader';
import { isTuple } from './python-values';

/** A storage named by a persistent id ('storage', type, key, location, numel[, view]). */
export class StorageRef {
  constructor(
    readonly key: string,
    readonly dtype: DType,
    /** Elements of dtype (the root storage's count). */
    readonly numel: number,
    readonly location: string,
    /** Legacy files only: a view into the root storage starts this many elements in. */
    readonly viewOffset = 0,
    /** Legacy files only: the view's length. */
    readonly viewNumel = numel,
  ) {}
}

/** A dtype global (torch.float32): becomes the dtype string. */
export class TorchDType {
  constructor(readonly name: string) {}
}

const MAX_DIMS = 64;

function intList(x: unknown, what: string): number[] {
  check(Array.isArray(x), `${what} must be a tuple of ints`);
  const arr = x as unknown[];
  check(arr.length <= MAX_DIMS, `${what} has ${arr.length} dimensions (at most ${MAX_DIMS} are supported)`);
  return arr.map((v) => {
    check(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, `${what} must hold non-negative ints, got ${String(v)}`);
    return v as number;
  });
}

/** A tensor's layout over a storage, validated so every element it addresses lies inside the storage. */
export class PendingTensor implements PyBuildable {
  storage: StorageRef | null = null;
  offset = 0;
  size: number[] = [0];
  stride: number[] = [1];
  requiresGrad = false;
  /** Rebuilt as an nn.Parameter (by _rebuild_parameter or Parameter(...)). */
  parameter = false;
  /** The parameter's own requires_grad (a parameter's data is saved with requires_grad=False). */
  parameterRequiresGrad = true;

  constructor(readonly dtype: DType) {}

  static rebuild(storage: unknown, offset: unknown, size: unknown, stride: unknown, requiresGrad: unknown): PendingTensor {
    if (!(storage instanceof StorageRef)) throw new SerializationError(`a tensor must be rebuilt from a storage, got ${describe(storage)}`);
    const t = new PendingTensor(storage.dtype);
    t.setLayout(storage, offset, size, stride);
    check(typeof requiresGrad === 'boolean', 'requires_grad must be a bool');
    t.requiresGrad = requiresGrad as boolean;
    return t;
  }

  setLayout(storage: StorageRef, offset: unknown, size: unknown, stride: unknown): void {
    check(storage.dtype === this.dtype, `a ${this.dtype} tensor cannot view a ${storage.dtype} storage`);
    check(typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0, `the storage offset must be a non-negative int, got ${String(offset)}`);
    const sz = intList(size, 'the size');
    const st = stride === undefined ? contiguous(sz) : intList(stride, 'the stride');
    check(sz.length === st.length, `the size has ${sz.length} dimensions but the stride ${st.length}`);
    let numel = 1;
    let last = offset as number;
    for (let i = 0; i < sz.length; i++) {
      numel *= sz[i]!;
      if (sz[i]! > 0) last += (sz[i]! - 1) * st[i]!;
    }
    check(Number.isSafeInteger(numel), `a tensor of size [${sz.join(', ')}] has too many elements`);
    check(numel === 0 || (Number.isSafeInteger(last) && last < storage.viewNumel),
      () => `a tensor of size [${sz.join(', ')}], stride [${st.join(', ')}] and offset ${String(offset)} reaches element ${last} of a storage of ${storage.viewNumel} elements`);
    this.storage = storage;
    this.offset = offset as number;
    this.size = sz;
    this.stride = st;
  }

  /** BUILD: legacy torch.FloatTensor pickles set (storage, offset, size, stride); other state is dropped. */
  build(state: unknown): void {
    if (Array.isArray(state) && isTuple(state) && state[0] instanceof StorageRef) {
      this.setLayout(state[0], state[1] ?? 0, state[2] ?? [state[0].viewNumel], state[3]);
    } else if (Array.isArray(state) && state.length >= 2 && typeof state[1] === 'boolean' && state[0] instanceof PendingTensor) {
      // Parameter.__setstate__((data, requires_grad, hooks)) of old pickles.
      this.copyFrom(state[0]);
      this.parameterRequiresGrad = state[1];
    }
  }

  copyFrom(t: PendingTensor): void {
    check(t.dtype === this.dtype, 'a parameter and its data must have one dtype');
    this.storage = t.storage;
    this.offset = t.offset;
    this.size = t.size;
    this.stride = t.stride;
  }

  /** A parameter wrapping `data`, as nn.Parameter(data, requires_grad). */
  static parameterOf(data: unknown, requiresGrad: unknown): PendingTensor {
    if (!(data instanceof PendingTensor)) throw new SerializationError(`a parameter must wrap a tensor, got ${describe(data)}`);
    check(typeof requiresGrad === 'boolean' || requiresGrad === undefined, 'requires_grad must be a bool');
    const p = new PendingTensor(data.dtype);
    p.copyFrom(data);
    p.parameter = true;
    p.parameterRequiresGrad = requiresGrad !== false;
    return p;
  }
}

function contiguous(size: readonly number[]): number[] {
  const st = new Array<number>(size.length);
  let s = 1;
  for (let i = size.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= Math.max(size[i]!, 1);
  }
  return st;
}

function describe(x: unknown): string {
  if (x === null) return 'None';
  return typeof x === 'object' ? (x.constructor?.name ?? 'an object') : typeof x;
}
