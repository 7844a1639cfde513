/**
 * EfficientNet (Tan & Le, 2019): torchvision's EfficientNet, MBConv and MBConvConfig, with the same
 * attribute names (so state-dict keys), printed form and initialisation, and the builders
 * efficientnet_b0 … efficientnet_b3.
 */
import { flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { Conv2dNormActivation } from '../ops/conv-norm-activation';
import { buildLayer, type LayerFactory } from '../ops/layer-factory';
import { SqueezeExcitation } from '../ops/squeeze-excitation';
import { StochasticDepth } from '../ops/stochastic-depth';
import { defineBuilder } from './builder';
import { makeDivisible } from './make-divisible';
import { initMobileWeights } from './mobile-init';

/** One stage's settings: its channel counts scaled by widthMult, its depth by depthMult. */
export class MBConvConfig {
  expandRatio: number;
  kernel: number;
  stride: number;
  inputChannels: number;
  outChannels: number;
  numLayers: number;
  /** Built as block(cnf, stochasticDepthProb, normLayer); MBConv by default. */
  block: LayerFactory;

  constructor(
    expandRatio: number, kernel: number, stride: number, inputChannels: number, outChannels: number, numLayers: number,
    widthMult = 1.0, depthMult = 1.0, block: LayerFactory | null = null,
  ) {
    this.expandRatio = expandRatio;
    this.kernel = kernel;
    this.stride = stride;
    this.inputChannels = MBConvConfig.adjustChannels(inputChannels, widthMult);
    this.outChannels = MBConvConfig.adjustChannels(outChannels, widthMult);
    this.numLayers = MBConvConfig.adjustDepth(numLayers, depthMult);
    this.block = block ?? MBConv;
  }

  static adjustChannels(channels: number, widthMult: number, minValue: number | null = null): number {
    return makeDivisible(channels * widthMult, 8, minValue);
  }

  static adjustDepth(numLayers: number, depthMult: number): number {
    return Math.ceil(numLayers * depthMult);
  }

  /** A copy to adjust for one block of the stage (torchvision's copy.copy). */
  clone(): MBConvConfig {
    return Object.assign(Object.create(MBConvConfig.prototype) as MBConvConfig, this);
  }
}

/** torchvision's SE layer in MBConv: SqueezeExcitation with a SiLU between its convolutions. */
function siluSqueezeExcitation(inputChannels: number, squeezeChannels: number): nn.Module {
  return new SqueezeExcitation(inputChannels, squeezeChannels, { activation: () => new nn.SiLU(true) });
}

/** [expand 1×1] → depthwise k×k → squeeze-excitation → project 1×1; a stochastic-depth shortcut when the shape allows. */
export class MBConv extends nn.Module {
  readonly useResConnect: boolean;
  block: nn.Sequential;
  stochastic_depth: StochasticDepth;
  readonly outChannels: number;

  constructor(cnf: MBConvConfig, stochasticDepthProb: number, normLayer: LayerFactory, seLayer: LayerFactory = siluSqueezeExcitation) {
    super();
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new Error(`illegal stride value: ${cnf.stride} (expected 1 or 2)`);
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const activationLayer = nn.SiLU;
    const expanded = MBConvConfig.adjustChannels(cnf.inputChannels, cnf.expandRatio);
    const layers: nn.Module[] = [];
    if (expanded !== cnf.inputChannels) layers.push(new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: 1, normLayer, activationLayer }));
    layers.push(new Conv2dNormActivation(expanded, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, groups: expanded, normLayer, activationLayer }));
    layers.push(buildLayer(seLayer, expanded, Math.max(1, Math.floor(cnf.inputChannels / 4))));
    layers.push(new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
    this.outChannels = cnf.outChannels;
  }

  forward(input: Tensor): Tensor {
    const result = this.block.forward(input);
    return this.useResConnect ? this.stochastic_depth.forward(result).add(input) : result;
  }
}

export interface EfficientNetOptions {
  stochasticDepthProb?: number;
  numClasses?: number;
  normLayer?: LayerFactory | null;
  lastChannel?: number | null;
}

export class EfficientNet extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(invertedResidualSetting: readonly MBConvConfig[], dropout: number, options: EfficientNetOptions = {}) {
    super();
    const { stochasticDepthProb = 0.2, numClasses = 1000, lastChannel = null } = options;
    if (invertedResidualSetting.length === 0) throw new Error('The inverted_residual_setting should not be empty');
    if (!invertedResidualSetting.every((s) => s instanceof MBConvConfig)) throw new TypeError('The inverted_residual_setting should be List[MBConvConfig]');
    const normLayer = options.normLayer ?? nn.BatchNorm2d;
    const layers: nn.Module[] = [
      new Conv2dNormActivation(3, invertedResidualSetting[0]!.inputChannels, { kernelSize: 3, stride: 2, normLayer, activationLayer: nn.SiLU }),
    ];
    const totalStageBlocks = invertedResidualSetting.reduce((n, c) => n + c.numLayers, 0);
    let stageBlockId = 0;
    for (const cnf of invertedResidualSetting) {
      const stage: nn.Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        const blockCnf = cnf.clone();
        if (stage.length > 0) {
          blockCnf.inputChannels = blockCnf.outChannels;
          blockCnf.stride = 1;
        }
        // Deeper blocks are dropped more often: the probability grows linearly to stochasticDepthProb.
        const sdProb = (stochasticDepthProb * stageBlockId) / totalStageBlocks;
        stage.push(buildLayer(blockCnf.block, blockCnf, sdProb, normLayer));
        stageBlockId++;
      }
      layers.push(new nn.Sequential(...stage));
    }
    const lastInput = invertedResidualSetting[invertedResidualSetting.length - 1]!.outChannels;
    const lastOutput = lastChannel ?? 4 * lastInput;
    layers.push(new Conv2dNormActivation(lastInput, lastOutput, { kernelSize: 1, normLayer, activationLayer: nn.SiLU }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout, inplace: true }), new nn.Linear(lastOutput, numClasses));

    initMobileWeights(this, (weight, outFeatures) => nn.init.uniform_(weight, -1.0 / Math.sqrt(outFeatures), 1.0 / Math.sqrt(outFeatures)));
  }

  forward(x: Tensor): Tensor {
    const pooled = flatten(this.avgpool.forward(this.features.forward(x)), 1);
    return this.classifier.forward(pooled);
  }
}

/** torchvision's _efficientnet_conf for the B variants: the seven stages, widened and deepened. */
export function efficientNetConf(widthMult: number, depthMult: number): MBConvConfig[] {
  const b = (e: number, k: number, s: number, i: number, o: number, n: number): MBConvConfig => new MBConvConfig(e, k, s, i, o, n, widthMult, depthMult);
  return [b(1, 3, 1, 32, 16, 1), b(6, 3, 2, 16, 24, 2), b(6, 5, 2, 24, 40, 2), b(6, 3, 2, 40, 80, 3), b(6, 5, 1, 80, 112, 3), b(6, 5, 2, 112, 192, 4), b(6, 3, 1, 192, 320, 1)];
}

function efficientNetBuilder(name: string, weightsEnum: string, widthMult: number, depthMult: number, dropout: number) {
  // lastChannel is the builder's to set (torchvision passes it itself), so it is not among the keys.
  return defineBuilder<EfficientNetOptions, EfficientNet>(name, weightsEnum, ['stochasticDepthProb', 'numClasses', 'normLayer'], (o) =>
    new EfficientNet(efficientNetConf(widthMult, depthMult), dropout, { ...o, lastChannel: null }));
}

/** EfficientNet-B0 (5.3M parameters). */
export const efficientnet_b0 = efficientNetBuilder('efficientnet_b0', 'EfficientNet_B0_Weights', 1.0, 1.0, 0.2);
/** EfficientNet-B1. */
export const efficientnet_b1 = efficientNetBuilder('efficientnet_b1', 'EfficientNet_B1_Weights', 1.0, 1.1, 0.2);
/** EfficientNet-B2. */
export const efficientnet_b2 = efficientNetBuilder('efficientnet_b2', 'EfficientNet_B2_Weights', 1.1, 1.2, 0.3);
/** EfficientNet-B3. */
export const efficientnet_b3 = efficientNetBuilder('efficientnet_b3', 'EfficientNet_B3_Weights', 1.2, 1.4, 0.3);
