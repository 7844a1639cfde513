/**
 * timm's Mlp (layers/mlp.py), the feed-forward part of ViT and ConvNeXt blocks: fc1 → act → drop1 →
 * norm → fc2 → drop2, with Linear layers on channels-last input or 1×1 convolutions on [N, C, H, W].
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';

export interface MlpOptions {
  hiddenFeatures?: number;
  outFeatures?: number;
  /** Makes the activation (default: torch.nn.GELU). */
  actLayer?: () => nn.Module;
  /** Makes a norm over the hidden features (default: none, an Identity). */
  normLayer?: ((features: number) => nn.Module) | null;
  /** Bias of fc1 and fc2 (one value for both). */
  bias?: boolean | [boolean, boolean];
  /** Dropout after the activation and after fc2 (one value for both). */
  drop?: number | [number, number];
  /** 1×1 convolutions in place of the Linear layers. */
  useConv?: boolean;
}

export class Mlp extends nn.Module {
  fc1: nn.Linear | nn.Conv2d;
  act: nn.Module;
  drop1: nn.Dropout;
  norm: nn.Module;
  fc2: nn.Linear | nn.Conv2d;
  drop2: nn.Dropout;

  constructor(inFeatures: number, { hiddenFeatures, outFeatures, actLayer, normLayer = null, bias = true, drop = 0, useConv = false }: MlpOptions = {}) {
    super();
    const hidden = hiddenFeatures || inFeatures;
    const out = outFeatures || inFeatures;
    const [bias1, bias2] = typeof bias === 'boolean' ? [bias, bias] : bias;
    const [drop1, drop2] = typeof drop === 'number' ? [drop, drop] : drop;
    const linear = (i: number, o: number, b: boolean): nn.Linear | nn.Conv2d => (useConv ? new nn.Conv2d(i, o, 1, { bias: b }) : new nn.Linear(i, o, b));
    this.fc1 = linear(inFeatures, hidden, bias1);
    this.act = actLayer ? actLayer() : new nn.GELU();
    this.drop1 = new nn.Dropout(drop1);
    this.norm = normLayer ? normLayer(hidden) : new nn.Identity();
    this.fc2 = linear(hidden, out, bias2);
    this.drop2 = new nn.Dropout(drop2);
  }

  forward(x: Tensor): Tensor {
    x = this.drop1.forward(forwardTensor(this.act, this.fc1.forward(x)));
    return this.drop2.forward(this.fc2.forward(forwardTensor(this.norm, x)));
  }
}
