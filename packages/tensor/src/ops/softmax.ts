/** softmax / logSoftmax: the backend's fused kernel on a contiguous last dim, else composed stably. */
import type { DType } from '../dtype';
import { isFloatingPoint, isHalf, scalarTypeName } from '../dtype';
import { traced } from '../autograd';
import { tidy } from '../memory';
import { normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { castTo, contiguous, toDType } from './cast';
import { binary, unary } from './elementwise';
import { amax, sum } from './reduce';
import { emptyTensor } from './util';

function run(t: Tensor, dim: number, log: boolean, dtype: DType | undefined): Tensor {
  t._live();
  const x0 = dtype ? toDType(t, dtype) : t;
  if (!isFloatingPoint(x0.dtype)) {
    throw new Error(`"${log ? 'log_softmax' : 'softmax'}_lastdim_kernel_impl" not implemented for '${scalarTypeName(x0.dtype)}'`);
  }
  const d = normalizeDim(dim, x0.ndim);
  const result = tidy(() => {
    const x = isHalf(x0.dtype) ? x0.to('float32') : x0;
    const backend = x.backend;
    if (backend.softmax && (d === x.ndim - 1 || x.ndim === 0)) {
      const c = contiguous(x);
      const out = emptyTensor(x.shape, x.dtype, backend);
      if (x.numel() > 0) backend.softmax(c, out, log);
      return out;
    }
    const shifted = binary('sub', x, amax(x, d, true));
    const e = unary('exp', shifted);
    const s = sum(e, d, true);
    return log ? binary('sub', shifted, unary('log', s)) : binary('div', e, s);
  });
  if (x0 !== t) x0.dispose();
  if (result.dtype === x0.dtype) return result;
  const r = castTo(result, x0.dtype);
  result.dispose();
  return r;
}

/** torch.softmax(x, dim): exp(x) / sum(exp(x)) along dim, computed with the max subtracted. */
export function softmax(t: Tensor, dim: number, dtype?: DType | null): Tensor {
  return traced('softmax', [t], { dim: normalizeDim(dim, t.ndim) }, () => run(t, dim, false, dtype ?? undefined));
}

/** torch.log_softmax(x, dim) */
export function logSoftmax(t: Tensor, dim: number, dtype?: DType | null): Tensor {
  return traced('logSoftmax', [t], { dim: normalizeDim(dim, t.ndim) }, () => run(t, dim, true, dtype ?? undefined));
}
