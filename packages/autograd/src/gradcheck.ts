/**
 * torch.autograd.gradcheck: compares the gradients backward computes with central finite
 * differences, element by element. Use float64 inputs: float32 finite differences are too coarse.
 */
import { tidy, zeros, type Tensor } from '@x/tensor';
import { grad } from './grad';
import { noGrad } from './mode';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw on a mismatch (default) instead of returning false. */
  raiseException?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

function outputsOf(fn: Fn, inputs: readonly Tensor[]): Tensor[] {
  const r = fn(...inputs);
  return Array.isArray(r) ? [...(r as readonly Tensor[])] : [r as Tensor];
}

function flatValues(ts: readonly Tensor[]): number[] {
  return ts.flatMap((t) => Array.from(t.double().numpy() as Float64Array));
}

/** Rows: flattened outputs; columns: elements of one input. */
function numericalJacobian(fn: Fn, inputs: readonly Tensor[], which: number, eps: number): number[][] {
  const x = inputs[which]!;
  const flat = x.data.reshape(-1);
  const cols: number[][] = [];
  for (let j = 0; j < x.numel(); j++) {
    const cell = flat.index(j);
    const orig = cell.item();
    const plus = noGrad(() => {
      cell.fill_(orig + eps);
      return tidy(() => flatValues(outputsOf(fn, inputs)));
    });
    const minus = noGrad(() => {
      cell.fill_(orig - eps);
      return tidy(() => flatValues(outputsOf(fn, inputs)));
    });
    noGrad(() => cell.fill_(orig));
    cols.push(plus.map((p, k) => (p - minus[k]!) / (2 * eps)));
  }
  return cols[0] === undefined ? [] : cols[0].map((_, i) => cols.map((c) => c[i]!));
}

function analyticalJacobian(fn: Fn, inputs: readonly Tensor[], which: number): number[][] {
  return tidy(() => {
    const outs = outputsOf(fn, inputs);
    const differentiable = outs.filter((o) => o.requiresGrad);
    const rows: number[][] = [];
    for (const o of outs) {
      if (!o.requiresGrad) {
        for (let i = 0; i < o.numel(); i++) rows.push(new Array<number>(inputs[which]!.numel()).fill(0));
        continue;
      }
      for (let i = 0; i < o.numel(); i++) {
        const seed = zeros(o.numel(), { dtype: o.dtype });
        seed.index(i).fill_(1);
        const gradOutputs = differentiable.map((other) => (other === o ? seed.reshape(o.shape) : zeros(other.shape, { dtype: other.dtype })));
        const [g] = grad(differentiable, [inputs[which]!], { gradOutputs, retainGraph: true, allowUnused: true });
        rows.push(g ? Array.from(g.double().numpy() as Float64Array) : new Array<number>(inputs[which]!.numel()).fill(0));
      }
    }
    return rows;
  });
}

/**
 * @example
 * torch.autograd.gradcheck((a, b) => a.mul(b).sum(), [x, y]); // x, y: float64, requiresGrad
 */
export function gradcheck(fn: Fn, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true } = options;
  for (const [which, x] of inputs.entries()) {
    if (!x.requiresGrad) continue;
    if (x.dtype !== 'float64') {
      console.warn(`gradcheck: input ${which} is ${x.dtype}, not float64: finite differences may not be precise enough`);
    }
    const num = numericalJacobian(fn, inputs, which, eps);
    const ana = analyticalJacobian(fn, inputs, which);
    for (let i = 0; i < num.length; i++) {
      for (let j = 0; j < num[i]!.length; j++) {
        const n = num[i]![j]!;
        const a = ana[i]?.[j] ?? NaN;
        if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
          if (!raiseException) return false;
          throw new Error(
            `Jacobian mismatch for output ${i} with respect to input ${which} (element ${j}):\nnumerical: ${n}\nanalytical: ${a}`,
          );
        }
      }
    }
  }
  return true;
}
