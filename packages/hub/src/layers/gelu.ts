/**
 * timm's GELU (layers/activations.py): the exact GELU behind get_act_layer('gelu'), a module with no
 * settings, so it prints `GELU()` where torch.nn.GELU prints `GELU(approximate='none')`.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';

export class GELU extends nn.Module {
  forward(x: Tensor): Tensor {
    return nn.functional.gelu(x);
  }
}
