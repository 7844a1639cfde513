/**
 * Inception v3 (Szegedy et al., 2015) as torchvision builds it: `inception_v3()` for 299×299
 * inputs, with an auxiliary head whose logits come back, in training mode, in InceptionOutputs.
 */
import { adaptiveAvgPool2d, avgPool2d, cat, flatten, maxPool2d, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { BasicConv2d, type ConvBlock } from './basic-conv2d';
import { defineBuilder } from './builder';
import { InceptionOutputs } from './model-outputs';
import type { TensorModule } from './tensor-module';
import { imagenetToUnitRange } from './transform-input';

/** The 3×3 stride-1 average pool of the pooling branches (padding counted, as torchvision). */
const avgPool3 = (x: Tensor): Tensor => avgPool2d(x, 3, { stride: 1, padding: 1 });
const maxPool3s2 = (x: Tensor): Tensor => maxPool2d(x, 3, { stride: 2 }) as Tensor;

export class InceptionA extends nn.Module {
  branch1x1: TensorModule;
  branch5x5_1: TensorModule;
  branch5x5_2: TensorModule;
  branch3x3dbl_1: TensorModule;
  branch3x3dbl_2: TensorModule;
  branch3x3dbl_3: TensorModule;
  branch_pool: TensorModule;

  constructor(inChannels: number, poolFeatures: number, convBlock: ConvBlock = BasicConv2d) {
    super();
    this.branch1x1 = new convBlock(inChannels, 64, { kernelSize: 1 });
    this.branch5x5_1 = new convBlock(inChannels, 48, { kernelSize: 1 });
    this.branch5x5_2 = new convBlock(48, 64, { kernelSize: 5, padding: 2 });
    this.branch3x3dbl_1 = new convBlock(inChannels, 64, { kernelSize: 1 });
    this.branch3x3dbl_2 = new convBlock(64, 96, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3 = new convBlock(96, 96, { kernelSize: 3, padding: 1 });
    this.branch_pool = new convBlock(inChannels, poolFeatures, { kernelSize: 1 });
  }

  forward(x: Tensor): Tensor {
    const b1 = this.branch1x1.forward(x);
    const b5 = this.branch5x5_2.forward(this.branch5x5_1.forward(x));
    const b3 = this.branch3x3dbl_3.forward(this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x)));
    const bp = this.branch_pool.forward(avgPool3(x));
    return cat([b1, b5, b3, bp], 1);
  }
}

export class InceptionB extends nn.Module {
  branch3x3: TensorModule;
  branch3x3dbl_1: TensorModule;
  branch3x3dbl_2: TensorModule;
  branch3x3dbl_3: TensorModule;

  constructor(inChannels: number, convBlock: ConvBlock = BasicConv2d) {
    super();
    this.branch3x3 = new convBlock(inChannels, 384, { kernelSize: 3, stride: 2 });
    this.branch3x3dbl_1 = new convBlock(inChannels, 64, { kernelSize: 1 });
    this.branch3x3dbl_2 = new convBlock(64, 96, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3 = new convBlock(96, 96, { kernelSize: 3, stride: 2 });
  }

  forward(x: Tensor): Tensor {
    const b3 = this.branch3x3.forward(x);
    const bd = this.branch3x3dbl_3.forward(this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x)));
    return cat([b3, bd, maxPool3s2(x)], 1);
  }
}

export class InceptionC extends nn.Module {
  branch1x1: TensorModule;
  branch7x7_1: TensorModule;
  branch7x7_2: TensorModule;
  branch7x7_3: TensorModule;
  branch7x7dbl_1: TensorModule;
  branch7x7dbl_2: TensorModule;
  branch7x7dbl_3: TensorModule;
  branch7x7dbl_4: TensorModule;
  branch7x7dbl_5: TensorModule;
  branch_pool: TensorModule;

  constructor(inChannels: number, channels7x7: number, convBlock: ConvBlock = BasicConv2d) {
    super();
    const c7 = channels7x7;
    const row = { kernelSize: [1, 7] as [number, number], padding: [0, 3] as [number, number] };
    const col = { kernelSize: [7, 1] as [number, number], padding: [3, 0] as [number, number] };
    this.branch1x1 = new convBlock(inChannels, 192, { kernelSize: 1 });
    this.branch7x7_1 = new convBlock(inChannels, c7, { kernelSize: 1 });
    this.branch7x7_2 = new convBlock(c7, c7, row);
    this.branch7x7_3 = new convBlock(c7, 192, col);
    this.branch7x7dbl_1 = new convBlock(inChannels, c7, { kernelSize: 1 });
    this.branch7x7dbl_2 = new convBlock(c7, c7, col);
    this.branch7x7dbl_3 = new convBlock(c7, c7, row);
    this.branch7x7dbl_4 = new convBlock(c7, c7, col);
    this.branch7x7dbl_5 = new convBlock(c7, 192, row);
    this.branch_pool = new convBlock(inChannels, 192, { kernelSize: 1 });
  }

  forward(x: Tensor): Tensor {
    const b1 = this.branch1x1.forward(x);
    const b7 = this.branch7x7_3.forward(this.branch7x7_2.forward(this.branch7x7_1.forward(x)));
    let bd = this.branch7x7dbl_1.forward(x);
    for (const m of [this.branch7x7dbl_2, this.branch7x7dbl_3, this.branch7x7dbl_4, this.branch7x7dbl_5]) bd = m.forward(bd);
    const bp = this.branch_pool.forward(avgPool3(x));
    return cat([b1, b7, bd, bp], 1);
  }
}

export class InceptionD extends nn.Module {
  branch3x3_1: TensorModule;
  branch3x3_2: TensorModule;
  branch7x7x3_1: TensorModule;
  branch7x7x3_2: TensorModule;
  branch7x7x3_3: TensorModule;
  branch7x7x3_4: TensorModule;

  constructor(inChannels: number, convBlock: ConvBlock = BasicConv2d) {
    super();
    this.branch3x3_1 = new convBlock(inChannels, 192, { kernelSize: 1 });
    this.branch3x3_2 = new convBlock(192, 320, { kernelSize: 3, stride: 2 });
    this.branch7x7x3_1 = new convBlock(inChannels, 192, { kernelSize: 1 });
    this.branch7x7x3_2 = new convBlock(192, 192, { kernelSize: [1, 7], padding: [0, 3] });
    this.branch7x7x3_3 = new convBlock(192, 192, { kernelSize: [7, 1], padding: [3, 0] });
    this.branch7x7x3_4 = new convBlock(192, 192, { kernelSize: 3, stride: 2 });
  }

  forward(x: Tensor): Tensor {
    const b3 = this.branch3x3_2.forward(this.branch3x3_1.forward(x));
    let b7 = this.branch7x7x3_1.forward(x);
    for (const m of [this.branch7x7x3_2, this.branch7x7x3_3, this.branch7x7x3_4]) b7 = m.forward(b7);
    return cat([b3, b7, maxPool3s2(x)], 1);
  }
}

export class InceptionE extends nn.Module {
  branch1x1: TensorModule;
  branch3x3_1: TensorModule;
  branch3x3_2a: TensorModule;
  branch3x3_2b: TensorModule;
  branch3x3dbl_1: TensorModule;
  branch3x3dbl_2: TensorModule;
  branch3x3dbl_3a: TensorModule;
  branch3x3dbl_3b: TensorModule;
  branch_pool: TensorModule;

  constructor(inChannels: number, convBlock: ConvBlock = BasicConv2d) {
    super();
    const row = { kernelSize: [1, 3] as [number, number], padding: [0, 1] as [number, number] };
    const col = { kernelSize: [3, 1] as [number, number], padding: [1, 0] as [number, number] };
    this.branch1x1 = new convBlock(inChannels, 320, { kernelSize: 1 });
    this.branch3x3_1 = new convBlock(inChannels, 384, { kernelSize: 1 });
    this.branch3x3_2a = new convBlock(384, 384, row);
    this.branch3x3_2b = new convBlock(384, 384, col);
    this.branch3x3dbl_1 = new convBlock(inChannels, 448, { kernelSize: 1 });
    this.branch3x3dbl_2 = new convBlock(448, 384, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3a = new convBlock(384, 384, row);
    this.branch3x3dbl_3b = new convBlock(384, 384, col);
    this.branch_pool = new convBlock(inChannels, 192, { kernelSize: 1 });
  }

  forward(x: Tensor): Tensor {
    const b1 = this.branch1x1.forward(x);
    const s3 = this.branch3x3_1.forward(x);
    const b3 = cat([this.branch3x3_2a.forward(s3), this.branch3x3_2b.forward(s3)], 1);
    const sd = this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x));
    const bd = cat([this.branch3x3dbl_3a.forward(sd), this.branch3x3dbl_3b.forward(sd)], 1);
    const bp = this.branch_pool.forward(avgPool3(x));
    return cat([b1, b3, bd, bp], 1);
  }
}

export class InceptionAux extends nn.Module {
  conv0: TensorModule;
  conv1: TensorModule & { stddev?: number };
  fc: nn.Linear & { stddev?: number };

  constructor(inChannels: number, numClasses: number, convBlock: ConvBlock = BasicConv2d) {
    super();
    this.conv0 = new convBlock(inChannels, 128, { kernelSize: 1 });
    this.conv1 = new convBlock(128, 768, { kernelSize: 5 });
    // Read by Inception3's initialisation for Conv2d and Linear layers: only fc's takes effect.
    this.conv1.stddev = 0.01;
    this.fc = new nn.Linear(768, numClasses);
    this.fc.stddev = 0.001;
  }

  forward(x: Tensor): Tensor {
    x = avgPool2d(x, 5, { stride: 3 });
    x = this.conv1.forward(this.conv0.forward(x));
    return this.fc.forward(flatten(adaptiveAvgPool2d(x, [1, 1]), 1));
  }
}

/** The seven building blocks Inception3 is made of, replaceable in this order. */
export type InceptionBlocks = [
  conv: ConvBlock,
  a: new (inChannels: number, poolFeatures: number) => TensorModule,
  b: new (inChannels: number) => TensorModule,
  c: new (inChannels: number, channels7x7: number) => TensorModule,
  d: new (inChannels: number) => TensorModule,
  e: new (inChannels: number) => TensorModule,
  aux: new (inChannels: number, numClasses: number) => TensorModule,
];

export interface Inception3Options {
  numClasses?: number;
  /** Add the auxiliary classifier (its logits come back in training mode). */
  auxLogits?: boolean;
  /** Map ImageNet-normalised inputs to [-1, 1], the range the ported Google weights expect. */
  transformInput?: boolean;
  inceptionBlocks?: InceptionBlocks | null;
  initWeights?: boolean | null;
  dropout?: number;
}

export class Inception3 extends nn.Module {
  auxLogits: boolean;
  transformInput: boolean;
  Conv2d_1a_3x3: TensorModule;
  Conv2d_2a_3x3: TensorModule;
  Conv2d_2b_3x3: TensorModule;
  maxpool1: nn.MaxPool2d;
  Conv2d_3b_1x1: TensorModule;
  Conv2d_4a_3x3: TensorModule;
  maxpool2: nn.MaxPool2d;
  Mixed_5b: TensorModule;
  Mixed_5c: TensorModule;
  Mixed_5d: TensorModule;
  Mixed_6a: TensorModule;
  Mixed_6b: TensorModule;
  Mixed_6c: TensorModule;
  Mixed_6d: TensorModule;
  Mixed_6e: TensorModule;
  AuxLogits: TensorModule | null = null;
  Mixed_7a: TensorModule;
  Mixed_7b: TensorModule;
  Mixed_7c: TensorModule;
  avgpool: nn.AdaptiveAvgPool2d;
  dropout: nn.Dropout;
  fc: nn.Linear;

  constructor(options: Inception3Options = {}) {
    super();
    const { numClasses = 1000, auxLogits = true, transformInput = false, dropout = 0.5 } = options;
    const blocks = options.inceptionBlocks ?? [BasicConv2d, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux];
    if (blocks.length !== 7) throw new Error(`inceptionBlocks should hold 7 blocks, got ${blocks.length}`);
    const [conv, a, b, c, d, e, aux] = blocks;
    this.auxLogits = auxLogits;
    this.transformInput = transformInput;
    this.Conv2d_1a_3x3 = new conv(3, 32, { kernelSize: 3, stride: 2 });
    this.Conv2d_2a_3x3 = new conv(32, 32, { kernelSize: 3 });
    this.Conv2d_2b_3x3 = new conv(32, 64, { kernelSize: 3, padding: 1 });
    this.maxpool1 = new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    this.Conv2d_3b_1x1 = new conv(64, 80, { kernelSize: 1 });
    this.Conv2d_4a_3x3 = new conv(80, 192, { kernelSize: 3 });
    this.maxpool2 = new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    this.Mixed_5b = new a(192, 32);
    this.Mixed_5c = new a(256, 64);
    this.Mixed_5d = new a(288, 64);
    this.Mixed_6a = new b(288);
    this.Mixed_6b = new c(768, 128);
    this.Mixed_6c = new c(768, 160);
    this.Mixed_6d = new c(768, 160);
    this.Mixed_6e = new c(768, 192);
    if (auxLogits) this.AuxLogits = new aux(768, numClasses);
    this.Mixed_7a = new d(768);
    this.Mixed_7b = new e(1280);
    this.Mixed_7c = new e(2048);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: dropout });
    this.fc = new nn.Linear(2048, numClasses);
    // torchvision 0.14 initialises unless told not to (it warns that this default will change).
    if (options.initWeights ?? true) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d || m instanceof nn.Linear) {
          const std = (m as { stddev?: number }).stddev ?? 0.1;
          nn.init.truncNormal_(m.weight, { mean: 0, std, a: -2, b: 2 });
        } else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }

  /** Logits, or in training mode with the auxiliary head, InceptionOutputs (logits and auxLogits). */
  forward(x: Tensor): Tensor | InceptionOutputs {
    if (this.transformInput) x = imagenetToUnitRange(x);
    for (const m of [this.Conv2d_1a_3x3, this.Conv2d_2a_3x3, this.Conv2d_2b_3x3]) x = m.forward(x);
    x = this.maxpool1.forward(x) as Tensor;
    x = this.Conv2d_4a_3x3.forward(this.Conv2d_3b_1x1.forward(x));
    x = this.maxpool2.forward(x) as Tensor;
    for (const m of [this.Mixed_5b, this.Mixed_5c, this.Mixed_5d, this.Mixed_6a, this.Mixed_6b, this.Mixed_6c, this.Mixed_6d, this.Mixed_6e]) x = m.forward(x);
    const aux = this.AuxLogits !== null && this.training ? this.AuxLogits.forward(x) : null;
    for (const m of [this.Mixed_7a, this.Mixed_7b, this.Mixed_7c]) x = m.forward(x);
    x = this.dropout.forward(this.avgpool.forward(x));
    x = this.fc.forward(flatten(x, 1));
    return this.training && this.auxLogits ? new InceptionOutputs(x, aux) : x;
  }
}

/** Inception v3 (27M parameters), for 299×299 inputs. */
export const inception_v3 = defineBuilder<Inception3Options, Inception3>(
  'inception_v3',
  'Inception_V3_Weights',
  ['numClasses', 'auxLogits', 'transformInput', 'inceptionBlocks', 'initWeights', 'dropout'],
  (options, loadsWeights) => {
    if (!loadsWeights) return new Inception3(options);
    // As torchvision with its weights: the file's auxiliary head goes in (removed afterwards if not
    // wanted), inputs are transformed unless told otherwise, and initialisation is skipped.
    return new Inception3({ transformInput: true, ...options, auxLogits: true, initWeights: false });
  },
  {
    afterLoad: (model, options) => {
      if (options.auxLogits ?? true) return;
      model.auxLogits = false;
      model.AuxLogits = null;
    },
  },
);
