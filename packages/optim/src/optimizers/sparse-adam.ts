/**
 * torch.optim.SparseAdam: Adam that updates only the entries a sparse gradient touches (embedding
 * rows looked up in the batch), leaving the moments of the other entries untouched.
 */
import { sparseCooTensor, tidy, Tensor, signature } from '@x/tensor';
import { zeroBuffers } from '../buffers';
import { check, checkBetas } from '../checks';
import { Optimizer, type ParamState, type Params } from '../optimizer';
import { pyRepr } from '../python';

export interface SparseAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  maximize?: boolean;
}

export interface SparseAdamHyperparameters {
  lr: number;
  betas: [number, number];
  eps: number;
  maximize: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const SPARSE_ADAM_SIGNATURE = signature('SparseAdam(any params, float lr=0.001, float[] betas=(0.9, 0.999), float eps=1e-08, bool maximize=False)');

/**
 * SparseAdam as PyTorch 1.13 (`torch.optim._functional.sparse_adam`): the gradient must be sparse
 * (nn.Embedding with `sparse: true`); it is coalesced, and only the entries it lists have their
 * moments decayed and their values updated:
 * `m += (1 − β1)(g − m)`, `v += (1 − β2)(g² − v)` at those entries, then
 * `p −= lr·√(1 − β2^t)/(1 − β1^t) · m/(√v + eps)` there. A dense gradient fails with PyTorch's
 * message. State: `step` (a number), `exp_avg`, `exp_avg_sq` (dense, like the parameter).
 *
 * @example
 * const emb = new nn.Embedding(1000, 16, { sparse: true });
 * const opt = new optim.SparseAdam(emb.parameters(), { lr: 1e-3 });
 */
export class SparseAdam extends Optimizer<SparseAdamHyperparameters> {
  constructor(params: Params, options?: SparseAdamOptions);
  constructor(params: Params, lr: number, betas?: [number, number], eps?: number, maximize?: boolean);
  constructor(params: Params, ...args: unknown[]) {
    const o = SPARSE_ADAM_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = { lr: o.lr ?? 1e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, maximize: o.maximize ?? false };
    if (!(typeof h.lr === 'number' && h.lr > 0 && Number.isFinite(h.lr))) throw new Error(`Invalid learning rate: ${pyRepr(h.lr)}`);
    check(typeof h.eps === 'number' && h.eps > 0, 'Invalid epsilon value', h.eps);
    checkBetas(h.betas);
    const list = params instanceof Tensor ? params : [...(params as Iterable<unknown>)];
    refuseSparseParams(list);
    super(list as Params, h);
  }

  protected override checkGrads(): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p._grad !== null && !p._grad.isSparse) throw new Error('SparseAdam does not support dense gradients, please consider Adam instead');
      }
    }
  }

  protected override initState(state: ParamState, p: Tensor): void {
    state.step = 0;
    zeroBuffers(state, p, ['exp_avg', 'exp_avg_sq']);
  }

  protected override updateParam(p: Tensor, raw: Tensor, state: ParamState, group: SparseAdamHyperparameters): void {
    const { lr, eps, maximize } = group;
    const [beta1, beta2] = group.betas;
    const step = (state.step as number) + 1;
    state.step = step;
    tidy(() => {
      // The update is not linear in the gradient, so repeated indices are summed first.
      const grad = (maximize ? raw.neg() : raw).coalesce();
      const indices = grad._indices();
      const values = grad._values();
      const sparse = (v: Tensor): Tensor => sparseCooTensor(indices, v, [...grad.shape]);
      const expAvg = state.exp_avg as Tensor;
      const expAvgSq = state.exp_avg_sq as Tensor;
      const oldExpAvg = expAvg.sparseMask(grad)._values();
      const expAvgUpdate = values.sub(oldExpAvg).mul_(1 - beta1);
      expAvg.add_(sparse(expAvgUpdate));
      const oldExpAvgSq = expAvgSq.sparseMask(grad)._values();
      const expAvgSqUpdate = values.pow(2).sub_(oldExpAvgSq).mul_(1 - beta2);
      expAvgSq.add_(sparse(expAvgSqUpdate));
      // Dense addition again is intended, avoiding another sparse_mask (PyTorch's comment).
      const numer = expAvgUpdate.add_(oldExpAvg);
      const denom = expAvgSqUpdate.add_(oldExpAvgSq).sqrt_().add_(eps);
      const biasCorrection1 = 1 - beta1 ** step;
      const biasCorrection2 = 1 - beta2 ** step;
      const stepSize = (lr * Math.sqrt(biasCorrection2)) / biasCorrection1;
      p.add_(sparse(numer.div_(denom).mul(-stepSize)));
    });
  }
}

/** PyTorch refuses sparse parameters, listing their positions (`[1]`, or `[[0, 2]]` inside groups). */
function refuseSparseParams(params: unknown): void {
  if (!Array.isArray(params)) return;
  const found: string[] = [];
  params.forEach((entry: unknown, index) => {
    if (entry instanceof Tensor) {
      if (entry.isSparse) found.push(String(index));
    } else if (entry !== null && typeof entry === 'object' && 'params' in entry) {
      const inner = (entry as { params: unknown }).params;
      const list = inner instanceof Tensor ? [inner] : [...(inner as Iterable<unknown>)];
      list.forEach((t, j) => {
        if (t instanceof Tensor && t.isSparse) found.push(`[${index}, ${j}]`);
      });
    }
  });
  if (found.length > 0) throw new Error(`Sparse params at indices [${found.join(', ')}]: SparseAdam requires dense parameter tensors`);
}
