/** torch.optim.AdamW: Adam with decoupled weight decay (Loshchilov & Hutter). */
import { signature } from '@x/tensor';
import type { Params } from '../optimizer';
import { AdamFamily, checkAdamFamily } from './adam';


export interface AdamWOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  /** Accepted for PyTorch compatibility; every path computes the same update. */
  foreach?: boolean | null;
  capturable?: boolean;
}

export interface AdamWHyperparameters {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  foreach: boolean | null;
  maximize: boolean;
  capturable: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const ADAM_W_SIGNATURE = signature('AdamW(any params, float lr=0.001, float[] betas=(0.9, 0.999), float eps=1e-08, float weightDecay=0.01, bool amsgrad=False, *, bool maximize=False, bool? foreach=None, bool capturable=False)');

/**
 * AdamW as PyTorch 1.13: `p *= 1 − lr·weightDecay`, then Adam's update (default weightDecay 0.01).
 * State: `step`, `exp_avg`, `exp_avg_sq` (and `max_exp_avg_sq`).
 *
 * @example
 * const opt = new optim.AdamW(net.parameters(), { lr: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends AdamFamily<AdamWHyperparameters> {
  constructor(params: Params, options?: AdamWOptions);
  constructor(params: Params, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean, options?: AdamWOptions);
  constructor(params: Params, ...args: unknown[]) {
    const o = ADAM_W_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const h = {
      lr: o.lr ?? 1e-3, betas: o.betas ?? [0.9, 0.999], eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 1e-2, amsgrad: o.amsgrad ?? false,
      foreach: o.foreach ?? null, maximize: o.maximize ?? false, capturable: o.capturable ?? false,
    };
    checkAdamFamily(h);
    super(params, h);
  }

  protected override readonly sparseGradError = 'AdamW does not support sparse gradients';
  protected override readonly decoupled = true;
}
