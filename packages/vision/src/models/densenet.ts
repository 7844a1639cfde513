/**
 * DenseNet-BC (Huang et al., 2016) as torchvision builds it: dense blocks whose layers each see the
 * concatenation of every earlier feature map, with transitions halving channels and size between.
 */
import { adaptiveAvgPool2d, cat, flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { defineBuilder } from './builder';

const F = nn.functional;

export class _DenseLayer extends nn.Module {
  norm1: nn.BatchNorm2d;
  relu1: nn.ReLU;
  conv1: nn.Conv2d;
  norm2: nn.BatchNorm2d;
  relu2: nn.ReLU;
  conv2: nn.Conv2d;
  dropRate: number;
  /**
   * torchvision recomputes the bottleneck in the backward pass to save memory; here the flag is
   * kept for the signature and the layer computes the same numbers the ordinary way.
   */
  memoryEfficient: boolean;

  constructor(numInputFeatures: number, growthRate: number, bnSize: number, dropRate: number, memoryEfficient = false) {
    super();
    this.norm1 = new nn.BatchNorm2d(numInputFeatures);
    this.relu1 = new nn.ReLU(true);
    this.conv1 = new nn.Conv2d(numInputFeatures, bnSize * growthRate, { kernelSize: 1, stride: 1, bias: false });
    this.norm2 = new nn.BatchNorm2d(bnSize * growthRate);
    this.relu2 = new nn.ReLU(true);
    this.conv2 = new nn.Conv2d(bnSize * growthRate, growthRate, { kernelSize: 3, stride: 1, padding: 1, bias: false });
    this.dropRate = dropRate;
    this.memoryEfficient = memoryEfficient;
  }

  /** The 1×1 bottleneck over the concatenated earlier features. */
  bnFunction(inputs: readonly Tensor[]): Tensor {
    const concatenated = inputs.length === 1 ? inputs[0]! : cat([...inputs], 1);
    return this.conv1.forward(this.relu1.forward(this.norm1.forward(concatenated)));
  }

  forward(input: Tensor | readonly Tensor[]): Tensor {
    const prevFeatures = Array.isArray(input) ? (input as readonly Tensor[]) : [input as Tensor];
    const bottleneck = this.bnFunction(prevFeatures);
    const newFeatures = this.conv2.forward(this.relu2.forward(this.norm2.forward(bottleneck)));
    return this.dropRate > 0 ? F.dropout(newFeatures, { p: this.dropRate, training: this.training }) : newFeatures;
  }
}

/** Its layers as children 'denselayer1', … (torchvision's is a ModuleDict; the keys are the same). */
export class _DenseBlock extends nn.Module {
  constructor(numLayers: number, numInputFeatures: number, bnSize: number, growthRate: number, dropRate: number, memoryEfficient = false) {
    super();
    for (let i = 0; i < numLayers; i++) {
      this.addModule(`denselayer${i + 1}`, new _DenseLayer(numInputFeatures + i * growthRate, growthRate, bnSize, dropRate, memoryEfficient));
    }
  }

  forward(initFeatures: Tensor): Tensor {
    return denseBlockForward(this, initFeatures);
  }
}

/**
 * Dense connectivity: each of the block's layers sees every earlier feature map; the block gives them all concatenated.
 *
 * @example
 * forward(x: Tensor): Tensor { return denseBlockForward(this, x); } // in a block whose children take Tensor[]
 */
export function denseBlockForward(block: nn.Module, initFeatures: Tensor): Tensor {
  const features = [initFeatures];
  for (const layer of block.children()) features.push((layer as unknown as { forward(features: readonly Tensor[]): Tensor }).forward(features));
  return cat(features, 1);
}

export class _Transition extends nn.Sequential {
  norm: nn.BatchNorm2d;
  relu: nn.ReLU;
  conv: nn.Conv2d;
  pool: nn.AvgPool2d;

  constructor(numInputFeatures: number, numOutputFeatures: number) {
    super();
    this.norm = new nn.BatchNorm2d(numInputFeatures);
    this.relu = new nn.ReLU(true);
    this.conv = new nn.Conv2d(numInputFeatures, numOutputFeatures, { kernelSize: 1, stride: 1, bias: false });
    this.pool = new nn.AvgPool2d({ kernelSize: 2, stride: 2 });
  }
}

export interface DenseNetOptions {
  /** Channels each layer adds (k in the paper). */
  growthRate?: number;
  /** Layers in each of the four blocks. */
  blockConfig?: readonly [number, number, number, number];
  numInitFeatures?: number;
  /** Bottleneck width as a multiple of the growth rate. */
  bnSize?: number;
  dropRate?: number;
  numClasses?: number;
  memoryEfficient?: boolean;
}

export class DenseNet extends nn.Module {
  features: nn.Sequential;
  classifier: nn.Linear;

  constructor(options: DenseNetOptions = {}) {
    super();
    const { growthRate = 32, blockConfig = [6, 12, 24, 16], numInitFeatures = 64, bnSize = 4, dropRate = 0, numClasses = 1000, memoryEfficient = false } = options;
    this.features = new nn.Sequential(
      new Map<string, nn.Module>([
        ['conv0', new nn.Conv2d(3, numInitFeatures, { kernelSize: 7, stride: 2, padding: 3, bias: false })],
        ['norm0', new nn.BatchNorm2d(numInitFeatures)],
        ['relu0', new nn.ReLU(true)],
        ['pool0', new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 })],
      ]),
    );
    let numFeatures = numInitFeatures;
    blockConfig.forEach((numLayers, i) => {
      this.features.addModule(`denseblock${i + 1}`, new _DenseBlock(numLayers, numFeatures, bnSize, growthRate, dropRate, memoryEfficient));
      numFeatures += numLayers * growthRate;
      if (i !== blockConfig.length - 1) {
        this.features.addModule(`transition${i + 1}`, new _Transition(numFeatures, Math.floor(numFeatures / 2)));
        numFeatures = Math.floor(numFeatures / 2);
      }
    });
    this.features.addModule('norm5', new nn.BatchNorm2d(numFeatures));
    this.classifier = new nn.Linear(numFeatures, numClasses);
    initDenseNetWeights(this);
  }

  forward(x: Tensor): Tensor {
    const features = this.features.forward(x);
    const out = adaptiveAvgPool2d(F.relu(features), [1, 1]);
    return this.classifier.forward(flatten(out, 1));
  }
}

/**
 * torchvision's DenseNet initialisation (timm's keeps it): He-normal convs, unit norms, zero Linear biases.
 *
 * @example
 * models.initDenseNetWeights(model);
 */
export function initDenseNetWeights(model: nn.Module): void {
  for (const m of model.modules()) {
    if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight);
    else if (m instanceof nn.BatchNorm2d) {
      nn.init.constant_(m.weight!, 1);
      nn.init.constant_(m.bias!, 0);
    } else if (m instanceof nn.Linear) nn.init.constant_(m.bias!, 0);
  }
}

// torchvision's published DenseNet files predate its key names: 'denselayer1.norm.1.weight' is
// now 'denselayer1.norm1.weight'.
const OLD_KEY = /^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$/;

/**
 * A DenseNet state dict with torchvision's old key names renamed to the current ones.
 *
 * @example
 * model.loadStateDict(models.renameOldDenseNetKeys(await load('densenet121-a639ec97.pth')));
 */
export function renameOldDenseNetKeys<T>(state: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(state).map(([k, v]) => {
      const m = OLD_KEY.exec(k);
      return [m ? m[1]! + m[2]! : k, v];
    }),
  );
}

function densenetBuilder(name: string, weightsEnum: string, growthRate: number, blockConfig: [number, number, number, number], numInitFeatures: number) {
  return defineBuilder<Omit<DenseNetOptions, 'growthRate' | 'blockConfig' | 'numInitFeatures'>, DenseNet>(
    name,
    weightsEnum,
    ['bnSize', 'dropRate', 'numClasses', 'memoryEfficient'],
    (options) => new DenseNet({ ...options, growthRate, blockConfig, numInitFeatures }),
    { prepareState: renameOldDenseNetKeys },
  );
}

/** DenseNet-121. */
export const densenet121 = densenetBuilder('densenet121', 'DenseNet121_Weights', 32, [6, 12, 24, 16], 64);
/** DenseNet-161. */
export const densenet161 = densenetBuilder('densenet161', 'DenseNet161_Weights', 48, [6, 12, 36, 24], 96);
/** DenseNet-169. */
export const densenet169 = densenetBuilder('densenet169', 'DenseNet169_Weights', 32, [6, 12, 32, 32], 64);
/** DenseNet-201. */
export const densenet201 = densenetBuilder('densenet201', 'DenseNet201_Weights', 32, [6, 12, 48, 32], 64);
