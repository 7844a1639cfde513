/**
 * MobileNetV3 (Howard et al., 2019): torchvision's MobileNetV3, its InvertedResidual (squeeze-and-
 * excitation, hard-swish) and InvertedResidualConfig, with the same attribute names, printed form and
 * initialisation, and the builders mobilenet_v3_large and mobilenet_v3_small.
 */
import { flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { Conv2dNormActivation } from '../ops/conv-norm-activation';
import { buildLayer, type LayerFactory } from '../ops/layer-factory';
import { SqueezeExcitation } from '../ops/squeeze-excitation';
import { defineBuilder } from './builder';
import { makeDivisible } from './make-divisible';
import { initMobileNetWeights } from './mobilenetv2';

/** One bottleneck's settings, its channel counts scaled by widthMult and made divisible by 8. */
export class InvertedResidualConfig {
  readonly inputChannels: number;
  readonly kernel: number;
  readonly expandedChannels: number;
  readonly outChannels: number;
  readonly useSe: boolean;
  /** Hard-swish ('HS') rather than ReLU ('RE'). */
  readonly useHs: boolean;
  readonly stride: number;
  readonly dilation: number;

  constructor(
    inputChannels: number, kernel: number, expandedChannels: number, outChannels: number, useSe: boolean,
    activation: 'HS' | 'RE', stride: number, dilation: number, widthMult: number,
  ) {
    this.inputChannels = InvertedResidualConfig.adjustChannels(inputChannels, widthMult);
    this.kernel = kernel;
    this.expandedChannels = InvertedResidualConfig.adjustChannels(expandedChannels, widthMult);
    this.outChannels = InvertedResidualConfig.adjustChannels(outChannels, widthMult);
    this.useSe = useSe;
    this.useHs = activation === 'HS';
    this.stride = stride;
    this.dilation = dilation;
  }

  static adjustChannels(channels: number, widthMult: number): number {
    return makeDivisible(channels * widthMult, 8);
  }
}

/** torchvision's default SE layer here: SqueezeExcitation with a hard sigmoid gate. */
function hardSqueezeExcitation(inputChannels: number, squeezeChannels: number): nn.Module {
  return new SqueezeExcitation(inputChannels, squeezeChannels, { scaleActivation: nn.Hardsigmoid });
}

/** [expand 1×1] → depthwise k×k → [squeeze-excitation] → project 1×1, with a shortcut when the shape allows. */
export class InvertedResidual extends nn.Module {
  readonly useResConnect: boolean;
  block: nn.Sequential;
  readonly outChannels: number;

  constructor(cnf: InvertedResidualConfig, normLayer: LayerFactory, seLayer: LayerFactory = hardSqueezeExcitation) {
    super();
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new Error(`illegal stride value: ${cnf.stride} (expected 1 or 2)`);
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const activationLayer = cnf.useHs ? nn.Hardswish : nn.ReLU;
    const layers: nn.Module[] = [];
    if (cnf.expandedChannels !== cnf.inputChannels) {
      layers.push(new Conv2dNormActivation(cnf.inputChannels, cnf.expandedChannels, { kernelSize: 1, normLayer, activationLayer }));
    }
    layers.push(
      new Conv2dNormActivation(cnf.expandedChannels, cnf.expandedChannels, {
        kernelSize: cnf.kernel,
        stride: cnf.dilation > 1 ? 1 : cnf.stride,
        dilation: cnf.dilation,
        groups: cnf.expandedChannels,
        normLayer,
        activationLayer,
      }),
    );
    if (cnf.useSe) layers.push(buildLayer(seLayer, cnf.expandedChannels, makeDivisible(Math.floor(cnf.expandedChannels / 4), 8)));
    layers.push(new Conv2dNormActivation(cnf.expandedChannels, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.outChannels = cnf.outChannels;
  }

  forward(input: Tensor): Tensor {
    const result = this.block.forward(input);
    return this.useResConnect ? result.add(input) : result;
  }
}

export interface MobileNetV3Options {
  numClasses?: number;
  /** The block class (or function) built as block(cnf, normLayer); InvertedResidual by default. */
  block?: LayerFactory | null;
  normLayer?: LayerFactory | null;
  dropout?: number;
}

export class MobileNetV3 extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(invertedResidualSetting: readonly InvertedResidualConfig[], lastChannel: number, options: MobileNetV3Options = {}) {
    super();
    const { numClasses = 1000, dropout = 0.2 } = options;
    if (invertedResidualSetting.length === 0) throw new Error('The inverted_residual_setting should not be empty');
    if (!invertedResidualSetting.every((s) => s instanceof InvertedResidualConfig)) {
      throw new TypeError('The inverted_residual_setting should be List[InvertedResidualConfig]');
    }
    const block = options.block ?? InvertedResidual;
    const normLayer = options.normLayer ?? ((c: number) => new nn.BatchNorm2d(c, { eps: 0.001, momentum: 0.01 }));
    const firstOutput = invertedResidualSetting[0]!.inputChannels;
    const layers: nn.Module[] = [new Conv2dNormActivation(3, firstOutput, { kernelSize: 3, stride: 2, normLayer, activationLayer: nn.Hardswish })];
    for (const cnf of invertedResidualSetting) layers.push(buildLayer(block, cnf, normLayer));
    const lastInput = invertedResidualSetting[invertedResidualSetting.length - 1]!.outChannels;
    const lastOutput = 6 * lastInput;
    layers.push(new Conv2dNormActivation(lastInput, lastOutput, { kernelSize: 1, normLayer, activationLayer: nn.Hardswish }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(
      new nn.Linear(lastOutput, lastChannel),
      new nn.Hardswish(true),
      new nn.Dropout({ p: dropout, inplace: true }),
      new nn.Linear(lastChannel, numClasses),
    );
    initMobileNetWeights(this);
  }

  forward(x: Tensor): Tensor {
    const pooled = flatten(this.avgpool.forward(this.features.forward(x)), 1);
    return this.classifier.forward(pooled);
  }
}

export interface MobileNetV3ConfOptions {
  widthMult?: number;
  /** Halve the channels of the last blocks (for detection and segmentation backbones). */
  reducedTail?: boolean;
  /** Dilate the last blocks instead of striding them. */
  dilated?: boolean;
}

/** torchvision's _mobilenet_v3_conf: the bottleneck settings and last channel count of each variant. */
export function mobileNetV3Conf(arch: 'mobilenet_v3_large' | 'mobilenet_v3_small', options: MobileNetV3ConfOptions = {}): [InvertedResidualConfig[], number] {
  const { widthMult = 1.0, reducedTail = false, dilated = false } = options;
  const r = reducedTail ? 2 : 1;
  const d = dilated ? 2 : 1;
  const b = (i: number, k: number, e: number, o: number, se: boolean, act: 'HS' | 'RE', s: number, dil: number): InvertedResidualConfig =>
    new InvertedResidualConfig(i, k, e, o, se, act, s, dil, widthMult);
  const div = (c: number): number => Math.floor(c / r);
  if (arch === 'mobilenet_v3_large') {
    return [
      [
        b(16, 3, 16, 16, false, 'RE', 1, 1),
        b(16, 3, 64, 24, false, 'RE', 2, 1),
        b(24, 3, 72, 24, false, 'RE', 1, 1),
        b(24, 5, 72, 40, true, 'RE', 2, 1),
        b(40, 5, 120, 40, true, 'RE', 1, 1),
        b(40, 5, 120, 40, true, 'RE', 1, 1),
        b(40, 3, 240, 80, false, 'HS', 2, 1),
        b(80, 3, 200, 80, false, 'HS', 1, 1),
        b(80, 3, 184, 80, false, 'HS', 1, 1),
        b(80, 3, 184, 80, false, 'HS', 1, 1),
        b(80, 3, 480, 112, true, 'HS', 1, 1),
        b(112, 3, 672, 112, true, 'HS', 1, 1),
        b(112, 5, 672, div(160), true, 'HS', 2, d),
        b(div(160), 5, div(960), div(160), true, 'HS', 1, d),
        b(div(160), 5, div(960), div(160), true, 'HS', 1, d),
      ],
      InvertedResidualConfig.adjustChannels(div(1280), widthMult),
    ];
  }
  if (arch === 'mobilenet_v3_small') {
    return [
      [
        b(16, 3, 16, 16, true, 'RE', 2, 1),
        b(16, 3, 72, 24, false, 'RE', 2, 1),
        b(24, 3, 88, 24, false, 'RE', 1, 1),
        b(24, 5, 96, 40, true, 'HS', 2, 1),
        b(40, 5, 240, 40, true, 'HS', 1, 1),
        b(40, 5, 240, 40, true, 'HS', 1, 1),
        b(40, 5, 120, 48, true, 'HS', 1, 1),
        b(48, 5, 144, 48, true, 'HS', 1, 1),
        b(48, 5, 288, div(96), true, 'HS', 2, d),
        b(div(96), 5, div(576), div(96), true, 'HS', 1, d),
        b(div(96), 5, div(576), div(96), true, 'HS', 1, d),
      ],
      InvertedResidualConfig.adjustChannels(div(1024), widthMult),
    ];
  }
  throw new Error(`Unsupported model type ${String(arch)}`);
}

export type MobileNetV3BuilderOptions = MobileNetV3Options & MobileNetV3ConfOptions;

function mobileNetV3Builder(arch: 'mobilenet_v3_large' | 'mobilenet_v3_small', weightsEnum: string) {
  const keys = ['numClasses', 'block', 'normLayer', 'dropout', 'widthMult', 'reducedTail', 'dilated'] as const;
  return defineBuilder<MobileNetV3BuilderOptions, MobileNetV3>(arch, weightsEnum, keys, (o) => {
    const { widthMult, reducedTail, dilated, ...rest } = o;
    const [setting, lastChannel] = mobileNetV3Conf(arch, { widthMult, reducedTail, dilated });
    return new MobileNetV3(setting, lastChannel, rest);
  });
}

/** MobileNetV3-Large (5.5M parameters). */
export const mobilenet_v3_large = mobileNetV3Builder('mobilenet_v3_large', 'MobileNet_V3_Large_Weights');
/** MobileNetV3-Small (2.5M parameters). */
export const mobilenet_v3_small = mobileNetV3Builder('mobilenet_v3_small', 'MobileNet_V3_Small_Weights');
