/** torch.autograd.functional: jacobian and vjp built on autograd.grad. */
import { stack, tidy, zeros, type Tensor } from '@x/tensor';
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
export function jacobian(fn: Fn, inputs: Tensor | readonly Tensor[], options: { createGraph?: boolean } = {}): Tensor | Tensor[] {
  const xs = prepare(inputs);
  const result = tidy(() =>
    enableGrad(() => {
      const out = fn(...xs);
      const rows: Tensor[][] = xs.map(() => []);
      for (let i = 0; i < out.numel(); i++) {
        const seed = zeros(out.numel(), { dtype: out.dtype });
        seed.index(i).fill_(1);
        const gs = grad(out, xs, { gradOutputs: seed.reshape(out.shape), retainGraph: true, allowUnused: true, createGraph: options.createGraph ?? false });
        gs.forEach((g, k) => rows[k]!.push(g ?? zeros(xs[k]!.shape, { dtype: xs[k]!.dtype })));
      }
      return xs.map((x, k) => (rows[k]!.length === 0 ? zeros([...out.shape, ...x.shape], { dtype: x.dtype }) : stack(rows[k]!, 0).reshape([...out.shape, ...x.shape])));
    }),
  );
  return Array.isArray(inputs) ? result : result[0]!;
}

/** The vector-Jacobian product v^T J of fn at inputs: returns [fn(inputs), vjp]. */
export function vjp(fn: Fn, inputs: Tensor | readonly Tensor[], v?: Tensor): [Tensor, Tensor | Tensor[]] {
  const xs = prepare(inputs);
  return enableGrad(() => {
    const out = fn(...xs);
    const gs = grad(out, xs, { ...(v ? { gradOutputs: v } : {}), allowUnused: true });
    const vj = gs.map((g, k) => g ?? zeros(xs[k]!.shape, { dtype: xs[k]!.dtype }));
    return [out.detach(), Array.isArray(inputs) ? vj : vj[0]!];
  });
}
