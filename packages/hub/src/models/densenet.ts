/**
 * timm's DenseNet (models/densenet.py): torchvision's DenseNet-BC with BatchNormAct2d in place of
 * norm + ReLU pairs, a selectable global pool, an optional deep 3×3 stem, and timm's names, so timm's
 * (and, through the checkpoint filter, torchvision's) weights load unchanged.
 */
import { cat, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { models as visionModels } from '@x/vision';
import type { TimmModel } from '../hub-model';
import { getActLayer, type ActLayer } from '../layers/create-act';
import { BatchNormAct2d } from '../layers/norm-act';
import { createClassifier } from '../layers/classifier';
import type { SelectAdaptivePool2d } from '../layers/adaptive-pool';
import { takeArgs } from '../model-args';
import { forwardTensor } from '../module-call';
import { PoolClassifierModel } from './classifier-reset';
import type { BuildArgs, ModelEntrypoint } from '../registry';

const F = nn.functional;

/** Makes the norm + activation layer for `numFeatures` channels (timm's norm_layer after get_norm_act_layer). */
export type DenseNormLayer = (numFeatures: number) => nn.Module;

const batchNormAct2d: DenseNormLayer = (numFeatures) => new BatchNormAct2d(numFeatures);

/** Norm → ReLU → 1×1 bottleneck over the concatenated earlier features, then norm → ReLU → 3×3. */
export class DenseLayer extends nn.Module {
  norm1: nn.Module;
  conv1: nn.Conv2d;
  norm2: nn.Module;
  conv2: nn.Conv2d;
  readonly dropRate: number;

  constructor(numInputFeatures: number, growthRate: number, bnSize: number, normLayer: DenseNormLayer = batchNormAct2d, dropRate = 0) {
    super();
    this.norm1 = normLayer(numInputFeatures);
    this.conv1 = new nn.Conv2d(numInputFeatures, bnSize * growthRate, 1, { stride: 1, bias: false });
    this.norm2 = normLayer(bnSize * growthRate);
    this.conv2 = new nn.Conv2d(bnSize * growthRate, growthRate, 3, { stride: 1, padding: 1, bias: false });
    this.dropRate = dropRate;
  }

  forward(x: Tensor | readonly Tensor[]): Tensor {
    const prevFeatures = Array.isArray(x) ? (x as readonly Tensor[]) : [x as Tensor];
    const bottleneck = this.conv1.forward(forwardTensor(this.norm1, cat([...prevFeatures], 1)));
    const newFeatures = this.conv2.forward(forwardTensor(this.norm2, bottleneck));
    return this.dropRate > 0 ? F.dropout(newFeatures, { p: this.dropRate, training: this.training }) : newFeatures;
  }
}

/** Layers 'denselayer1', … each seeing every earlier output; the block returns them all concatenated. */
export class DenseBlock extends nn.Module {
  constructor(numLayers: number, numInputFeatures: number, bnSize: number, growthRate: number, normLayer: DenseNormLayer = batchNormAct2d, dropRate = 0) {
    super();
    for (let i = 0; i < numLayers; i++) {
      this.addModule(`denselayer${i + 1}`, new DenseLayer(numInputFeatures + i * growthRate, growthRate, bnSize, normLayer, dropRate));
    }
  }

  forward(initFeatures: Tensor): Tensor {
    return visionModels.denseBlockForward(this, initFeatures);
  }
}

/** Between blocks: norm → ReLU → 1×1 conv to `numOutputFeatures` → 2×2 average pool. */
export class DenseTransition extends nn.Sequential {
  norm: nn.Module;
  conv: nn.Conv2d;
  pool: nn.AvgPool2d;

  constructor(numInputFeatures: number, numOutputFeatures: number, normLayer: DenseNormLayer = batchNormAct2d) {
    super();
    this.norm = normLayer(numInputFeatures);
    this.conv = new nn.Conv2d(numInputFeatures, numOutputFeatures, 1, { stride: 1, bias: false });
    this.pool = new nn.AvgPool2d(2, { stride: 2 });
  }
}

const STEM_TYPES = ['', 'deep', 'deep_tiered', 'deep_tiered_narrow'] as const;
export type DenseNetStemType = (typeof STEM_TYPES)[number];

export interface DenseNetOptions {
  /** Channels each layer adds (k in the paper). */
  growthRate?: number;
  /** Layers in each block. */
  blockConfig?: readonly number[];
  numClasses?: number;
  inChans?: number;
  globalPool?: string;
  /** Bottleneck width as a multiple of the growth rate. */
  bnSize?: number;
  /** '' (a 7×7 conv), 'deep' (three 3×3 convs), 'deep_tiered' or 'deep_tiered_narrow' (other stem widths). */
  stemType?: DenseNetStemType;
  /** The activation after each norm, by name ('relu', 'silu', ...) or maker. */
  actLayer?: string | ActLayer;
  /** Dropout before the classifier. */
  dropRate?: number;
  /** Dropout after each dense layer. */
  projDropRate?: number;
}

export class DenseNet extends PoolClassifierModel implements TimmModel {
  features: nn.Sequential;
  override global_pool: SelectAdaptivePool2d;
  head_drop: nn.Dropout;
  override classifier: nn.Module;
  override numClasses: number;
  readonly inChans: number;
  readonly numFeatures: number;

  constructor(options: DenseNetOptions = {}) {
    super();
    const { growthRate = 32, blockConfig = [6, 12, 24, 16], numClasses = 1000, inChans = 3, globalPool = 'avg', bnSize = 4, stemType = '', actLayer = 'relu', dropRate = 0, projDropRate = 0 } = options;
    checkPositiveInteger('growthRate', growthRate);
    checkPositiveInteger('bnSize', bnSize);
    if (!Array.isArray(blockConfig) || blockConfig.length === 0 || !blockConfig.every((n) => Number.isInteger(n) && n > 0)) {
      throw new Error(`DenseNet: expected blockConfig to be a non-empty array of positive integers (layers per block), got ${JSON.stringify(blockConfig)}`);
    }
    if (!(STEM_TYPES as readonly string[]).includes(stemType)) {
      throw new Error(`DenseNet: expected stemType to be one of ${STEM_TYPES.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(stemType)}`);
    }
    this.numClasses = numClasses;
    this.inChans = inChans;
    const act = getActLayer(actLayer);
    const norm: DenseNormLayer = (numFeatures) => new BatchNormAct2d(numFeatures, { actLayer: () => act(true) });

    const numInitFeatures = growthRate * 2;
    const stemPool = new nn.MaxPool2d(3, { stride: 2, padding: 1 });
    if (stemType.includes('deep')) {
      let stemChs1 = growthRate;
      let stemChs2 = growthRate;
      if (stemType.includes('tiered')) {
        stemChs1 = 3 * Math.floor(growthRate / 4);
        stemChs2 = stemType.includes('narrow') ? numInitFeatures : 6 * Math.floor(growthRate / 4);
      }
      this.features = new nn.Sequential(
        new Map<string, nn.Module>([
          ['conv0', new nn.Conv2d(inChans, stemChs1, 3, { stride: 2, padding: 1, bias: false })],
          ['norm0', norm(stemChs1)],
          ['conv1', new nn.Conv2d(stemChs1, stemChs2, 3, { stride: 1, padding: 1, bias: false })],
          ['norm1', norm(stemChs2)],
          ['conv2', new nn.Conv2d(stemChs2, numInitFeatures, 3, { stride: 1, padding: 1, bias: false })],
          ['norm2', norm(numInitFeatures)],
          ['pool0', stemPool],
        ]),
      );
    } else {
      this.features = new nn.Sequential(
        new Map<string, nn.Module>([
          ['conv0', new nn.Conv2d(inChans, numInitFeatures, 7, { stride: 2, padding: 3, bias: false })],
          ['norm0', norm(numInitFeatures)],
          ['pool0', stemPool],
        ]),
      );
    }

    let numFeatures = numInitFeatures;
    blockConfig.forEach((numLayers, i) => {
      this.features.addModule(`denseblock${i + 1}`, new DenseBlock(numLayers, numFeatures, bnSize, growthRate, norm, projDropRate));
      numFeatures += numLayers * growthRate;
      if (i !== blockConfig.length - 1) {
        this.features.addModule(`transition${i + 1}`, new DenseTransition(numFeatures, Math.floor(numFeatures / 2), norm));
        numFeatures = Math.floor(numFeatures / 2);
      }
    });
    this.features.addModule('norm5', norm(numFeatures));
    this.numFeatures = numFeatures;

    const [pool, classifier] = createClassifier(numFeatures, numClasses, globalPool);
    this.global_pool = pool;
    this.head_drop = new nn.Dropout(dropRate);
    this.classifier = classifier;

    visionModels.initDenseNetWeights(this);
  }

  forwardFeatures(x: Tensor): Tensor {
    return this.features.forward(x);
  }

  forwardHead(x: Tensor, preLogits = false): Tensor {
    x = this.head_drop.forward(this.global_pool.forward(x));
    return preLogits ? x : forwardTensor(this.classifier, x);
  }

  forward(x: Tensor): Tensor {
    return this.forwardHead(this.forwardFeatures(x));
  }
}

function checkPositiveInteger(name: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) <= 0) throw new Error(`DenseNet: expected ${name} to be a positive integer, got ${JSON.stringify(value)}`);
}

function densenet(name: string, growthRate: number, blockConfig: readonly number[]): ModelEntrypoint {
  return {
    name,
    module: 'densenet',
    build: (args: BuildArgs) => new DenseNet(takeArgs(name, args, { growthRate, blockConfig, globalPool: 'avg', bnSize: 4, stemType: '' as DenseNetStemType, actLayer: 'relu' as string | ActLayer, dropRate: 0, projDropRate: 0 })),
    // torchvision's DenseNet files predate its current key names ('denselayer1.norm.1.weight').
    checkpointFilter: (state) => visionModels.renameOldDenseNetKeys(state),
  };
}

/** The DenseNet architectures, by timm's names. */
export const densenetEntrypoints: readonly ModelEntrypoint[] = [
  densenet('densenet121', 32, [6, 12, 24, 16]),
  densenet('densenet161', 48, [6, 12, 36, 24]),
  densenet('densenet169', 32, [6, 12, 32, 32]),
  densenet('densenet201', 32, [6, 12, 48, 32]),
];
