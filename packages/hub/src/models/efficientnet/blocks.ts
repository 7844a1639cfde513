/**
 * The blocks timm's EfficientNet and MobileNetV3 are built from (_efficientnet_blocks.py): squeeze-
 * and-excitation, conv-bn-act, depthwise-separable, inverted residual (MBConv) and edge residual
 * (FusedMBConv), with timm's attribute names, so checkpoints and printed forms match.
 */
import { roundHalfEven, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../../module-call';
import { BatchNormAct2d, dropPathOrIdentity, createConv2d, getActLayer, makeDivisible, type ActLayer } from '../../layers/index';

/** Makes a norm layer with its activation (timm's norm_act_layer); applyAct false leaves it linear. */
export type NormActLayer = (numFeatures: number, applyAct?: boolean) => nn.Module;

/** The batch-norm settings timm's builders take as bn_eps and bn_momentum. */
export interface BatchNormArgs {
  eps?: number;
  momentum?: number;
}

/** timm's resolve_bn_args: only the settings given, so BatchNorm2d's defaults fill the rest. */
export function resolveBnArgs({ bnEps, bnMomentum }: { bnEps?: number | undefined; bnMomentum?: number | undefined }): BatchNormArgs {
  return { ...(bnEps !== undefined ? { eps: bnEps } : {}), ...(bnMomentum !== undefined ? { momentum: bnMomentum } : {}) };
}

/** timm's get_norm_act_layer for BatchNorm2d: BatchNormAct2d with the block's activation, in place. */
export function batchNormAct(actLayer: ActLayer, { eps = 1e-5, momentum = 0.1 }: BatchNormArgs = {}): NormActLayer {
  return (numFeatures, applyAct = true) => new BatchNormAct2d(numFeatures, { eps, momentum, applyAct, actLayer: () => actLayer(true) });
}

/** Makes a squeeze-and-excitation layer for `channels`, given the containing block's activation. */
export type SeLayer = (channels: number, actLayer: ActLayer) => nn.Module;

/** Groups of a convolution: 0 or no group size → 1; otherwise channels / groupSize (1: depthwise). */
export function numGroups(groupSize: number | null | undefined, channels: number): number {
  if (!groupSize) return 1;
  if (channels % groupSize !== 0) throw new Error(`group size ${groupSize} does not divide ${channels} channels`);
  return channels / groupSize;
}

export interface SqueezeExciteOptions {
  rdRatio?: number;
  /** The reduced channels (default: rdRoundFn(channels · rdRatio)). */
  rdChannels?: number | null;
  actLayer?: string | ActLayer;
  gateLayer?: string | ActLayer;
  /** Replaces the block's activation when set. */
  forceActLayer?: string | ActLayer | null;
  rdRoundFn?: (channels: number) => number;
}

/** Squeeze-and-excitation with the block's activation and a chosen gate: x · gate(expand(act(reduce(mean(x))))). */
export class SqueezeExcite extends nn.Module {
  conv_reduce: nn.Conv2d;
  act1: nn.Module;
  conv_expand: nn.Conv2d;
  gate: nn.Module;

  constructor(inChs: number, { rdRatio = 0.25, rdChannels = null, actLayer = 'relu', gateLayer = 'sigmoid', forceActLayer = null, rdRoundFn = roundHalfEven }: SqueezeExciteOptions = {}) {
    super();
    const rd = rdChannels ?? rdRoundFn(inChs * rdRatio);
    this.conv_reduce = new nn.Conv2d(inChs, rd, 1, { bias: true });
    this.act1 = getActLayer(forceActLayer ?? actLayer)(true);
    this.conv_expand = new nn.Conv2d(rd, inChs, 1, { bias: true });
    this.gate = getActLayer(gateLayer)();
  }

  forward(x: Tensor): Tensor {
    let se = x.mean([2, 3], true);
    se = forwardTensor(this.act1, this.conv_reduce.forward(se));
    return x.mul(forwardTensor(this.gate, this.conv_expand.forward(se)));
  }
}

/** What every block takes from the builder. */
export interface BlockOptions {
  inChs: number;
  outChs: number;
  stride?: number;
  dilation?: number;
  groupSize?: number;
  padType?: string;
  actLayer: ActLayer;
  normActLayer: NormActLayer;
  seLayer?: SeLayer | null;
  dropPathRate?: number;
}

function residual(x: Tensor, shortcut: Tensor, hasSkip: boolean, dropPath: nn.Module): Tensor {
  return hasSkip ? forwardTensor(dropPath, x).add(shortcut) : x;
}

export interface ConvBnActOptions extends BlockOptions {
  kernelSize: number;
  /** A shortcut when the shape allows (timm's 'skip' in the block string). */
  skip?: boolean;
}

/** Conv → norm+act, with an optional shortcut. */
export class ConvBnAct extends nn.Module {
  readonly hasSkip: boolean;
  conv: nn.Conv2d;
  bn1: nn.Module;
  aa: nn.Module;
  drop_path: nn.Module;

  constructor({ inChs, outChs, kernelSize, stride = 1, dilation = 1, groupSize = 0, padType = '', skip = false, normActLayer, dropPathRate = 0 }: ConvBnActOptions) {
    super();
    this.hasSkip = skip && stride === 1 && inChs === outChs;
    this.conv = createConv2d(inChs, outChs, kernelSize, { stride, dilation, groups: numGroups(groupSize, inChs), padding: padType });
    this.bn1 = normActLayer(outChs);
    this.aa = new nn.Identity();
    this.drop_path = dropPathOrIdentity(dropPathRate);
  }

  forward(x: Tensor): Tensor {
    const y = forwardTensor(this.aa, forwardTensor(this.bn1, this.conv.forward(x)));
    return residual(y, x, this.hasSkip, this.drop_path);
  }
}

export interface DepthwiseSeparableConvOptions extends BlockOptions {
  dwKernelSize?: number;
  pwKernelSize?: number;
  noskip?: boolean;
  /** An activation after the pointwise conv too ('dsa' blocks). */
  pwAct?: boolean;
}

/** Depthwise k×k → norm+act → [SE] → pointwise 1×1 → norm (+act), with a shortcut when the shape allows. */
export class DepthwiseSeparableConv extends nn.Module {
  readonly hasSkip: boolean;
  readonly hasPwAct: boolean;
  conv_dw: nn.Conv2d;
  bn1: nn.Module;
  aa: nn.Module;
  se: nn.Module;
  conv_pw: nn.Conv2d;
  bn2: nn.Module;
  drop_path: nn.Module;

  constructor(o: DepthwiseSeparableConvOptions) {
    super();
    const { inChs, outChs, dwKernelSize = 3, stride = 1, dilation = 1, groupSize = 1, padType = '', noskip = false, pwKernelSize = 1, pwAct = false } = o;
    this.hasSkip = stride === 1 && inChs === outChs && !noskip;
    this.hasPwAct = pwAct;
    this.conv_dw = createConv2d(inChs, inChs, dwKernelSize, { stride, dilation, padding: padType, groups: numGroups(groupSize, inChs) });
    this.bn1 = o.normActLayer(inChs);
    this.aa = new nn.Identity();
    this.se = o.seLayer ? o.seLayer(inChs, o.actLayer) : new nn.Identity();
    this.conv_pw = createConv2d(inChs, outChs, pwKernelSize, { padding: padType });
    this.bn2 = o.normActLayer(outChs, this.hasPwAct);
    this.drop_path = dropPathOrIdentity(o.dropPathRate ?? 0);
  }

  forward(x: Tensor): Tensor {
    let y = forwardTensor(this.aa, forwardTensor(this.bn1, this.conv_dw.forward(x)));
    y = forwardTensor(this.bn2, this.conv_pw.forward(forwardTensor(this.se, y)));
    return residual(y, x, this.hasSkip, this.drop_path);
  }
}

export interface InvertedResidualOptions extends BlockOptions {
  dwKernelSize?: number;
  expKernelSize?: number;
  pwKernelSize?: number;
  expRatio?: number;
  noskip?: boolean;
}

/** MBConv: pointwise expansion → depthwise k×k → [SE] → pointwise linear projection, with a shortcut when the shape allows. */
export class InvertedResidual extends nn.Module {
  readonly hasSkip: boolean;
  conv_pw: nn.Conv2d;
  bn1: nn.Module;
  conv_dw: nn.Conv2d;
  bn2: nn.Module;
  aa: nn.Module;
  se: nn.Module;
  conv_pwl: nn.Conv2d;
  bn3: nn.Module;
  drop_path: nn.Module;

  constructor(o: InvertedResidualOptions) {
    super();
    const { inChs, outChs, dwKernelSize = 3, stride = 1, dilation = 1, groupSize = 1, padType = '', noskip = false, expRatio = 1, expKernelSize = 1, pwKernelSize = 1 } = o;
    this.hasSkip = inChs === outChs && stride === 1 && !noskip;
    const midChs = makeDivisible(inChs * expRatio);
    this.conv_pw = createConv2d(inChs, midChs, expKernelSize, { padding: padType });
    this.bn1 = o.normActLayer(midChs);
    this.conv_dw = createConv2d(midChs, midChs, dwKernelSize, { stride, dilation, groups: numGroups(groupSize, midChs), padding: padType });
    this.bn2 = o.normActLayer(midChs);
    this.aa = new nn.Identity();
    this.se = o.seLayer ? o.seLayer(midChs, o.actLayer) : new nn.Identity();
    this.conv_pwl = createConv2d(midChs, outChs, pwKernelSize, { padding: padType });
    this.bn3 = o.normActLayer(outChs, false);
    this.drop_path = dropPathOrIdentity(o.dropPathRate ?? 0);
  }

  forward(x: Tensor): Tensor {
    let y = forwardTensor(this.bn1, this.conv_pw.forward(x));
    y = forwardTensor(this.aa, forwardTensor(this.bn2, this.conv_dw.forward(y)));
    y = forwardTensor(this.bn3, this.conv_pwl.forward(forwardTensor(this.se, y)));
    return residual(y, x, this.hasSkip, this.drop_path);
  }
}

export interface EdgeResidualOptions extends BlockOptions {
  expKernelSize?: number;
  pwKernelSize?: number;
  expRatio?: number;
  /** Expand from this many channels instead of inChs (a TensorFlow EdgeTPU quirk). */
  forceInChs?: number;
  noskip?: boolean;
}

/** FusedMBConv: a k×k expansion conv → [SE] → pointwise linear projection, with a shortcut when the shape allows. */
export class EdgeResidual extends nn.Module {
  readonly hasSkip: boolean;
  conv_exp: nn.Conv2d;
  bn1: nn.Module;
  aa: nn.Module;
  se: nn.Module;
  conv_pwl: nn.Conv2d;
  bn2: nn.Module;
  drop_path: nn.Module;

  constructor(o: EdgeResidualOptions) {
    super();
    const { inChs, outChs, expKernelSize = 3, stride = 1, dilation = 1, groupSize = 0, padType = '', forceInChs = 0, noskip = false, expRatio = 1, pwKernelSize = 1 } = o;
    const midChs = makeDivisible((forceInChs > 0 ? forceInChs : inChs) * expRatio);
    this.hasSkip = inChs === outChs && stride === 1 && !noskip;
    this.conv_exp = createConv2d(inChs, midChs, expKernelSize, { stride, dilation, groups: numGroups(groupSize, midChs), padding: padType });
    this.bn1 = o.normActLayer(midChs);
    this.aa = new nn.Identity();
    this.se = o.seLayer ? o.seLayer(midChs, o.actLayer) : new nn.Identity();
    this.conv_pwl = createConv2d(midChs, outChs, pwKernelSize, { padding: padType });
    this.bn2 = o.normActLayer(outChs, false);
    this.drop_path = dropPathOrIdentity(o.dropPathRate ?? 0);
  }

  forward(x: Tensor): Tensor {
    let y = forwardTensor(this.aa, forwardTensor(this.bn1, this.conv_exp.forward(x)));
    y = forwardTensor(this.bn2, this.conv_pwl.forward(forwardTensor(this.se, y)));
    return residual(y, x, this.hasSkip, this.drop_path);
  }
}
