/** torch.autograd.functional: jacobian and vjp built on autograd.grad. */
import { bound, stack, tidy, zeros, type Args, type BoundFunction, type Tensor } from '@x/tensor';
import { grad } from './grad';
import { enableGrad } from './mode';

type Fn = (...inputs: Tensor[]) => Tensor;

function prepare(inputs: Tensor | readonly Tensor[]): Tensor[] {
  return (Array.isArray(inputs) ? [...(inputs as readonly Tensor[])] : [inputs as Tensor]).map((t) => t.detach().requiresGrad_(true));
}

/**
 * The Jacobian of fn at inputs: for one input, a tensor of shape [...out.shape, ...in.shape]; for
 * several, one such tensor per input.
 */
export const jacobian: BoundFunction<
  [func: Fn, inputs: Tensor | readonly Tensor[], ...Args<[createGraph: boolean, strict: boolean, vectorize: boolean, strategy: 'reverse-mode'], { createGraph?: boolean; strict?: boolean; vectorize?: boolean; strategy?: 'reverse-mode' }>],
  Tensor | Tensor[]
> = bound(
  "jacobian(callable func, Tensor|Tensor[] inputs, bool createGraph=False, bool strict=False, bool vectorize=False, 'reverse-mode' strategy='reverse-mode')",
  (fn: Fn, inputs: Tensor | readonly Tensor[], createGraph: boolean, strict: boolean, vectorize: boolean): Tensor | Tensor[] => {
    if (strict || vectorize) throw new Error('jacobian(): strict and vectorize are not supported by @x');
    return jacobianOf(fn, inputs, createGraph);
  },
);

function jacobianOf(fn: Fn, inputs: Tensor | readonly Tensor[], createGraph: boolean): Tensor | Tensor[] {
  const xs = prepare(inputs);
  const result = tidy(() =>
    enableGrad(() => {
      const out = fn(...xs);
      const rows: Tensor[][] = xs.map(() => []);
      for (let i = 0; i < out.numel(); i++) {
        const seed = zeros(out.numel(), { dtype: out.dtype });
        seed.index(i).fill_(1);
        const gs = grad(out, xs, { gradOutputs: seed.reshape(out.shape), retainGraph: true, allowUnused: true, createGraph });
        gs.forEach((g, k) => rows[k]!.push(g ?? zeros(xs[k]!.shape, { dtype: xs[k]!.dtype })));
      }
      return xs.map((x, k) => (rows[k]!.length === 0 ? zeros([...out.shape, ...x.shape], { dtype: x.dtype }) : stack(rows[k]!, 0).reshape([...out.shape, ...x.shape])));
    }),
  );
  return Array.isArray(inputs) ? result : result[0]!;
}

/** The vector-Jacobian product v^T J of fn at inputs: returns [fn(inputs), vjp]. */
export const vjp: BoundFunction<
  [func: Fn, inputs: Tensor | readonly Tensor[], ...Args<[v: Tensor | null, createGraph: boolean, strict: boolean], { v?: Tensor | null; createGraph?: boolean; strict?: boolean }>],
  [Tensor, Tensor | Tensor[]]
> = bound(
  'vjp(callable func, Tensor|Tensor[] inputs, Tensor? v=None, bool createGraph=False, bool strict=False)',
  (fn: Fn, inputs: Tensor | readonly Tensor[], v: Tensor | null | undefined, createGraph: boolean, strict: boolean): [Tensor, Tensor | Tensor[]] => {
    if (strict) throw new Error('vjp(): strict is not supported by @x');
    return vjpOf(fn, inputs, v ?? undefined, createGraph);
  },
);

function vjpOf(fn: Fn, inputs: Tensor | readonly Tensor[], v: Tensor | undefined, createGraph: boolean): [Tensor, Tensor | Tensor[]] {
  const xs = prepare(inputs);
  return enableGrad(() => {
    const out = fn(...xs);
    const gs = grad(out, xs, { ...(v ? { gradOutputs: v } : {}), allowUnused: true, createGraph });
    const vj = gs.map((g, k) => g ?? zeros(xs[k]!.shape, { dtype: xs[k]!.dtype }));
    return [createGraph ? out : out.detach(), Array.isArray(inputs) ? vj : vj[0]!];
  });
}
