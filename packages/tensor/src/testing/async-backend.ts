/**
 * The reference backend as the op layer sees a GPU backend: values read back only asynchronously and
 * no float64 (as WebGPU, where WGSL has no 64-bit float). It lets CI check, without a GPU, that every
 * op runs through its async form there and that the dtype skips are counted and printed; other
 * packages' tests use it for the same reason (autograd and modules on a device without `readSync`).
 *
 * @example
 * import { registerBackend, tensor } from '@x/tensor';
 * import { AsyncReferenceBackend } from '@x/tensor/testing';
 * registerBackend(new AsyncReferenceBackend());
 * const x = tensor([1, 2, 3], { device: 'asyncref' });
 * await x.tolistAsync(); // x.tolist() throws: this device reads only asynchronously
 */
import { ReferenceBackend, type DType, type HostBuffer, type StorageArray } from '@x/tensor';

export class AsyncReferenceBackend extends ReferenceBackend {
  override readonly name = 'async-reference';
  override readonly device = 'asyncref';
  constructor() {
    super();
    // No synchronous reads: the op layer must take the async paths.
    Object.defineProperty(this, 'readSync', { value: undefined });
  }
  override read(handle: HostBuffer, dtype: DType, offset: number, length: number): Promise<StorageArray> {
    const values = ReferenceBackend.prototype.readSync.call(this, handle, dtype, offset, length).slice() as StorageArray;
    // Resolved on a later task, as a GPU's mapAsync is.
    return new Promise((resolve) => setTimeout(() => resolve(values), 0));
  }
  supportsDtype(dtype: DType): boolean {
    return dtype !== 'float64';
  }
  unsupportedDtypeReason(dtype: DType): string {
    return `${dtype} is refused to stand in for WebGPU, whose WGSL has no 64-bit float type`;
  }
}
