/** AlexNet (Krizhevsky et al., 2012) as torchvision builds it: `alexnet({ numClasses, dropout })`. */
import { flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { defineBuilder } from './builder';

export interface AlexNetOptions {
  numClasses?: number;
  dropout?: number;
}

export class AlexNet extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(options: AlexNetOptions = {}) {
    super();
    const { numClasses = 1000, dropout = 0.5 } = options;
    this.features = new nn.Sequential(
      new nn.Conv2d(3, 64, { kernelSize: 11, stride: 4, padding: 2 }),
      new nn.ReLU(true),
      new nn.MaxPool2d({ kernelSize: 3, stride: 2 }),
      new nn.Conv2d(64, 192, { kernelSize: 5, padding: 2 }),
      new nn.ReLU(true),
      new nn.MaxPool2d({ kernelSize: 3, stride: 2 }),
      new nn.Conv2d(192, 384, { kernelSize: 3, padding: 1 }),
      new nn.ReLU(true),
      new nn.Conv2d(384, 256, { kernelSize: 3, padding: 1 }),
      new nn.ReLU(true),
      new nn.Conv2d(256, 256, { kernelSize: 3, padding: 1 }),
      new nn.ReLU(true),
      new nn.MaxPool2d({ kernelSize: 3, stride: 2 }),
    );
    this.avgpool = new nn.AdaptiveAvgPool2d([6, 6]);
    this.classifier = new nn.Sequential(
      new nn.Dropout({ p: dropout }),
      new nn.Linear(256 * 6 * 6, 4096),
      new nn.ReLU(true),
      new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, 4096),
      new nn.ReLU(true),
      new nn.Linear(4096, numClasses),
    );
  }

  forward(x: Tensor): Tensor {
    x = this.avgpool.forward(this.features.forward(x));
    return this.classifier.forward(flatten(x, 1));
  }
}

/** AlexNet (61M parameters). */
export const alexnet = defineBuilder<AlexNetOptions, AlexNet>('alexnet', 'AlexNet_Weights', ['numClasses', 'dropout'], (options) => new AlexNet(options));
