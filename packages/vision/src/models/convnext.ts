/**
 * ConvNeXt (Liu et al., 2022): torchvision's ConvNeXt, CNBlock (with its layer scale), CNBlockConfig
 * and LayerNorm2d, with the same attribute names (so state-dict keys), printed form and
 * initialisation, and the builder convnext_tiny.
 */
import { ones, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { Conv2dNormActivation } from '../ops/conv-norm-activation';
import { buildLayer, type LayerFactory } from '../ops/layer-factory';
import { Permute } from '../ops/permute';
import { StochasticDepth } from '../ops/stochastic-depth';
import { defineBuilder } from './builder';

/** LayerNorm over the channels of an [N, C, H, W] input (normalised channels-last, then permuted back). */
export class LayerNorm2d extends nn.LayerNorm {
  override forward(x: Tensor): Tensor {
    const channelsLast = x.permute(0, 2, 3, 1);
    return nn.functional.layerNorm(channelsLast, this.normalizedShape, this.weight, this.bias, this.eps).permute(0, 3, 1, 2);
  }
}

/** Depthwise 7×7 → LayerNorm → Linear ×4 → GELU → Linear, scaled per channel, with a stochastic-depth shortcut. */
export class CNBlock extends nn.Module {
  block: nn.Sequential;
  layer_scale: nn.Parameter;
  stochastic_depth: StochasticDepth;

  constructor(dim: number, layerScale: number, stochasticDepthProb: number, normLayer: LayerFactory | null = null) {
    super();
    const norm = normLayer ?? ((c: number) => new nn.LayerNorm(c, { eps: 1e-6 }));
    this.block = new nn.Sequential(
      new nn.Conv2d(dim, dim, { kernelSize: 7, padding: 3, groups: dim, bias: true }),
      new Permute([0, 2, 3, 1]),
      buildLayer(norm, dim),
      new nn.Linear({ inFeatures: dim, outFeatures: 4 * dim, bias: true }),
      new nn.GELU(),
      new nn.Linear({ inFeatures: 4 * dim, outFeatures: dim, bias: true }),
      new Permute([0, 3, 1, 2]),
    );
    this.layer_scale = new nn.Parameter(ones([dim, 1, 1]).mul(layerScale));
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
  }

  forward(input: Tensor): Tensor {
    const result = this.layer_scale.mul(this.block.forward(input));
    return this.stochastic_depth.forward(result).add(input);
  }
}

/** One stage: its width, the next stage's width (null for the last: no downsampling after it) and its depth. */
export class CNBlockConfig {
  constructor(
    readonly inputChannels: number,
    readonly outChannels: number | null,
    readonly numLayers: number,
  ) {}

  toString(): string {
    return `CNBlockConfig(input_channels=${this.inputChannels}, out_channels=${this.outChannels ?? 'None'}, num_layers=${this.numLayers})`;
  }
}

export interface ConvNeXtOptions {
  stochasticDepthProb?: number;
  layerScale?: number;
  numClasses?: number;
  /** The block class (or function) built as block(dim, layerScale, stochasticDepthProb); CNBlock by default. */
  block?: LayerFactory | null;
  normLayer?: LayerFactory | null;
}

export class ConvNeXt extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(blockSetting: readonly CNBlockConfig[], options: ConvNeXtOptions = {}) {
    super();
    const { stochasticDepthProb = 0.0, layerScale = 1e-6, numClasses = 1000 } = options;
    if (blockSetting.length === 0) throw new Error('The block_setting should not be empty');
    if (!blockSetting.every((s) => s instanceof CNBlockConfig)) throw new TypeError('The block_setting should be List[CNBlockConfig]');
    const block = options.block ?? CNBlock;
    const normLayer = options.normLayer ?? ((c: number) => new LayerNorm2d(c, { eps: 1e-6 }));
    const layers: nn.Module[] = [
      new Conv2dNormActivation(3, blockSetting[0]!.inputChannels, { kernelSize: 4, stride: 4, padding: 0, normLayer, activationLayer: null, bias: true }),
    ];
    const totalStageBlocks = blockSetting.reduce((n, c) => n + c.numLayers, 0);
    let stageBlockId = 0;
    for (const cnf of blockSetting) {
      const stage: nn.Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        // The drop probability grows linearly from 0 at the first block to stochasticDepthProb at the last.
        const sdProb = (stochasticDepthProb * stageBlockId) / (totalStageBlocks - 1.0);
        stage.push(buildLayer(block, cnf.inputChannels, layerScale, sdProb));
        stageBlockId++;
      }
      layers.push(new nn.Sequential(...stage));
      if (cnf.outChannels !== null) {
        layers.push(new nn.Sequential(buildLayer(normLayer, cnf.inputChannels), new nn.Conv2d(cnf.inputChannels, cnf.outChannels, { kernelSize: 2, stride: 2 })));
      }
    }
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    const last = blockSetting[blockSetting.length - 1]!;
    const lastOutput = last.outChannels ?? last.inputChannels;
    this.classifier = new nn.Sequential(buildLayer(normLayer, lastOutput), new nn.Flatten(1), new nn.Linear(lastOutput, numClasses));

    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d || m instanceof nn.Linear) {
        nn.init.truncNormal_(m.weight, { std: 0.02 });
        if (m.bias !== null) nn.init.zeros_(m.bias);
      }
    }
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(this.avgpool.forward(this.features.forward(x)));
  }
}

/** ConvNeXt-Tiny (28.6M parameters). */
export const convnext_tiny = defineBuilder<ConvNeXtOptions, ConvNeXt>('convnext_tiny', 'ConvNeXt_Tiny_Weights', ['stochasticDepthProb', 'layerScale', 'numClasses', 'block', 'normLayer'], (o) =>
  new ConvNeXt([new CNBlockConfig(96, 192, 3), new CNBlockConfig(192, 384, 3), new CNBlockConfig(384, 768, 9), new CNBlockConfig(768, null, 3)], {
    stochasticDepthProb: 0.1,
    ...o,
  }));
