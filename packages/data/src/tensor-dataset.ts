/** torch.utils.data.TensorDataset: samples are the rows of same-length tensors. */
import type { Tensor } from '@x/tensor';
import { Dataset } from './dataset';

/**
 * Item i is `[t0[i], t1[i], …]` (views, no copy). Workers get the tensors' data once, in shared memory.
 *
 * @example
 * const ds = new TensorDataset(torch.randn(100, 3), torch.arange(100));
 * const [x, y] = ds.getItem(0); // x: [3], y: []
 */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: readonly Tensor[];

  constructor(...tensors: Tensor[]) {
    super();
    if (tensors.length === 0) throw new Error('TensorDataset needs at least one tensor');
    const n = tensors[0]!.dim() === 0 ? undefined : tensors[0]!.size(0);
    tensors.forEach((t, i) => {
      if (t.dim() === 0 || t.size(0) !== n) {
        const sizes = tensors.map((u) => (u.dim() === 0 ? 'a 0-d tensor' : String(u.size(0)))).join(', ');
        throw new Error(`Size mismatch between tensors: every tensor needs the same size in dim 0, got ${sizes} (tensor ${i} differs)`);
      }
    });
    this.tensors = tensors;
  }

  getItem(index: number): Tensor[] {
    return this.tensors.map((t) => t.select(0, index));
  }

  get length(): number {
    return this.tensors[0]!.size(0);
  }
}
