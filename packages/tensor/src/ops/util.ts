/** Helpers every op file shares: operand checks, output allocation, scalar handling. */
import type { Backend, View } from '../backend';
import type { DType } from '../dtype';
import { getDefaultDType, itemSize } from '../dtype';
import { backendFor, getDefaultDevice } from '../registry';
import type { DeviceLike } from '../device';
import { contiguousStrides, numelOf, type Shape } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;

/** Whether `backend` can hold tensors of `dtype` (see Backend.supportsDtype). */
export function backendSupportsDtype(backend: Backend, dtype: DType): boolean {
  return backend.supportsDtype ? backend.supportsDtype(dtype) : true;
}

/** Throws the backend's reason when it cannot hold tensors of `dtype`. */
export function checkDtypeSupported(backend: Backend, dtype: DType): void {
  if (backendSupportsDtype(backend, dtype)) return;
  const why = backend.unsupportedDtypeReason?.(dtype) ?? 'the backend does not implement it';
  throw new TypeError(
    `${dtype} tensors are not supported on the ${backend.device} device ('${backend.name}' backend): ${why}. Use another dtype (e.g. float32), or keep this tensor on 'cpu'`,
  );
}

/** A new contiguous tensor with undefined contents (on a backend that supports `dtype`). */
export function emptyTensor(shape: Shape, dtype: DType, backend: Backend): Tensor {
  checkDtypeSupported(backend, dtype);
  const numel = numelOf(shape);
  const storage = Storage.allocate(backend, Math.max(numel, 1) * itemSize(dtype));
  return new Tensor(storage, shape.slice(), contiguousStrides(shape), 0, dtype);
}

/**
 * A layout over a tensor's storage without creating a tensor (no refcount, no tracking): for kernels.
 * It holds t itself too: while the view is in use t stays reachable, so a reclaim (which may run at
 * any allocation) never finalizes t and frees the storage under the view.
 */
export function viewOf(t: View, shape: readonly number[], strides: readonly number[], offset = t.offset, dtype = t.dtype): View {
  const v: View & { readonly source: View } = { storage: t.storage, dtype, shape, strides, offset, source: t };
  return v;
}

export function sameDevice(op: string, tensors: readonly Tensor[]): Backend {
  const b = tensors[0]!.backend;
  for (let i = 1; i < tensors.length; i++) {
    const other = tensors[i]!.backend;
    if (other !== b) {
      if (other.device !== b.device) {
        throw new Error(
          `Expected all tensors to be on the same device, but found at least two devices, ${b.device} and ${other.device}! (in ${op})`,
        );
      }
      throw new Error(
        `${op}: tensors live on two different ${b.device} backends ('${b.name}' and '${other.name}'); move one with .to()`,
      );
    }
  }
  return b;
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

export function checkScalar(op: string, x: unknown): asserts x is Scalar {
  if (typeof x !== 'number' && typeof x !== 'boolean') {
    throw new TypeError(`${op}(): expected a Tensor or a number, but got ${describe(x)}`);
  }
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof Tensor) return `Tensor of shape [${x.shape.join(', ')}] and dtype ${x.dtype}`;
  if (Array.isArray(x)) return 'an array';
  return typeof x;
}

export interface CreationOptions {
  dtype?: DType;
  device?: DeviceLike;
  requiresGrad?: boolean;
}

export function resolveBackend(device: DeviceLike | undefined): Backend {
  return backendFor(device ?? getDefaultDevice());
}

export function floatDType(dtype: DType | undefined): DType {
  return dtype ?? getDefaultDType();
}

/** Splits PyTorch-style variadic size arguments from a trailing options object. */
export function splitSizeArgs<O extends object>(args: readonly unknown[]): [number[] | readonly number[][], O] {
  const last = args[args.length - 1];
  if (last !== undefined && typeof last === 'object' && !Array.isArray(last) && !(last instanceof Tensor)) {
    return [args.slice(0, -1) as number[], last as O];
  }
  return [args as number[], {} as O];
}
