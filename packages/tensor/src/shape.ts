/** Shape and stride arithmetic shared by every op; errors use PyTorch's wording. */

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i]!, 1);
  }
  return strides;
}

export function isContiguousLayout(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d === 0) return true;
    if (d !== 1) {
      if (strides[i] !== expected) return false;
      expected *= d;
    }
  }
  return true;
}

/** Whether two shapes (or stride lists) are equal, entry by entry. */
export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function shapeStr(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Wraps a possibly negative dim, with PyTorch's IndexError text. */
export function normalizeDim(dim: number, ndim: number): number {
  const lo = ndim === 0 ? -1 : -ndim;
  const hi = ndim === 0 ? 0 : ndim - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new RangeError(`Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Broadcasts two shapes by NumPy's rule, with PyTorch's error text. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
  if (sameShape(a, b)) return a as number[];
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that make a tensor of `shape`/`strides` read as `target` (stride 0 on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const n = target.length;
  const off = n - shape.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    if (i < off) out[i] = 0;
    else {
      const d = shape[i - off]!;
      const t = target[i]!;
      if (d === t) out[i] = strides[i - off]!;
      else if (d === 1) out[i] = 0;
      else {
        throw new Error(
          `The expanded size of the tensor (${t}) must match the existing size (${d}) at non-singleton dimension ${i}.  Target sizes: ${shapeStr(target)}.  Tensor sizes: ${shapeStr(shape)}`,
        );
      }
    }
  }
  return out;
}

/** Resolves one -1 in a requested view shape, with PyTorch's errors. */
export function inferShape(requested: Shape, numel: number): number[] {
  let inferIdx = -1;
  let known = 1;
  for (let i = 0; i < requested.length; i++) {
    const d = requested[i]!;
    if (d === -1) {
      if (inferIdx >= 0) throw new Error('only one dimension can be inferred');
      inferIdx = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new Error(`invalid shape dimension ${d}`);
    } else known *= d;
  }
  const out = requested.slice();
  if (inferIdx >= 0) {
    if (known === 0 || numel % known !== 0) {
      throw new Error(`shape '${shapeStr(requested)}' is invalid for input of size ${numel}`);
    }
    out[inferIdx] = numel / known;
  } else if (known !== numel) {
    throw new Error(`shape '${shapeStr(requested)}' is invalid for input of size ${numel}`);
  }
  return out;
}

/**
 * Strides for viewing (oldShape, oldStrides) as newShape without copying, or null when impossible
 * (ATen's computeStride: dims may merge only when they are contiguous with one another).
 */
export function viewStrides(oldShape: Shape, oldStrides: readonly number[], newShape: Shape): number[] | null {
  const newStrides = new Array<number>(newShape.length);
  // A 0-d tensor holds one element: any shape of one element views it.
  if (oldShape.length === 0) return contiguousStrides(newShape);
  if (numelOf(oldShape) === 0) {
    if (sameShape(oldShape, newShape)) return oldStrides.slice();
    return contiguousStrides(newShape);
  }
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD]!;
    if (tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

/** Accepts PyTorch's two spellings of a size: `f(4, 3)` and `f([4, 3])`. */
export function sizeFromArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return checkSize(args[0] as readonly number[]);
  return checkSize(args as readonly number[]);
}

export function checkSize(size: readonly unknown[]): number[] {
  for (const d of size) {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new TypeError(`expected a size made of integers, but got [${size.map(String).join(', ')}]`);
    }
    if (d < 0) throw new Error(`Trying to create tensor with negative dimension ${d}: [${size.join(', ')}]`);
  }
  return size as number[];
}
