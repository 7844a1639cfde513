/**
 * timm's SEModule (layers/squeeze_excite.py): squeeze-and-excitation with 1×1 convolutions, the
 * reduced width given directly (rdChannels) or as a ratio of the channels made divisible.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';
import { createActLayer, type ActLayer } from './create-act';
import { makeDivisible } from './make-divisible';

export interface SEModuleOptions {
  rdRatio?: number;
  /** The reduced width; when absent (or 0) it is makeDivisible(channels · rdRatio, rdDivisor). */
  rdChannels?: number;
  rdDivisor?: number;
  /** Squeeze with the mean of average and max pooling (timm's experimental path). */
  addMaxpool?: boolean;
  bias?: boolean;
  /** By name or maker, made in place (default 'relu'). */
  actLayer?: string | ActLayer;
  /** A norm after the reduction (default none: an Identity). */
  normLayer?: (channels: number) => nn.Module;
  /** By name or maker (default 'sigmoid'). */
  gateLayer?: string | ActLayer;
}

/**
 * @example
 * const se = new hub.layers.SEModule(64, { rdChannels: 16 }); // x · sigmoid(fc2(relu(fc1(mean(x)))))
 */
export class SEModule extends nn.Module {
  readonly addMaxpool: boolean;
  fc1: nn.Conv2d;
  bn: nn.Module;
  act: nn.Module;
  fc2: nn.Conv2d;
  gate: nn.Module;

  constructor(channels: number, options: SEModuleOptions = {}) {
    super();
    const { rdRatio = 1 / 16, rdDivisor = 8, addMaxpool = false, bias = true, actLayer = 'relu', normLayer, gateLayer = 'sigmoid' } = options;
    const rdChannels = options.rdChannels || makeDivisible(channels * rdRatio, rdDivisor, null, 0);
    this.addMaxpool = addMaxpool;
    this.fc1 = new nn.Conv2d(channels, rdChannels, 1, { bias });
    this.bn = normLayer ? normLayer(rdChannels) : new nn.Identity();
    this.act = createActLayer(actLayer, true);
    this.fc2 = new nn.Conv2d(rdChannels, channels, 1, { bias });
    this.gate = createActLayer(gateLayer);
  }

  forward(x: Tensor): Tensor {
    let xSe = x.mean([2, 3], true);
    if (this.addMaxpool) xSe = xSe.mul(0.5).add(x.amax([2, 3], true).mul(0.5));
    xSe = this.fc2.forward(forwardTensor(this.act, forwardTensor(this.bn, this.fc1.forward(xSe))));
    return x.mul(forwardTensor(this.gate, xSe));
  }
}
