/** Matrix products, all through the backend's one batched matmul kernel over strided views. */
import type { View } from '../backend';
import { isHalf, scalarTypeName } from '../dtype';
import { traced } from '../autograd';
import { tidy } from '../memory';
import { broadcastShapes, numelOf } from '../shape';
import type { Tensor } from '../tensor';
import { castTo, contiguous } from './cast';
import { add, binary } from './elementwise';
import { emptyTensor, sameDevice, viewOf } from './util';
import { broadcastTo } from './views';

function checkDTypes(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw new Error(`expected scalar type ${scalarTypeName(a.dtype)} but found ${scalarTypeName(b.dtype)}`);
  }
  if (a.dtype === 'bool') throw new Error(`"addmm_impl_cpu_" not implemented for 'Bool'`);
}

/** A single stride that walks dims [0, n) of (shape, strides) in row-major order, or null. */
function collapse(shape: readonly number[], strides: readonly number[]): number | null {
  const dims = [...shape.keys()].filter((i) => shape[i] !== 1);
  if (dims.every((i) => strides[i] === 0)) return 0;
  let expected = strides[dims[dims.length - 1]!]!;
  const inner = expected;
  for (let k = dims.length - 1; k >= 0; k--) {
    const i = dims[k]!;
    if (strides[i] !== expected) return null;
    expected = strides[i]! * shape[i]!;
  }
  return inner;
}

/** out[B, M, N] = a[B, M, K] @ b[B, K, N]: a and b are tensors with batch dims already broadcast. */
function batched(a: Tensor, b: Tensor, batchShape: readonly number[]): Tensor {
  const backend = sameDevice('matmul', [a, b]);
  checkDTypes(a, b);
  const compute = isHalf(a.dtype) ? 'float32' : a.dtype;
  const M = a.shape[a.ndim - 2]!;
  const K = a.shape[a.ndim - 1]!;
  const N = b.shape[b.ndim - 1]!;
  const B = numelOf(batchShape);
  const temps: Tensor[] = [];
  const as3 = (t: Tensor, r: number, c: number): View => {
    let x = t;
    if (x.dtype !== compute) {
      x = castTo(x, compute);
      temps.push(x);
    }
    const nb = batchShape.length;
    let bs = collapse(x.shape.slice(0, nb), x.strides.slice(0, nb));
    if (bs === null) {
      x = contiguous(x);
      temps.push(x);
      bs = collapse(x.shape.slice(0, nb), x.strides.slice(0, nb))!;
    }
    return viewOf(x, [B, r, c], [bs, x.strides[nb]!, x.strides[nb + 1]!], x.offset, compute);
  };
  const av = as3(a, M, K);
  const bv = as3(b, K, N);
  const out = emptyTensor([...batchShape, M, N], compute, backend);
  if (numelOf(out.shape) > 0) {
    if (K === 0) backend.fill(out, 0);
    else backend.matmul(av, bv, viewOf(out, [B, M, N], [M * N, N, 1], 0, compute));
  }
  for (const t of temps) t.dispose();
  if (compute === a.dtype) return out;
  const r = castTo(out, a.dtype);
  out.dispose();
  return r;
}

/** torch.mm: (n×m) @ (m×p) */
export function mm(a: Tensor, b: Tensor): Tensor {
  a._live();
  b._live();
  if (a.ndim !== 2) throw new Error('self must be a matrix');
  if (b.ndim !== 2) throw new Error('mat2 must be a matrix');
  if (a.shape[1] !== b.shape[0]) {
    throw new Error(`mat1 and mat2 shapes cannot be multiplied (${a.shape[0]}x${a.shape[1]} and ${b.shape[0]}x${b.shape[1]})`);
  }
  return traced('mm', [a, b], NO_ATTRS, () => batched(a, b, []));
}

const NO_ATTRS = {};

/** torch.bmm: (b×n×m) @ (b×m×p), no broadcasting. */
export function bmm(a: Tensor, b: Tensor): Tensor {
  a._live();
  b._live();
  if (a.ndim !== 3) throw new Error('batch1 must be a 3D tensor');
  if (b.ndim !== 3) throw new Error('batch2 must be a 3D tensor');
  if (b.shape[0] !== a.shape[0] || b.shape[1] !== a.shape[2]) {
    throw new Error(`Expected size for first two dimensions of batch2 tensor to be: [${a.shape[0]}, ${a.shape[2]}] but got: [${b.shape[0]}, ${b.shape[1]}].`);
  }
  return traced('bmm', [a, b], NO_ATTRS, () => batched(a, b, [a.shape[0]!]));
}

/** torch.dot: 1-D · 1-D → 0-D */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new Error(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  if (a.shape[0] !== b.shape[0]) {
    throw new Error(`inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
  }
  if (a.dtype !== b.dtype) throw new Error(`dot : expected both vectors to have same dtype, but found ${scalarTypeName(a.dtype)} and ${scalarTypeName(b.dtype)}`);
  return traced('dot', [a, b], NO_ATTRS, () => tidy(() => batched(a.unsqueeze(0), b.unsqueeze(1), []).reshape([])));
}

/** torch.mv: (n×m) @ (m) → (n) */
export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.ndim !== 2 || v.ndim !== 1) throw new Error(`vector + matrix @ vector expected, got 1, ${a.ndim}, ${v.ndim}`);
  if (a.shape[1] !== v.shape[0]) {
    throw new Error(`size mismatch, got input (${a.shape[0]}), mat (${a.shape[0]}x${a.shape[1]}), vec (${v.shape[0]})`);
  }
  return traced('mv', [a, v], NO_ATTRS, () => tidy(() => batched(a, v.unsqueeze(1), []).reshape(-1)));
}

export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new Error(`outer: expected 1D tensors, but got ${a.ndim}D and ${b.ndim}D tensors`);
  return tidy(() => binary('mul', a.unsqueeze(1), b.unsqueeze(0)));
}

/**
 * torch.matmul: dot, mm, mv, or a batched product with broadcast batch dims; 1-D operands get a
 * dim prepended (first) or appended (second) that is removed from the result.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  a._live();
  b._live();
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(`both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`);
  }
  if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
  if (a.ndim === 2 && b.ndim === 2) return mm(a, b);
  if (a.ndim === 2 && b.ndim === 1) return mv(a, b);
  return traced('matmul', [a, b], NO_ATTRS, () => tidy(() => {
    const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
    const b2 = b.ndim === 1 ? b.unsqueeze(1) : b;
    const K = a2.shape[a2.ndim - 1]!;
    if (b2.shape[b2.ndim - 2] !== K) {
      if (a2.ndim >= 3 && b2.ndim >= 3) {
        const B = numelOf(broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2)));
        throw new Error(`Expected size for first two dimensions of batch2 tensor to be: [${B}, ${K}] but got: [${B}, ${b2.shape[b2.ndim - 2]}].`);
      }
      const am = a2.shape.slice(-2).join('x');
      const bm = b2.shape.slice(-2).join('x');
      throw new Error(`mat1 and mat2 shapes cannot be multiplied (${am} and ${bm})`);
    }
    const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
    const ae = broadcastTo(a2, [...batch, ...a2.shape.slice(-2)]);
    const be = broadcastTo(b2, [...batch, ...b2.shape.slice(-2)]);
    let r = batched(ae, be, batch);
    if (a.ndim === 1) r = r.squeeze(-2);
    if (b.ndim === 1) r = r.squeeze(-1);
    return r;
  }));
}

/** torch.addmm(input, mat1, mat2, { beta, alpha }): beta * input + alpha * (mat1 @ mat2) */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, options: { beta?: number; alpha?: number } = {}): Tensor {
  const beta = options.beta ?? 1;
  const alpha = options.alpha ?? 1;
  return traced('addmm', [input, mat1, mat2], { beta, alpha }, () => tidy(() => {
    const p = mm(mat1, mat2);
    broadcastShapes(input.shape, p.shape);
    const scaledP = alpha === 1 ? p : binary('mul', p, alpha);
    // beta = 0 ignores input entirely (NaN in input does not propagate), as in PyTorch.
    if (beta === 0) return scaledP === p ? p.clone() : scaledP;
    return add(scaledP, input, beta);
  }));
}
