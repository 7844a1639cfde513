/**
 * torch.optim.SparseAdam: Adam that updates only the entries a sparse gradient touches (embedding
 * rows looked up in the batch), leaving the moments of the other entries untouched.
 */
import { keep, where, zerosLike, type Tensor } from '@x/tensor';
import { bindArguments } from '../arguments';
import { check, checkBetas } from '../checks';
import { Optimizer, type Params } from '../optimizer';
import { Temps } from '../pointwise';
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

const NAMES = ['lr', 'betas', 'eps', 'maximize'] as const;

/**
 * SparseAdam as PyTorch 1.13's `F.sparse_adam`. @x has no sparse tensors yet, so a dense gradient
 * stands for a sparse one whose entries are its nonzeros: entries with a zero gradient keep their
 * moments and value, as rows absent from a sparse gradient do. (An index PyTorch's sparse gradient
 * lists with an exactly-zero value would still decay its moments there; here it does not.)
 * State: `step` (a number), `exp_avg`, `exp_avg_sq`.
 *
 * @example
 * const opt = new optim.SparseAdam(embedding.parameters(), { lr: 1e-3 });
 */
export class SparseAdam extends Optimizer<SparseAdamHyperparameters> {
  constructor(params: Params, options?: SparseAdamOptions);
  constructor(params: Params, lr: number, betas?: [number, number], eps?: number, maximize?: boolean);
  constructor(params: Params, ...args: unknown[]) {
    const o = bindArguments('SparseAdam', NAMES, 4, args);
    const h = { lr: o.lr ?? 1e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, maximize: o.maximize ?? false };
    if (!(typeof h.lr === 'number' && h.lr > 0 && Number.isFinite(h.lr))) throw new Error(`Invalid learning rate: ${pyRepr(h.lr)}`);
    check(typeof h.eps === 'number' && h.eps > 0, 'Invalid epsilon value', h.eps);
    checkBetas(h.betas);
    super(params, h);
  }

  protected override update(): void {
    for (const group of this.paramGroups) {
      const { lr, eps, maximize } = group;
      const [beta1, beta2] = group.betas;
      for (const p of group.params) {
        const grad = p.grad;
        if (grad === null) continue;
        const state = this.stateOf(p);
        if (Object.keys(state).length === 0) {
          state.step = 0;
          state.exp_avg = keep(zerosLike(p));
          state.exp_avg_sq = keep(zerosLike(p));
        }
        const step = (state.step as number) + 1;
        state.step = step;
        const temps = new Temps();
        const g = maximize ? temps.add(grad.neg()) : grad;
        const touched = temps.add(g.ne(0));
        const expAvg = state.exp_avg as Tensor;
        const expAvgSq = state.exp_avg_sq as Tensor;
        // old <- b·old + (1 − b)·new, written as old += (1 − b)·(new − old) on the touched entries.
        const expAvgUpdate = temps.add(g.sub(expAvg)).mul_(1 - beta1);
        expAvg.add_(temps.add(where(touched, expAvgUpdate, 0)));
        const expAvgSqUpdate = temps.add(g.mul(g)).sub_(expAvgSq).mul_(1 - beta2);
        expAvgSq.add_(temps.add(where(touched, expAvgSqUpdate, 0)));
        const denom = temps.add(expAvgSq.sqrt()).add_(eps);
        const biasCorrection1 = 1 - beta1 ** step;
        const biasCorrection2 = 1 - beta2 ** step;
        const stepSize = (lr * Math.sqrt(biasCorrection2)) / biasCorrection1;
        const update = temps.add(expAvg.div(denom)).mul_(-stepSize);
        p.add_(temps.add(where(touched, update, 0)));
        temps.dispose();
      }
    }
  }
}
