/**
 * timm's MobileNetV3 (models/mobilenetv3.py): the EfficientNet trunk with MobileNetV3's efficient
 * head, which pools before the head conv and has no norm after it; the builders
 * mobilenetv3_large_100 and mobilenetv3_small_100.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../../module-call';
import { SelectAdaptivePool2d, createConv2d, getActLayer, type ActLayer } from '../../layers/index';
import { takeArgs } from '../../model-args';
import type { BuildArgs, ModelEntrypoint } from '../../registry';
import type { TimmModel } from '../../hub-model';
import { decodeArchDef, type BlockArgs } from './arch-def';
import { batchNormAct, resolveBnArgs, SqueezeExcite, type BatchNormArgs } from './blocks';
import { buildTrunk, roundChannels, type RatioSeLayer } from './builder';
import { efficientnetInitWeights } from './init-weights';

export interface MobileNetV3Options {
  numClasses?: number;
  inChans?: number;
  stemSize?: number;
  fixStem?: boolean;
  /** Channels of the head conv after pooling. */
  numFeatures?: number;
  headBias?: boolean;
  /** A norm+act after the head conv (MobileNetV4) instead of an activation alone. */
  headNorm?: boolean;
  padType?: string;
  actLayer?: string | ActLayer;
  bnArgs?: BatchNormArgs;
  seLayer?: RatioSeLayer;
  /** Size SE layers from the expanded (mid) channels. */
  seFromExp?: boolean;
  roundChsFn?: (channels: number) => number;
  dropRate?: number;
  dropPathRate?: number;
  globalPool?: string;
}

/** timm's MobileNetV3 SE: ReLU whatever the block's activation, a hard-sigmoid gate, channels made divisible by 8. */
const mobilenetv3Se: RatioSeLayer = (channels, actLayer, rdRatio) =>
  new SqueezeExcite(channels, { rdRatio, actLayer, gateLayer: 'hard_sigmoid', forceActLayer: 'relu', rdRoundFn: (c) => roundChannels(c) });

export class MobileNetV3 extends nn.Module implements TimmModel {
  numClasses: number;
  readonly inChans: number;
  readonly dropRate: number;
  /** Channels of the last stage (forwardFeatures' output). */
  readonly numFeatures: number;
  /** Channels of the head conv (forwardHead's pre-logits). */
  readonly headHiddenSize: number;
  conv_stem: nn.Conv2d;
  bn1: nn.Module;
  blocks: nn.Sequential;
  global_pool: SelectAdaptivePool2d;
  conv_head: nn.Conv2d;
  norm_head: nn.Module;
  act2: nn.Module;
  flatten: nn.Module;
  classifier: nn.Module;

  constructor(blockArgs: readonly (readonly BlockArgs[])[], options: MobileNetV3Options = {}) {
    super();
    const { numClasses = 1000, inChans = 3, fixStem = false, numFeatures = 1280, headBias = true, headNorm = false, padType = '', bnArgs = {}, seLayer = mobilenetv3Se, seFromExp = true, roundChsFn = roundChannels, dropRate = 0, dropPathRate = 0, globalPool = 'avg' } = options;
    const actLayer = getActLayer(options.actLayer ?? 'relu');
    this.numClasses = numClasses;
    this.inChans = inChans;
    this.dropRate = dropRate;

    const trunk = buildTrunk(blockArgs, { inChans, stemSize: options.stemSize ?? 16, fixStem, padType, roundChsFn, seFromExp, actLayer, bnArgs, seLayer, dropPathRate });
    this.conv_stem = trunk.convStem;
    this.bn1 = trunk.bn1;
    this.blocks = trunk.blocks;
    this.numFeatures = trunk.outChs;
    this.headHiddenSize = numFeatures;

    this.global_pool = new SelectAdaptivePool2d({ poolType: globalPool });
    const numPooledChs = this.numFeatures * this.global_pool.featMult();
    if (headNorm) {
      this.conv_head = createConv2d(numPooledChs, this.headHiddenSize, 1, { padding: padType, bias: false });
      this.norm_head = batchNormAct(actLayer, bnArgs)(this.headHiddenSize);
      this.act2 = new nn.Identity();
    } else {
      this.conv_head = createConv2d(numPooledChs, this.headHiddenSize, 1, { padding: padType, bias: headBias });
      this.norm_head = new nn.Identity();
      this.act2 = actLayer(true);
    }
    this.flatten = globalPool ? new nn.Flatten(1) : new nn.Identity();
    this.classifier = numClasses > 0 ? new nn.Linear(this.headHiddenSize, numClasses) : new nn.Identity();
    efficientnetInitWeights(this);
  }

  getClassifier(): nn.Module {
    return this.classifier;
  }

  /** A new classifier and pooling; the head conv keeps its input channels, so a pooling that changes them (catavgmax) does not fit. */
  resetClassifier(numClasses: number, globalPool = 'avg'): void {
    this.numClasses = numClasses;
    this.global_pool = new SelectAdaptivePool2d({ poolType: globalPool });
    this.flatten = globalPool ? new nn.Flatten(1) : new nn.Identity();
    this.classifier = numClasses > 0 ? new nn.Linear(this.headHiddenSize, numClasses) : new nn.Identity();
  }

  forwardFeatures(x: Tensor): Tensor {
    x = forwardTensor(this.bn1, this.conv_stem.forward(x));
    return this.blocks.forward(x) as Tensor;
  }

  forwardHead(x: Tensor, preLogits = false): Tensor {
    x = this.conv_head.forward(this.global_pool.forward(x));
    x = forwardTensor(this.flatten, forwardTensor(this.act2, forwardTensor(this.norm_head, x)));
    if (this.dropRate > 0) x = nn.functional.dropout(x, this.dropRate, this.training);
    return preLogits ? x : forwardTensor(this.classifier, x);
  }

  forward(x: Tensor): Tensor {
    return this.forwardHead(this.forwardFeatures(x));
  }
}

const LARGE_ARCH_DEF = [
  ['ds_r1_k3_s1_e1_c16_nre'],
  ['ir_r1_k3_s2_e4_c24_nre', 'ir_r1_k3_s1_e3_c24_nre'],
  ['ir_r3_k5_s2_e3_c40_se0.25_nre'],
  ['ir_r1_k3_s2_e6_c80', 'ir_r1_k3_s1_e2.5_c80', 'ir_r2_k3_s1_e2.3_c80'],
  ['ir_r2_k3_s1_e6_c112_se0.25'],
  ['ir_r3_k5_s2_e6_c160_se0.25'],
  ['cn_r1_k1_s1_c960'],
];

const SMALL_ARCH_DEF = [
  ['ds_r1_k3_s2_e1_c16_se0.25_nre'],
  ['ir_r1_k3_s2_e4.5_c24_nre', 'ir_r1_k3_s1_e3.67_c24_nre'],
  ['ir_r1_k5_s2_e4_c40_se0.25', 'ir_r2_k5_s1_e6_c40_se0.25'],
  ['ir_r2_k5_s1_e3_c48_se0.25'],
  ['ir_r3_k5_s2_e6_c96_se0.25'],
  ['cn_r1_k1_s1_c576'],
];

/** timm's _gen_mobilenet_v3 (the hard-swish variants): the large or small stages, widths scaled by channelMultiplier. */
function genMobileNetV3(name: string, size: 'large' | 'small', channelMultiplier: number, args: BuildArgs): MobileNetV3 {
  const a = takeArgs(name, args, {
    globalPool: 'avg',
    dropRate: 0,
    dropPathRate: 0,
    depthMultiplier: 1,
    groupSize: undefined as number | undefined,
    headBias: true,
    actLayer: 'hard_swish' as string | ActLayer,
    bnMomentum: undefined as number | undefined,
    bnEps: undefined as number | undefined,
  });
  return new MobileNetV3(decodeArchDef(size === 'large' ? LARGE_ARCH_DEF : SMALL_ARCH_DEF, { depthMultiplier: a.depthMultiplier, groupSize: a.groupSize ?? null }), {
    numClasses: a.numClasses,
    inChans: a.inChans,
    globalPool: a.globalPool,
    dropRate: a.dropRate,
    dropPathRate: a.dropPathRate,
    headBias: a.headBias,
    actLayer: a.actLayer,
    bnArgs: resolveBnArgs(a),
    numFeatures: size === 'large' ? 1280 : 1024,
    stemSize: 16,
    fixStem: channelMultiplier < 0.75,
    roundChsFn: (c) => roundChannels(c, channelMultiplier),
  });
}

export const mobilenetv3Entrypoints: readonly ModelEntrypoint[] = [
  { name: 'mobilenetv3_large_100', module: 'mobilenetv3', build: (args) => genMobileNetV3('mobilenetv3_large_100', 'large', 1.0, args) },
  { name: 'mobilenetv3_small_100', module: 'mobilenetv3', build: (args) => genMobileNetV3('mobilenetv3_small_100', 'small', 1.0, args) },
];
