/** torch.Size: the array `t.size()` returns, printed as PyTorch prints it (`torch.Size([4, 3])`). */
import { formatSize } from './format';

export class Size extends Array<number> {
  /** A Size holding the given dims (use this, not `new Size(n)`, which is Array's length form). */
  static fromShape(shape: readonly number[]): Size {
    const s = new Size();
    s.push(...shape);
    return s;
  }
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }
  override toString(): string {
    return formatSize(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return formatSize(this);
  }
}
