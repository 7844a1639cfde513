/**
 * MobileNetV2 (Sandler et al., 2018): torchvision's MobileNetV2 and InvertedResidual, with the same
 * attribute names (so state-dict keys), printed form and initialisation, and the builder mobilenet_v2.
 */
import { flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { Conv2dNormActivation } from '../ops/conv-norm-activation';
import { buildLayer, type LayerFactory } from '../ops/layer-factory';
import { defineBuilder } from './builder';
import { makeDivisible } from './make-divisible';
import { initMobileWeights } from './mobile-init';

/** Expand (1×1) → depthwise 3×3 → project (1×1, linear), with a shortcut when the shape allows. */
export class InvertedResidual extends nn.Module {
  readonly stride: number;
  readonly useResConnect: boolean;
  conv: nn.Sequential;
  readonly outChannels: number;

  constructor(inp: number, oup: number, stride: number, expandRatio: number, normLayer: LayerFactory | null = null) {
    super();
    if (stride !== 1 && stride !== 2) throw new Error(`stride should be 1 or 2 insted of ${stride}`);
    const norm = normLayer ?? nn.BatchNorm2d;
    this.stride = stride;
    const hiddenDim = Math.round(inp * expandRatio);
    this.useResConnect = stride === 1 && inp === oup;
    const layers: nn.Module[] = [];
    if (expandRatio !== 1) layers.push(new Conv2dNormActivation(inp, hiddenDim, { kernelSize: 1, normLayer: norm, activationLayer: nn.ReLU6 }));
    layers.push(
      new Conv2dNormActivation(hiddenDim, hiddenDim, { stride, groups: hiddenDim, normLayer: norm, activationLayer: nn.ReLU6 }),
      new nn.Conv2d(hiddenDim, oup, 1, 1, 0, { bias: false }),
      buildLayer(norm, oup),
    );
    this.conv = new nn.Sequential(...layers);
    this.outChannels = oup;
  }

  forward(x: Tensor): Tensor {
    return this.useResConnect ? x.add(this.conv.forward(x)) : this.conv.forward(x);
  }
}

/** Both MobileNets' initialisation: linear weights N(0, 0.01). */
export function initMobileNetWeights(model: nn.Module): void {
  initMobileWeights(model, (weight) => nn.init.normal_(weight, 0, 0.01));
}

export interface MobileNetV2Options {
  numClasses?: number;
  widthMult?: number;
  /** Rows of [t (expansion), c (channels), n (repeats), s (first stride)]. */
  invertedResidualSetting?: readonly (readonly number[])[] | null;
  roundNearest?: number;
  /** The block class (or function) built as block(inp, oup, stride, expandRatio, normLayer); InvertedResidual by default. */
  block?: LayerFactory | null;
  normLayer?: LayerFactory | null;
  dropout?: number;
}

const DEFAULT_SETTING = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

export class MobileNetV2 extends nn.Module {
  readonly lastChannel: number;
  features: nn.Sequential;
  classifier: nn.Sequential;

  constructor(options: MobileNetV2Options = {}) {
    super();
    const { numClasses = 1000, widthMult = 1.0, roundNearest = 8, dropout = 0.2 } = options;
    const normLayer = options.normLayer ?? nn.BatchNorm2d;
    const block = options.block ?? InvertedResidual;
    const setting = options.invertedResidualSetting ?? DEFAULT_SETTING;
    if (setting.length === 0 || setting[0]!.length !== 4) {
      throw new Error(`inverted_residual_setting should be non-empty or a 4-element list, got ${JSON.stringify(setting)}`);
    }
    let inputChannel = makeDivisible(32 * widthMult, roundNearest);
    this.lastChannel = makeDivisible(1280 * Math.max(1.0, widthMult), roundNearest);
    const features: nn.Module[] = [new Conv2dNormActivation(3, inputChannel, { stride: 2, normLayer, activationLayer: nn.ReLU6 })];
    for (const [t, c, n, s] of setting as [number, number, number, number][]) {
      const outputChannel = makeDivisible(c * widthMult, roundNearest);
      for (let i = 0; i < n; i++) {
        features.push(buildLayer(block, inputChannel, outputChannel, i === 0 ? s : 1, t, normLayer));
        inputChannel = outputChannel;
      }
    }
    features.push(new Conv2dNormActivation(inputChannel, this.lastChannel, { kernelSize: 1, normLayer, activationLayer: nn.ReLU6 }));
    this.features = new nn.Sequential(...features);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout }), new nn.Linear(this.lastChannel, numClasses));
    initMobileNetWeights(this);
  }

  forward(x: Tensor): Tensor {
    const features = this.features.forward(x);
    // Adaptive pooling rather than a squeeze: the batch may be 1.
    const pooled = flatten(nn.functional.adaptiveAvgPool2d(features, [1, 1]), 1);
    return this.classifier.forward(pooled);
  }
}

/** MobileNetV2 (3.5M parameters). */
export const mobilenet_v2 = defineBuilder<MobileNetV2Options, MobileNetV2>(
  'mobilenet_v2',
  'MobileNet_V2_Weights',
  ['numClasses', 'widthMult', 'invertedResidualSetting', 'roundNearest', 'block', 'normLayer', 'dropout'],
  (o) => new MobileNetV2(o),
);
