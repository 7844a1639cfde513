/**
 * ShuffleNet V2 (Ma et al., 2018): torchvision's ShuffleNetV2 and its InvertedResidual, with the
 * same attribute names (so state-dict keys) and printed form, and the builders shufflenet_v2_x0_5
 * and shufflenet_v2_x1_0.
 */
import { cat, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { buildLayer, type LayerFactory } from '../ops/layer-factory';
import { defineBuilder } from './builder';

/** Interleaves the channels of `groups` groups: [N, g·c, H, W] → view [N, g, c, H, W] → transpose → back. */
export function channelShuffle(x: Tensor, groups: number): Tensor {
  const [batch, channels, height, width] = x.shape as [number, number, number, number];
  const perGroup = Math.floor(channels / groups);
  return x.view(batch, groups, perGroup, height, width).transpose(1, 2).contiguous().view(batch, -1, height, width);
}

function depthwiseConv(i: number, o: number, kernelSize: number, stride = 1, padding = 0, bias = false): nn.Conv2d {
  return new nn.Conv2d(i, o, kernelSize, stride, padding, { bias, groups: i });
}

/** Two branches (the first the identity on half the channels at stride 1), concatenated and shuffled. */
export class InvertedResidual extends nn.Module {
  readonly stride: number;
  branch1: nn.Sequential;
  branch2: nn.Sequential;

  constructor(inp: number, oup: number, stride: number) {
    super();
    if (!(stride >= 1 && stride <= 3)) throw new Error(`illegal stride value: ${stride} (expected 1 to 3)`);
    this.stride = stride;
    const branchFeatures = Math.floor(oup / 2);
    if (stride === 1 && inp !== branchFeatures << 1) {
      throw new Error(`Invalid combination of stride ${stride}, inp ${inp} and oup ${oup} values. If stride == 1 then inp should be equal to oup // 2 << 1.`);
    }
    this.branch1 = stride > 1
      ? new nn.Sequential(
        depthwiseConv(inp, inp, 3, stride, 1),
        new nn.BatchNorm2d(inp),
        new nn.Conv2d(inp, branchFeatures, { kernelSize: 1, stride: 1, padding: 0, bias: false }),
        new nn.BatchNorm2d(branchFeatures),
        new nn.ReLU(true),
      )
      : new nn.Sequential();
    this.branch2 = new nn.Sequential(
      new nn.Conv2d(stride > 1 ? inp : branchFeatures, branchFeatures, { kernelSize: 1, stride: 1, padding: 0, bias: false }),
      new nn.BatchNorm2d(branchFeatures),
      new nn.ReLU(true),
      depthwiseConv(branchFeatures, branchFeatures, 3, stride, 1),
      new nn.BatchNorm2d(branchFeatures),
      new nn.Conv2d(branchFeatures, branchFeatures, { kernelSize: 1, stride: 1, padding: 0, bias: false }),
      new nn.BatchNorm2d(branchFeatures),
      new nn.ReLU(true),
    );
  }

  forward(x: Tensor): Tensor {
    let out: Tensor;
    if (this.stride === 1) {
      const [x1, x2] = x.chunk(2, 1) as [Tensor, Tensor];
      out = cat([x1, this.branch2.forward(x2)], 1);
    } else {
      out = cat([this.branch1.forward(x), this.branch2.forward(x)], 1);
    }
    return channelShuffle(out, 2);
  }
}

export interface ShuffleNetV2Options {
  numClasses?: number;
  /** The block class (or function) built as invertedResidual(inp, oup, stride); InvertedResidual by default. */
  invertedResidual?: LayerFactory;
}

export class ShuffleNetV2 extends nn.Module {
  readonly stageOutChannels: readonly number[];
  conv1: nn.Sequential;
  maxpool: nn.MaxPool2d;
  stage2: nn.Sequential;
  stage3: nn.Sequential;
  stage4: nn.Sequential;
  conv5: nn.Sequential;
  fc: nn.Linear;

  constructor(stagesRepeats: readonly number[], stagesOutChannels: readonly number[], options: ShuffleNetV2Options = {}) {
    super();
    const { numClasses = 1000, invertedResidual = InvertedResidual } = options;
    if (stagesRepeats.length !== 3) throw new Error(`expected stages_repeats as list of 3 positive ints, got [${stagesRepeats.join(', ')}]`);
    if (stagesOutChannels.length !== 5) throw new Error(`expected stages_out_channels as list of 5 positive ints, got [${stagesOutChannels.join(', ')}]`);
    this.stageOutChannels = [...stagesOutChannels];
    let inputChannels = 3;
    let outputChannels = stagesOutChannels[0]!;
    this.conv1 = new nn.Sequential(
      new nn.Conv2d(inputChannels, outputChannels, 3, 2, 1, { bias: false }),
      new nn.BatchNorm2d(outputChannels),
      new nn.ReLU(true),
    );
    inputChannels = outputChannels;
    this.maxpool = new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
    const stages: nn.Sequential[] = [];
    for (let s = 0; s < 3; s++) {
      outputChannels = stagesOutChannels[s + 1]!;
      const seq = [buildLayer(invertedResidual, inputChannels, outputChannels, 2)];
      for (let i = 0; i < stagesRepeats[s]! - 1; i++) seq.push(buildLayer(invertedResidual, outputChannels, outputChannels, 1));
      stages.push(new nn.Sequential(...seq));
      inputChannels = outputChannels;
    }
    [this.stage2, this.stage3, this.stage4] = stages as [nn.Sequential, nn.Sequential, nn.Sequential];
    outputChannels = stagesOutChannels[4]!;
    this.conv5 = new nn.Sequential(
      new nn.Conv2d(inputChannels, outputChannels, 1, 1, 0, { bias: false }),
      new nn.BatchNorm2d(outputChannels),
      new nn.ReLU(true),
    );
    this.fc = new nn.Linear(outputChannels, numClasses);
  }

  forward(x: Tensor): Tensor {
    x = this.maxpool.forward(this.conv1.forward(x)) as Tensor;
    x = this.conv5.forward(this.stage4.forward(this.stage3.forward(this.stage2.forward(x))));
    // Global average pooling.
    return this.fc.forward(x.mean([2, 3]));
  }
}

const SHUFFLENET_KEYS = ['numClasses', 'invertedResidual'] as const;

/** ShuffleNet V2 with 0.5× output channels (1.4M parameters). */
export const shufflenet_v2_x0_5 = defineBuilder<ShuffleNetV2Options, ShuffleNetV2>('shufflenet_v2_x0_5', 'ShuffleNet_V2_X0_5_Weights', SHUFFLENET_KEYS, (o) => new ShuffleNetV2([4, 8, 4], [24, 48, 96, 192, 1024], o));
/** ShuffleNet V2 with 1.0× output channels (2.3M parameters). */
export const shufflenet_v2_x1_0 = defineBuilder<ShuffleNetV2Options, ShuffleNetV2>('shufflenet_v2_x1_0', 'ShuffleNet_V2_X1_0_Weights', SHUFFLENET_KEYS, (o) => new ShuffleNetV2([4, 8, 4], [24, 116, 232, 464, 1024], o));
