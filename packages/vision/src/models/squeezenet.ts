/**
 * SqueezeNet (Iandola et al., 2016), versions 1.0 and 1.1, as torchvision builds them: Fire modules
 * (a 1×1 squeeze, then 1×1 and 3×3 expands concatenated) and a convolutional classifier.
 */
import { cat, flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { defineBuilder } from './builder';

export class Fire extends nn.Module {
  inplanes: number;
  squeeze: nn.Conv2d;
  squeeze_activation: nn.ReLU;
  expand1x1: nn.Conv2d;
  expand1x1_activation: nn.ReLU;
  expand3x3: nn.Conv2d;
  expand3x3_activation: nn.ReLU;

  constructor(inplanes: number, squeezePlanes: number, expand1x1Planes: number, expand3x3Planes: number) {
    super();
    this.inplanes = inplanes;
    this.squeeze = new nn.Conv2d(inplanes, squeezePlanes, { kernelSize: 1 });
    this.squeeze_activation = new nn.ReLU(true);
    this.expand1x1 = new nn.Conv2d(squeezePlanes, expand1x1Planes, { kernelSize: 1 });
    this.expand1x1_activation = new nn.ReLU(true);
    this.expand3x3 = new nn.Conv2d(squeezePlanes, expand3x3Planes, { kernelSize: 3, padding: 1 });
    this.expand3x3_activation = new nn.ReLU(true);
  }

  forward(x: Tensor): Tensor {
    x = this.squeeze_activation.forward(this.squeeze.forward(x));
    return cat([this.expand1x1_activation.forward(this.expand1x1.forward(x)), this.expand3x3_activation.forward(this.expand3x3.forward(x))], 1);
  }
}

export type SqueezeNetVersion = '1_0' | '1_1';

export interface SqueezeNetOptions {
  numClasses?: number;
  dropout?: number;
}

const pool = (): nn.MaxPool2d => new nn.MaxPool2d({ kernelSize: 3, stride: 2, ceilMode: true });

export class SqueezeNet extends nn.Module {
  numClasses: number;
  features: nn.Sequential;
  classifier: nn.Sequential;

  constructor(version: SqueezeNetVersion = '1_0', options: SqueezeNetOptions = {}) {
    super();
    const { numClasses = 1000, dropout = 0.5 } = options;
    this.numClasses = numClasses;
    if (version === '1_0') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 96, { kernelSize: 7, stride: 2 }), new nn.ReLU(true), pool(),
        new Fire(96, 16, 64, 64), new Fire(128, 16, 64, 64), new Fire(128, 32, 128, 128), pool(),
        new Fire(256, 32, 128, 128), new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), pool(),
        new Fire(512, 64, 256, 256),
      );
    } else if (version === '1_1') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 64, { kernelSize: 3, stride: 2 }), new nn.ReLU(true), pool(),
        new Fire(64, 16, 64, 64), new Fire(128, 16, 64, 64), pool(),
        new Fire(128, 32, 128, 128), new Fire(256, 32, 128, 128), pool(),
        new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), new Fire(512, 64, 256, 256),
      );
    } else {
      throw new Error(`Unsupported SqueezeNet version ${String(version)}: 1_0 or 1_1 expected`);
    }
    // The final convolution starts smaller than the rest.
    const finalConv = new nn.Conv2d(512, numClasses, { kernelSize: 1 });
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout }), finalConv, new nn.ReLU(true), new nn.AdaptiveAvgPool2d([1, 1]));

    for (const m of this.modules()) {
      if (!(m instanceof nn.Conv2d)) continue;
      if (m === finalConv) nn.init.normal_(m.weight, { mean: 0, std: 0.01 });
      else nn.init.kaimingUniform_(m.weight);
      if (m.bias) nn.init.constant_(m.bias, 0);
    }
  }

  forward(x: Tensor): Tensor {
    return flatten(this.classifier.forward(this.features.forward(x)), 1);
  }
}

function squeezenetBuilder(version: SqueezeNetVersion) {
  const name = `squeezenet${version}`;
  return defineBuilder<SqueezeNetOptions, SqueezeNet>(name, `SqueezeNet${version}_Weights`, ['numClasses', 'dropout'], (options) => new SqueezeNet(version, options));
}

/** SqueezeNet 1.0 (1.2M parameters). */
export const squeezenet1_0 = squeezenetBuilder('1_0');
/** SqueezeNet 1.1: 2.4 times less computation than 1.0, about the same accuracy. */
export const squeezenet1_1 = squeezenetBuilder('1_1');
