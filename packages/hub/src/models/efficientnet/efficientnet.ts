/**
 * timm's EfficientNet (models/efficientnet.py): stem conv → stages of MBConv-style blocks built from
 * block strings → 1×1 head conv → pooled classifier; the builders efficientnet_b0–b3 (width and
 * depth multipliers of the paper's compound scaling) and timm's tiny test_efficientnet.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../../module-call';
import { createClassifier, createConv2d, getActLayer, type SelectAdaptivePool2d, type ActLayer } from '../../layers/index';
import { takeArgs } from '../../model-args';
import type { BuildArgs, ModelEntrypoint } from '../../registry';
import type { TimmModel } from '../../hub-model';
import { decodeArchDef, type BlockArgs } from './arch-def';
import { batchNormAct, resolveBnArgs, SqueezeExcite, type BatchNormArgs } from './blocks';
import { buildTrunk, roundChannels, type RatioSeLayer } from './builder';
import { efficientnetInitWeights } from './init-weights';
import { PoolClassifierModel } from '../classifier-reset';

export interface EfficientNetOptions {
  numClasses?: number;
  /** Channels of the head conv (0: no head conv, the last stage's channels are the features). */
  numFeatures?: number;
  inChans?: number;
  stemSize?: number;
  stemKernelSize?: number;
  /** Keep the stem's channels unscaled by roundChsFn. */
  fixStem?: boolean;
  outputStride?: number;
  padType?: string;
  /** The default activation (a timm name or a layer maker); ReLU when unset. */
  actLayer?: string | ActLayer;
  bnArgs?: BatchNormArgs;
  seLayer?: RatioSeLayer;
  roundChsFn?: (channels: number) => number;
  dropRate?: number;
  dropPathRate?: number;
  globalPool?: string;
}

/** timm's default SE for EfficientNet: the block's activation, a sigmoid gate, channels rounded half-even. */
const efficientnetSe: RatioSeLayer = (channels, actLayer, rdRatio) => new SqueezeExcite(channels, { rdRatio, actLayer });

export class EfficientNet extends PoolClassifierModel implements TimmModel {
  override numClasses: number;
  readonly inChans: number;
  readonly dropRate: number;
  readonly numFeatures: number;
  readonly headHiddenSize: number;
  conv_stem: nn.Conv2d;
  bn1: nn.Module;
  blocks: nn.Sequential;
  conv_head: nn.Module;
  bn2: nn.Module;
  override global_pool: SelectAdaptivePool2d;
  override classifier: nn.Module;

  constructor(blockArgs: readonly (readonly BlockArgs[])[], options: EfficientNetOptions = {}) {
    super();
    const { numClasses = 1000, numFeatures = 1280, inChans = 3, stemKernelSize = 3, fixStem = false, outputStride = 32, padType = '', bnArgs = {}, seLayer = efficientnetSe, roundChsFn = roundChannels, dropRate = 0, dropPathRate = 0, globalPool = 'avg' } = options;
    const actLayer = getActLayer(options.actLayer ?? 'relu');
    this.numClasses = numClasses;
    this.inChans = inChans;
    this.dropRate = dropRate;

    const trunk = buildTrunk(blockArgs, { inChans, stemSize: options.stemSize ?? 32, stemKernelSize, fixStem, outputStride, padType, roundChsFn, actLayer, bnArgs, seLayer, dropPathRate });
    this.conv_stem = trunk.convStem;
    this.bn1 = trunk.bn1;
    this.blocks = trunk.blocks;
    const headChs = trunk.outChs;

    if (numFeatures > 0) {
      this.conv_head = createConv2d(headChs, numFeatures, 1, { padding: padType });
      this.bn2 = batchNormAct(actLayer, bnArgs)(numFeatures);
      this.numFeatures = this.headHiddenSize = numFeatures;
    } else {
      this.conv_head = new nn.Identity();
      this.bn2 = new nn.Identity();
      this.numFeatures = this.headHiddenSize = headChs;
    }
    [this.global_pool, this.classifier] = createClassifier(this.numFeatures, numClasses, globalPool);
    efficientnetInitWeights(this);
  }

  forwardFeatures(x: Tensor): Tensor {
    x = forwardTensor(this.bn1, this.conv_stem.forward(x));
    x = this.blocks.forward(x) as Tensor;
    return forwardTensor(this.bn2, forwardTensor(this.conv_head, x));
  }

  forwardHead(x: Tensor, preLogits = false): Tensor {
    x = this.global_pool.forward(x);
    if (this.dropRate > 0) x = nn.functional.dropout(x, this.dropRate, this.training);
    return preLogits ? x : forwardTensor(this.classifier, x);
  }

  forward(x: Tensor): Tensor {
    return this.forwardHead(this.forwardFeatures(x));
  }
}

/** The EfficientNet options every builder passes through from createModel (timm's model kwargs). */
const MODEL_ARG_DEFAULTS = {
  globalPool: 'avg',
  dropRate: 0,
  dropPathRate: 0,
  outputStride: 32,
  fixStem: false,
  actLayer: undefined as string | ActLayer | undefined,
  bnMomentum: undefined as number | undefined,
  bnEps: undefined as number | undefined,
};

type EfficientNetArgs = typeof MODEL_ARG_DEFAULTS & BuildArgs;

function modelOptions(a: EfficientNetArgs, defaultAct: string): EfficientNetOptions {
  return {
    numClasses: a.numClasses,
    inChans: a.inChans,
    globalPool: a.globalPool,
    dropRate: a.dropRate,
    dropPathRate: a.dropPathRate,
    outputStride: a.outputStride,
    fixStem: a.fixStem,
    actLayer: a.actLayer ?? defaultAct,
    bnArgs: resolveBnArgs(a),
  };
}

const EFFICIENTNET_ARCH_DEF = [
  ['ds_r1_k3_s1_e1_c16_se0.25'],
  ['ir_r2_k3_s2_e6_c24_se0.25'],
  ['ir_r2_k5_s2_e6_c40_se0.25'],
  ['ir_r3_k3_s2_e6_c80_se0.25'],
  ['ir_r3_k5_s1_e6_c112_se0.25'],
  ['ir_r4_k5_s2_e6_c192_se0.25'],
  ['ir_r1_k3_s1_e6_c320_se0.25'],
];

/** timm's _gen_efficientnet: the B0 stages scaled by width (channelMultiplier) and depth (depthMultiplier). */
function genEfficientNet(name: string, channelMultiplier: number, depthMultiplier: number, args: BuildArgs): EfficientNet {
  const a = takeArgs(name, args, { ...MODEL_ARG_DEFAULTS, channelDivisor: 8, groupSize: undefined as number | undefined });
  const roundChsFn = (c: number): number => roundChannels(c, channelMultiplier, a.channelDivisor);
  return new EfficientNet(decodeArchDef(EFFICIENTNET_ARCH_DEF, { depthMultiplier, groupSize: a.groupSize ?? null }), {
    ...modelOptions(a, 'swish'),
    numFeatures: roundChsFn(1280),
    stemSize: 32,
    roundChsFn,
  });
}

/** timm's _gen_test_efficientnet: one block of each kind, small enough for tests. */
function genTestEfficientNet(name: string, args: BuildArgs): EfficientNet {
  const a = takeArgs(name, args, { ...MODEL_ARG_DEFAULTS, channelMultiplier: 1, depthMultiplier: 1 });
  const archDef = [
    ['cn_r1_k3_s1_e1_c16_skip'],
    ['er_r1_k3_s2_e4_c24'],
    ['er_r1_k3_s2_e4_c32'],
    ['ir_r1_k3_s2_e4_c48_se0.25'],
    ['ir_r1_k3_s2_e4_c64_se0.25'],
  ];
  const roundChsFn = (c: number): number => roundChannels(c, a.channelMultiplier, 8, null, 0);
  return new EfficientNet(decodeArchDef(archDef, { depthMultiplier: a.depthMultiplier }), {
    ...modelOptions(a, 'silu'),
    numFeatures: roundChsFn(256),
    stemSize: 24,
    roundChsFn,
  });
}

const effnet = (name: string, channelMultiplier: number, depthMultiplier: number): ModelEntrypoint => ({
  name,
  module: 'efficientnet',
  build: (args) => genEfficientNet(name, channelMultiplier, depthMultiplier, args),
});

export const efficientnetEntrypoints: readonly ModelEntrypoint[] = [
  effnet('efficientnet_b0', 1.0, 1.0),
  effnet('efficientnet_b1', 1.0, 1.1),
  effnet('efficientnet_b2', 1.1, 1.2),
  effnet('efficientnet_b3', 1.2, 1.4),
  { name: 'test_efficientnet', module: 'efficientnet', build: (args) => genTestEfficientNet('test_efficientnet', args) },
];
