/**
 * VGG (Simonyan and Zisserman, 2014): configurations A, B, D and E (vgg11, 13, 16, 19), each with
 * batch norm after every convolution in the `_bn` builders, as torchvision builds them.
 */
import { flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { defineBuilder } from './builder';

export interface VGGOptions {
  numClasses?: number;
  initWeights?: boolean;
  dropout?: number;
}

export class VGG extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(features: nn.Sequential, options: VGGOptions = {}) {
    super();
    const { numClasses = 1000, initWeights = true, dropout = 0.5 } = options;
    this.features = features;
    this.avgpool = new nn.AdaptiveAvgPool2d([7, 7]);
    this.classifier = new nn.Sequential(
      new nn.Linear(512 * 7 * 7, 4096),
      new nn.ReLU(true),
      new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, 4096),
      new nn.ReLU(true),
      new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, numClasses),
    );
    if (initWeights) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d) {
          nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
          if (m.bias) nn.init.constant_(m.bias, 0);
        } else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        } else if (m instanceof nn.Linear) {
          nn.init.normal_(m.weight, 0, 0.01);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }

  forward(x: Tensor): Tensor {
    x = this.avgpool.forward(this.features.forward(x));
    return this.classifier.forward(flatten(x, 1));
  }
}

/** A VGG configuration: output channels of each 3×3 convolution, 'M' for a 2×2 max pool. */
export type VGGConfig = readonly (number | 'M')[];

/** The feature extractor of a configuration, with batch norm after each convolution when asked. */
export function makeLayers(cfg: VGGConfig, batchNorm = false): nn.Sequential {
  const layers: nn.Module[] = [];
  let inChannels = 3;
  for (const v of cfg) {
    if (v === 'M') {
      layers.push(new nn.MaxPool2d({ kernelSize: 2, stride: 2 }));
      continue;
    }
    layers.push(new nn.Conv2d(inChannels, v, { kernelSize: 3, padding: 1 }));
    if (batchNorm) layers.push(new nn.BatchNorm2d(v));
    layers.push(new nn.ReLU(true));
    inChannels = v;
  }
  return new nn.Sequential(...layers);
}

export const VGG_CONFIGS: Readonly<Record<'A' | 'B' | 'D' | 'E', VGGConfig>> = {
  A: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  B: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  D: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  E: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
};

function vggBuilder(name: string, weightsEnum: string, cfg: keyof typeof VGG_CONFIGS, batchNorm: boolean) {
  return defineBuilder<VGGOptions, VGG>(name, weightsEnum, ['numClasses', 'initWeights', 'dropout'], (options, loadsWeights) =>
    // Weights about to be loaded make initialisation pointless (torchvision skips it too).
    new VGG(makeLayers(VGG_CONFIGS[cfg], batchNorm), loadsWeights ? { ...options, initWeights: false } : options),
  );
}

/** VGG-11 (configuration A). */
export const vgg11 = vggBuilder('vgg11', 'VGG11_Weights', 'A', false);
/** VGG-11 with batch norm. */
export const vgg11_bn = vggBuilder('vgg11_bn', 'VGG11_BN_Weights', 'A', true);
/** VGG-13 (configuration B). */
export const vgg13 = vggBuilder('vgg13', 'VGG13_Weights', 'B', false);
/** VGG-13 with batch norm. */
export const vgg13_bn = vggBuilder('vgg13_bn', 'VGG13_BN_Weights', 'B', true);
/** VGG-16 (configuration D). */
export const vgg16 = vggBuilder('vgg16', 'VGG16_Weights', 'D', false);
/** VGG-16 with batch norm. */
export const vgg16_bn = vggBuilder('vgg16_bn', 'VGG16_BN_Weights', 'D', true);
/** VGG-19 (configuration E). */
export const vgg19 = vggBuilder('vgg19', 'VGG19_Weights', 'E', false);
/** VGG-19 with batch norm. */
export const vgg19_bn = vggBuilder('vgg19_bn', 'VGG19_BN_Weights', 'E', true);
