/**
 * GoogLeNet (Inception v1, Szegedy et al., 2014) as torchvision builds it, with two auxiliary
 * heads whose logits come back, in training mode, in GoogLeNetOutputs.
 */
import { adaptiveAvgPool2d, cat, flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { BasicConv2d, type ConvBlock } from './basic-conv2d';
import { defineBuilder } from './builder';
import { GoogLeNetOutputs } from './model-outputs';
import type { TensorModule } from './tensor-module';
import { imagenetToUnitRange } from './transform-input';

export class Inception extends nn.Module {
  branch1: TensorModule;
  branch2: nn.Sequential;
  branch3: nn.Sequential;
  branch4: nn.Sequential;

  constructor(inChannels: number, ch1x1: number, ch3x3red: number, ch3x3: number, ch5x5red: number, ch5x5: number, poolProj: number, convBlock: ConvBlock = BasicConv2d) {
    super();
    this.branch1 = new convBlock(inChannels, ch1x1, { kernelSize: 1 });
    this.branch2 = new nn.Sequential(new convBlock(inChannels, ch3x3red, { kernelSize: 1 }), new convBlock(ch3x3red, ch3x3, { kernelSize: 3, padding: 1 }));
    // A 3×3 where the paper has 5×5: torchvision keeps it so its weights still load.
    this.branch3 = new nn.Sequential(new convBlock(inChannels, ch5x5red, { kernelSize: 1 }), new convBlock(ch5x5red, ch5x5, { kernelSize: 3, padding: 1 }));
    this.branch4 = new nn.Sequential(new nn.MaxPool2d({ kernelSize: 3, stride: 1, padding: 1, ceilMode: true }), new convBlock(inChannels, poolProj, { kernelSize: 1 }));
  }

  forward(x: Tensor): Tensor {
    return cat([this.branch1.forward(x), this.branch2.forward(x), this.branch3.forward(x), this.branch4.forward(x)], 1);
  }
}

export class InceptionAux extends nn.Module {
  conv: TensorModule;
  fc1: nn.Linear;
  fc2: nn.Linear;
  dropout: nn.Dropout;

  constructor(inChannels: number, numClasses: number, convBlock: ConvBlock = BasicConv2d, dropout = 0.7) {
    super();
    this.conv = new convBlock(inChannels, 128, { kernelSize: 1 });
    this.fc1 = new nn.Linear(2048, 1024);
    this.fc2 = new nn.Linear(1024, numClasses);
    this.dropout = new nn.Dropout({ p: dropout });
  }

  forward(x: Tensor): Tensor {
    x = flatten(this.conv.forward(adaptiveAvgPool2d(x, [4, 4])), 1);
    x = this.dropout.forward(nn.functional.relu(this.fc1.forward(x)));
    return this.fc2.forward(x);
  }
}

/** The three building blocks GoogLeNet is made of, replaceable in this order. */
export type GoogLeNetBlocks = [
  conv: ConvBlock,
  inception: new (inChannels: number, ch1x1: number, ch3x3red: number, ch3x3: number, ch5x5red: number, ch5x5: number, poolProj: number) => TensorModule,
  aux: new (inChannels: number, numClasses: number, convBlock: ConvBlock | undefined, dropout: number) => TensorModule,
];

export interface GoogLeNetOptions {
  numClasses?: number;
  /** Add the two auxiliary classifiers (their logits come back in training mode). */
  auxLogits?: boolean;
  /** Map ImageNet-normalised inputs to [-1, 1], the range the ported Google weights expect. */
  transformInput?: boolean;
  initWeights?: boolean | null;
  blocks?: GoogLeNetBlocks | null;
  dropout?: number;
  dropoutAux?: number;
}

export class GoogLeNet extends nn.Module {
  auxLogits: boolean;
  transformInput: boolean;
  conv1: TensorModule;
  maxpool1: nn.MaxPool2d;
  conv2: TensorModule;
  conv3: TensorModule;
  maxpool2: nn.MaxPool2d;
  inception3a: TensorModule;
  inception3b: TensorModule;
  maxpool3: nn.MaxPool2d;
  inception4a: TensorModule;
  inception4b: TensorModule;
  inception4c: TensorModule;
  inception4d: TensorModule;
  inception4e: TensorModule;
  maxpool4: nn.MaxPool2d;
  inception5a: TensorModule;
  inception5b: TensorModule;
  aux1: TensorModule | null = null;
  aux2: TensorModule | null = null;
  avgpool: nn.AdaptiveAvgPool2d;
  dropout: nn.Dropout;
  fc: nn.Linear;

  constructor(options: GoogLeNetOptions = {}) {
    super();
    const { numClasses = 1000, auxLogits = true, transformInput = false, dropout = 0.2, dropoutAux = 0.7 } = options;
    const blocks = options.blocks ?? [BasicConv2d, Inception, InceptionAux];
    if (blocks.length !== 3) throw new Error(`blocks should hold 3 blocks, got ${blocks.length}`);
    const [conv, inception, aux] = blocks;
    const pool = (kernelSize: number): nn.MaxPool2d => new nn.MaxPool2d({ kernelSize, stride: 2, ceilMode: true });
    this.auxLogits = auxLogits;
    this.transformInput = transformInput;
    this.conv1 = new conv(3, 64, { kernelSize: 7, stride: 2, padding: 3 });
    this.maxpool1 = pool(3);
    this.conv2 = new conv(64, 64, { kernelSize: 1 });
    this.conv3 = new conv(64, 192, { kernelSize: 3, padding: 1 });
    this.maxpool2 = pool(3);
    this.inception3a = new inception(192, 64, 96, 128, 16, 32, 32);
    this.inception3b = new inception(256, 128, 128, 192, 32, 96, 64);
    this.maxpool3 = pool(3);
    this.inception4a = new inception(480, 192, 96, 208, 16, 48, 64);
    this.inception4b = new inception(512, 160, 112, 224, 24, 64, 64);
    this.inception4c = new inception(512, 128, 128, 256, 24, 64, 64);
    this.inception4d = new inception(512, 112, 144, 288, 32, 64, 64);
    this.inception4e = new inception(528, 256, 160, 320, 32, 128, 128);
    this.maxpool4 = pool(2);
    this.inception5a = new inception(832, 256, 160, 320, 32, 128, 128);
    this.inception5b = new inception(832, 384, 192, 384, 48, 128, 128);
    if (auxLogits) {
      this.aux1 = new aux(512, numClasses, undefined, dropoutAux);
      this.aux2 = new aux(528, numClasses, undefined, dropoutAux);
    }
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: dropout });
    this.fc = new nn.Linear(1024, numClasses);
    // torchvision 0.14 initialises unless told not to (it warns that this default will change).
    if (options.initWeights ?? true) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d || m instanceof nn.Linear) nn.init.truncNormal_(m.weight, { mean: 0, std: 0.01, a: -2, b: 2 });
        else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }

  /** Logits, or in training mode with the auxiliary heads, GoogLeNetOutputs. */
  forward(x: Tensor): Tensor | GoogLeNetOutputs {
    if (this.transformInput) x = imagenetToUnitRange(x);
    x = this.maxpool1.forward(this.conv1.forward(x)) as Tensor;
    x = this.maxpool2.forward(this.conv3.forward(this.conv2.forward(x))) as Tensor;
    x = this.maxpool3.forward(this.inception3b.forward(this.inception3a.forward(x))) as Tensor;
    x = this.inception4a.forward(x);
    const aux1 = this.aux1 !== null && this.training ? this.aux1.forward(x) : null;
    x = this.inception4d.forward(this.inception4c.forward(this.inception4b.forward(x)));
    const aux2 = this.aux2 !== null && this.training ? this.aux2.forward(x) : null;
    x = this.maxpool4.forward(this.inception4e.forward(x)) as Tensor;
    x = this.inception5b.forward(this.inception5a.forward(x));
    x = this.fc.forward(this.dropout.forward(flatten(this.avgpool.forward(x), 1)));
    return this.training && this.auxLogits ? new GoogLeNetOutputs(x, aux1, aux2) : x;
  }
}

/** GoogLeNet (6.6M parameters). */
export const googlenet = defineBuilder<GoogLeNetOptions, GoogLeNet>(
  'googlenet',
  'GoogLeNet_Weights',
  ['numClasses', 'auxLogits', 'transformInput', 'initWeights', 'blocks', 'dropout', 'dropoutAux'],
  (options, loadsWeights) => {
    if (!loadsWeights) return new GoogLeNet(options);
    // As torchvision with its weights: the file's auxiliary heads go in (removed afterwards if not
    // wanted), inputs are transformed unless told otherwise, and initialisation is skipped.
    return new GoogLeNet({ transformInput: true, ...options, auxLogits: true, initWeights: false });
  },
  {
    afterLoad: (model, options) => {
      if (options.auxLogits ?? false) {
        console.warn('auxiliary heads in the pretrained googlenet model are NOT pretrained, so make sure to train them');
        return;
      }
      model.auxLogits = false;
      model.aux1 = null;
      model.aux2 = null;
    },
  },
);
