/**
 * A tensor a graph node keeps for backward. It holds its own reference to the storage (so dispose()
 * or a tidy scope on the original does not free it) and remembers the version it saw: if the
 * original is modified in place before backward, unpacking raises PyTorch's error.
 */
import { keep, legacyTypeName, Tensor, type VersionCounter } from '@x/tensor';
import { accumulatorFor, SECOND_BACKWARD } from './node';

export class SavedTensor {
  private value: Tensor | null;
  private readonly version: number;
  private readonly counter: VersionCounter;

  constructor(
    original: Tensor,
    /** Name of the node that produced `original` and which of its outputs it is, for the error. */
    private readonly describe: () => string,
  ) {
    this.counter = original._version;
    this.version = this.counter.value;
    // The alias stands for the original in the graph: the same producer (or, for a leaf, the same
    // AccumulateGrad node), so a double backward through it reaches the original.
    const alias = new Tensor(original.storage, original.shape, original.strides, original.offset, original.dtype, original._base ?? original);
    alias.gradFn = original.gradFn;
    alias._outputNr = original._outputNr;
    alias._requiresGrad = original._requiresGrad;
    if (original.isLeaf && original.requiresGrad) alias._accumulator = accumulatorFor(original);
    this.value = keep(alias);
  }

  unpack(): Tensor {
    if (this.value === null) throw new Error(SECOND_BACKWARD);
    if (this.counter.value !== this.version) {
      const t = this.value;
      throw new Error(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${legacyTypeName(t.dtype)} [${t.shape.join(', ')}]], which is ${this.describe()}, is at version ${this.counter.value}; ` +
          `expected version ${this.version} instead. Hint: the backtrace further above can show the operation that failed to compute its gradient. ` +
          `The variable in question was changed in there or anywhere later. Good luck!`,
      );
    }
    return this.value;
  }

  release(): void {
    this.value?.dispose();
    this.value = null;
  }
}

