/**
 * timm's ResNet family (models/resnet.py): ResNet, ResNet-D (deep 3×3 stem, average-pool shortcut)
 * and ResNeXt, with timm's attribute names (so timm checkpoints load unchanged), printed form,
 * initialisation and builder arguments, including stochastic depth, DropBlock and dilation for
 * output strides 16 and 8.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import type { TimmModel } from '../hub-model';
import { AvgPool2dSame } from '../layers/avg-pool2d-same';
import { createClassifier } from '../layers/classifier';
import { DropBlock2d } from '../layers/drop-block';
import { DropPath } from '../layers/drop-path';
import type { SelectAdaptivePool2d } from '../layers/adaptive-pool';
import { takeArgs } from '../model-args';
import { forwardTensor } from '../module-call';
import type { BuildArgs, ModelEntrypoint } from '../registry';

/** Padding that centres a kernel (timm's get_padding: 'same' at stride 1). */
function getPadding(kernelSize: number, stride: number, dilation = 1): number {
  return Math.floor((stride - 1 + dilation * (kernelSize - 1)) / 2);
}

export interface ResNetBlockOptions {
  stride?: number;
  /** The shortcut's projection, when the block changes the shape. */
  downsample?: nn.Module | null;
  /** Groups of the 3×3 convolution (ResNeXt). */
  cardinality?: number;
  /** Width of each group per 64 planes (ResNeXt's 'd' in 32x4d). */
  baseWidth?: number;
  /** Divides the width of the block's first convolution. */
  reduceFirst?: number;
  dilation?: number;
  /** Dilation of the first 3×3 convolution (the previous block's, where a stage starts dilating). */
  firstDilation?: number;
  /** Makes the block's DropBlock layer (none: an Identity). */
  dropBlock?: (() => nn.Module) | null;
  /** Stochastic depth on the residual branch. */
  dropPath?: nn.Module | null;
}

/**
 * What BasicBlock and Bottleneck share: the shortcut (projected where the block changes the shape)
 * added to the residual branch after drop path, and zeroing the branch's last norm. Their children
 * are declared in the blocks themselves, in timm's order (which fixes the state-dict order).
 */
abstract class ResidualBlock extends nn.Module {
  // Declared only: the properties appear when endBlock assigns them, after the block's own children.
  declare downsample: nn.Module | null;
  declare stride: number;
  declare dilation: number;
  declare drop_path: nn.Module | null;
  protected abstract lastNorm(): nn.BatchNorm2d;

  /** The shortcut's projection, stride, dilation and drop path, set last as timm does. */
  protected endBlock(downsample: nn.Module | null, stride: number, dilation: number, dropPath: nn.Module | null): void {
    this.downsample = downsample;
    this.stride = stride;
    this.dilation = dilation;
    this.drop_path = dropPath;
  }

  /** Zeroes the last norm's scale, so the block starts as its shortcut. */
  zeroInitLast(): void {
    const weight = this.lastNorm().weight;
    if (weight) nn.init.zeros_(weight);
  }

  /** The residual branch `y` (after drop path) plus the shortcut of the block's input `x`. */
  protected addShortcut(y: Tensor, x: Tensor): Tensor {
    if (this.drop_path) y = forwardTensor(this.drop_path, y);
    return y.add(this.downsample ? forwardTensor(this.downsample, x) : x);
  }
}

/** Two 3×3 convolutions and a shortcut (ResNet-18/34). */
export class BasicBlock extends ResidualBlock {
  static readonly expansion = 1;
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  drop_block: nn.Module;
  act1: nn.ReLU;
  aa: nn.Module;
  conv2: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  act2: nn.ReLU;

  constructor(inplanes: number, planes: number, options: ResNetBlockOptions = {}) {
    super();
    const { stride = 1, downsample = null, cardinality = 1, baseWidth = 64, reduceFirst = 1, dilation = 1, dropBlock = null, dropPath = null } = options;
    if (cardinality !== 1) throw new Error(`BasicBlock only supports a cardinality of 1, got ${cardinality}`);
    if (baseWidth !== 64) throw new Error(`BasicBlock does not support changing the base width (64), got ${baseWidth}`);
    const firstPlanes = Math.floor(planes / reduceFirst);
    const outplanes = planes * BasicBlock.expansion;
    const firstDilation = options.firstDilation || dilation;
    this.conv1 = new nn.Conv2d(inplanes, firstPlanes, 3, { stride, padding: firstDilation, dilation: firstDilation, bias: false });
    this.bn1 = new nn.BatchNorm2d(firstPlanes);
    this.drop_block = dropBlock ? dropBlock() : new nn.Identity();
    this.act1 = new nn.ReLU(true);
    // timm's anti-aliasing slot: an Identity unless an aa_layer is given.
    this.aa = new nn.Identity();
    this.conv2 = new nn.Conv2d(firstPlanes, outplanes, 3, { padding: dilation, dilation, bias: false });
    this.bn2 = new nn.BatchNorm2d(outplanes);
    this.act2 = new nn.ReLU(true);
    this.endBlock(downsample, stride, dilation, dropPath);
  }

  protected lastNorm(): nn.BatchNorm2d {
    return this.bn2;
  }

  forward(x: Tensor): Tensor {
    let y = this.act1.forward(forwardTensor(this.drop_block, this.bn1.forward(this.conv1.forward(x))));
    y = this.bn2.forward(this.conv2.forward(forwardTensor(this.aa, y)));
    return this.act2.forward(this.addShortcut(y, x));
  }
}

/** 1×1 → 3×3 (strided, grouped) → 1×1 convolutions and a shortcut (ResNet-50 and up, ResNeXt). */
export class Bottleneck extends ResidualBlock {
  static readonly expansion = 4;
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  act1: nn.ReLU;
  conv2: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  drop_block: nn.Module;
  act2: nn.ReLU;
  aa: nn.Module;
  conv3: nn.Conv2d;
  bn3: nn.BatchNorm2d;
  act3: nn.ReLU;

  constructor(inplanes: number, planes: number, options: ResNetBlockOptions = {}) {
    super();
    const { stride = 1, downsample = null, cardinality = 1, baseWidth = 64, reduceFirst = 1, dilation = 1, dropBlock = null, dropPath = null } = options;
    const width = Math.floor(planes * (baseWidth / 64)) * cardinality;
    const firstPlanes = Math.floor(width / reduceFirst);
    const outplanes = planes * Bottleneck.expansion;
    const firstDilation = options.firstDilation || dilation;
    this.conv1 = new nn.Conv2d(inplanes, firstPlanes, 1, { bias: false });
    this.bn1 = new nn.BatchNorm2d(firstPlanes);
    this.act1 = new nn.ReLU(true);
    this.conv2 = new nn.Conv2d(firstPlanes, width, 3, { stride, padding: firstDilation, dilation: firstDilation, groups: cardinality, bias: false });
    this.bn2 = new nn.BatchNorm2d(width);
    this.drop_block = dropBlock ? dropBlock() : new nn.Identity();
    this.act2 = new nn.ReLU(true);
    this.aa = new nn.Identity();
    this.conv3 = new nn.Conv2d(width, outplanes, 1, { bias: false });
    this.bn3 = new nn.BatchNorm2d(outplanes);
    this.act3 = new nn.ReLU(true);
    this.endBlock(downsample, stride, dilation, dropPath);
  }

  protected lastNorm(): nn.BatchNorm2d {
    return this.bn3;
  }

  forward(x: Tensor): Tensor {
    let y = this.act1.forward(this.bn1.forward(this.conv1.forward(x)));
    y = this.act2.forward(forwardTensor(this.drop_block, this.bn2.forward(this.conv2.forward(y))));
    y = this.bn3.forward(this.conv3.forward(forwardTensor(this.aa, y)));
    return this.act3.forward(this.addShortcut(y, x));
  }
}

export type ResNetBlock = typeof BasicBlock | typeof Bottleneck;

interface DownsampleArgs {
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: number;
  dilation: number;
  firstDilation: number;
}

/** The shortcut as a strided convolution and a norm (ResNet's 'b' variant, torchvision's). */
export function downsampleConv({ inChannels, outChannels, kernelSize, stride, dilation, firstDilation }: DownsampleArgs): nn.Sequential {
  const k = stride === 1 && dilation === 1 ? 1 : kernelSize;
  const d = k > 1 ? firstDilation || dilation : 1;
  return new nn.Sequential(
    new nn.Conv2d(inChannels, outChannels, k, { stride, padding: getPadding(k, stride, d), dilation: d, bias: false }),
    new nn.BatchNorm2d(outChannels),
  );
}

/**
 * The shortcut as a 2×2 average pool, then a 1×1 convolution and a norm (ResNet-D): the pooling
 * sees every pixel where a strided 1×1 convolution would skip three of four.
 */
export function downsampleAvg({ inChannels, outChannels, stride, dilation }: DownsampleArgs): nn.Sequential {
  const avgStride = dilation === 1 ? stride : 1;
  let pool: nn.Module;
  if (stride === 1 && dilation === 1) pool = new nn.Identity();
  else if (avgStride === 1 && dilation > 1) pool = new AvgPool2dSame(2, avgStride, { ceilMode: true, countIncludePad: false });
  else pool = new nn.AvgPool2d(2, avgStride, { ceilMode: true, countIncludePad: false });
  return new nn.Sequential(pool, new nn.Conv2d(inChannels, outChannels, 1, { stride: 1, padding: 0, bias: false }), new nn.BatchNorm2d(outChannels));
}

/** DropBlock for each stage: none in the first two, larger blocks in the third (timm's drop_blocks). */
function dropBlocks(dropProb: number): ((() => nn.Module) | null)[] {
  if (!dropProb) return [null, null, null, null];
  return [null, null, () => new DropBlock2d({ dropProb, blockSize: 5, gammaScale: 0.25 }), () => new DropBlock2d({ dropProb, blockSize: 3, gammaScale: 1 })];
}

interface StageArgs {
  inplanes: number;
  cardinality: number;
  baseWidth: number;
  reduceFirst: number;
  outputStride: number;
  downKernelSize: number;
  avgDown: boolean;
  dropBlockRate: number;
  dropPathRate: number;
}

/**
 * The four stages: stride 2 from the second on until the output stride is reached, then dilation
 * instead; the first block of a stage projects the shortcut; the drop-path rate grows linearly
 * over the network's blocks (timm's make_blocks).
 */
function makeBlocks(blocks: readonly ResNetBlock[], channels: readonly number[], repeats: readonly number[], a: StageArgs): nn.Sequential[] {
  const stages: nn.Sequential[] = [];
  const netNumBlocks = repeats.reduce((s, n) => s + n, 0);
  const stageDropBlocks = dropBlocks(a.dropBlockRate);
  let inplanes = a.inplanes;
  let netBlockIdx = 0;
  let netStride = 4;
  let dilation = 1;
  let prevDilation = 1;
  for (let stageIdx = 0; stageIdx < channels.length; stageIdx++) {
    const block = blocks[stageIdx]!;
    const planes = channels[stageIdx]!;
    let stride = stageIdx === 0 ? 1 : 2;
    if (netStride >= a.outputStride) {
      dilation *= stride;
      stride = 1;
    } else netStride *= stride;
    let downsample: nn.Module | null = null;
    if (stride !== 1 || inplanes !== planes * block.expansion) {
      const down = { inChannels: inplanes, outChannels: planes * block.expansion, kernelSize: a.downKernelSize, stride, dilation, firstDilation: prevDilation };
      downsample = a.avgDown ? downsampleAvg(down) : downsampleConv(down);
    }
    const stage: nn.Module[] = [];
    for (let blockIdx = 0; blockIdx < repeats[stageIdx]!; blockIdx++) {
      const blockDpr = (a.dropPathRate * netBlockIdx) / (netNumBlocks - 1);
      stage.push(
        new block(inplanes, planes, {
          stride: blockIdx === 0 ? stride : 1,
          downsample: blockIdx === 0 ? downsample : null,
          firstDilation: prevDilation,
          dropPath: blockDpr > 0 ? new DropPath(blockDpr) : null,
          cardinality: a.cardinality,
          baseWidth: a.baseWidth,
          reduceFirst: a.reduceFirst,
          dilation,
          dropBlock: stageDropBlocks[stageIdx] ?? null,
        }),
      );
      prevDilation = dilation;
      inplanes = planes * block.expansion;
      netBlockIdx++;
    }
    stages.push(new nn.Sequential(...stage));
  }
  return stages;
}

/** timm's ResNet arguments (its keywords in camelCase). */
export interface ResNetOptions {
  numClasses?: number;
  inChans?: number;
  /** 32, or 16 / 8 to replace the last strides with dilation. */
  outputStride?: number;
  /** 'avg', 'max', 'avgmax', 'catavgmax' (optionally 'fast'-prefixed), or '' for none. */
  globalPool?: string;
  /** Groups of the bottleneck's 3×3 convolution (ResNeXt). */
  cardinality?: number;
  baseWidth?: number;
  /** Channels of the deep stem's first convolutions (its output is twice this). */
  stemWidth?: number;
  /** '' (one 7×7 convolution), 'deep' (three 3×3) or 'deep_tiered' (three 3×3, the first narrower). */
  stemType?: string;
  /** A strided 3×3 convolution, norm and activation in place of the stem's max pooling. */
  replaceStemPool?: boolean;
  blockReduceFirst?: number;
  /** Kernel of the shortcut's projection where it downsamples. */
  downKernelSize?: number;
  /** Average-pool the shortcut before a 1×1 projection (ResNet-D). */
  avgDown?: boolean;
  /** Channels (planes) of the four stages. */
  channels?: readonly number[];
  /** Dropout before the classifier. */
  dropRate?: number;
  /** Stochastic depth, growing linearly to this rate at the last block. */
  dropPathRate?: number;
  /** DropBlock in the last two stages. */
  dropBlockRate?: number;
  /** Zero the last norm's scale of every residual branch. */
  zeroInitLast?: boolean;
}

const STEM_TYPES = ['', 'deep', 'deep_tiered'];

function checkInt(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new TypeError(`ResNet: expected ${name} to be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return value;
}

function checkRate(name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw new TypeError(`ResNet: expected ${name} to be a rate in [0, 1), got ${JSON.stringify(value)}`);
  return value;
}

function checkBool(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`ResNet: expected ${name} to be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function checkIntList(name: string, value: unknown, length: number): number[] {
  if (!Array.isArray(value) || value.length !== length || value.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 1)) {
    throw new TypeError(`ResNet: expected ${name} to be ${length} positive integers, got ${JSON.stringify(value)}`);
  }
  return value as number[];
}

/**
 * ResNet / ResNeXt as timm builds them: a stem, four stages of residual blocks, global pooling and a
 * classifier. `block` is one block type for every stage or one per stage; `layers` the blocks per stage.
 */
export class ResNet extends nn.Module implements TimmModel {
  conv1: nn.Module;
  bn1: nn.BatchNorm2d;
  act1: nn.ReLU;
  maxpool: nn.Module;
  layer1: nn.Sequential;
  layer2: nn.Sequential;
  layer3: nn.Sequential;
  layer4: nn.Sequential;
  global_pool: SelectAdaptivePool2d;
  fc: nn.Module;
  numClasses: number;
  readonly inChans: number;
  readonly dropRate: number;
  readonly numFeatures: number;
  readonly headHiddenSize: number;

  constructor(block: ResNetBlock | readonly ResNetBlock[], layers: readonly number[], options: ResNetOptions = {}) {
    super();
    const {
      numClasses = 1000, inChans = 3, outputStride = 32, globalPool = 'avg', cardinality = 1, baseWidth = 64, stemWidth = 64, stemType = '',
      replaceStemPool = false, blockReduceFirst = 1, downKernelSize = 1, avgDown = false, channels = [64, 128, 256, 512], dropRate = 0,
      dropPathRate = 0, dropBlockRate = 0, zeroInitLast = true,
    } = options;
    if (![8, 16, 32].includes(outputStride)) throw new Error(`ResNet: expected outputStride 8, 16 or 32, got ${JSON.stringify(outputStride)}`);
    if (!STEM_TYPES.includes(stemType)) throw new Error(`ResNet: expected stemType '', 'deep' or 'deep_tiered', got ${JSON.stringify(stemType)}`);
    if (typeof globalPool !== 'string') throw new TypeError(`ResNet: expected globalPool to be a pooling name such as 'avg', got ${JSON.stringify(globalPool)}`);
    if (typeof numClasses !== 'number' || !Number.isInteger(numClasses)) throw new TypeError(`ResNet: expected numClasses to be an integer, got ${JSON.stringify(numClasses)}`);
    checkInt('inChans', inChans, 1);
    for (const [name, v] of Object.entries({ cardinality, baseWidth, stemWidth, blockReduceFirst, downKernelSize })) checkInt(name, v, 1);
    for (const [name, v] of Object.entries({ dropRate, dropPathRate, dropBlockRate })) checkRate(name, v);
    for (const [name, v] of Object.entries({ replaceStemPool, avgDown, zeroInitLast })) checkBool(name, v);
    const stageChannels = checkIntList('channels', channels, 4);
    const repeats = checkIntList('layers', layers, 4);
    const blocks = Array.isArray(block) ? block : [block, block, block, block];
    if (blocks.length !== 4) throw new Error(`ResNet: expected one block type or 4 (one per stage), got ${blocks.length}`);

    this.numClasses = numClasses;
    this.inChans = inChans;
    this.dropRate = dropRate;

    const deepStem = stemType.includes('deep');
    const inplanes = deepStem ? stemWidth * 2 : 64;
    if (deepStem) {
      const stemChs = stemType.includes('tiered') ? [3 * Math.floor(stemWidth / 4), stemWidth] : [stemWidth, stemWidth];
      this.conv1 = new nn.Sequential(
        new nn.Conv2d(inChans, stemChs[0]!, 3, { stride: 2, padding: 1, bias: false }),
        new nn.BatchNorm2d(stemChs[0]!),
        new nn.ReLU(true),
        new nn.Conv2d(stemChs[0]!, stemChs[1]!, 3, { stride: 1, padding: 1, bias: false }),
        new nn.BatchNorm2d(stemChs[1]!),
        new nn.ReLU(true),
        new nn.Conv2d(stemChs[1]!, inplanes, 3, { stride: 1, padding: 1, bias: false }),
      );
    } else {
      this.conv1 = new nn.Conv2d(inChans, inplanes, 7, { stride: 2, padding: 3, bias: false });
    }
    this.bn1 = new nn.BatchNorm2d(inplanes);
    this.act1 = new nn.ReLU(true);
    // The name 'maxpool' stays for checkpoint compatibility, whatever it holds.
    this.maxpool = replaceStemPool
      ? new nn.Sequential(new nn.Conv2d(inplanes, inplanes, 3, { stride: 2, padding: 1, bias: false }), new nn.BatchNorm2d(inplanes), new nn.ReLU(true))
      : new nn.MaxPool2d(3, { stride: 2, padding: 1 });

    [this.layer1, this.layer2, this.layer3, this.layer4] = makeBlocks(blocks, stageChannels, repeats, {
      inplanes, cardinality, baseWidth, reduceFirst: blockReduceFirst, outputStride, downKernelSize, avgDown, dropBlockRate, dropPathRate,
    }) as [nn.Sequential, nn.Sequential, nn.Sequential, nn.Sequential];

    this.numFeatures = this.headHiddenSize = stageChannels[3]! * blocks[3]!.expansion;
    [this.global_pool, this.fc] = createClassifier(this.numFeatures, numClasses, globalPool);
    this.initWeights(zeroInitLast);
  }

  /** He-normal convolutions (fan out), and each residual branch's last norm zeroed when asked. */
  initWeights(zeroInitLast = true): void {
    for (const m of this.modules()) if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
    if (zeroInitLast) for (const m of this.modules()) if (m instanceof ResidualBlock) m.zeroInitLast();
  }

  getClassifier(): nn.Module {
    return this.fc;
  }

  /** A new classifier for `numClasses` (0: none, the model gives pooled features) after `globalPool` (timm's default 'avg'). */
  resetClassifier(numClasses: number, globalPool = 'avg'): void {
    this.numClasses = numClasses;
    [this.global_pool, this.fc] = createClassifier(this.numFeatures, numClasses, globalPool);
  }

  forwardFeatures(x: Tensor): Tensor {
    x = forwardTensor(this.conv1, x);
    x = forwardTensor(this.maxpool, this.act1.forward(this.bn1.forward(x)));
    return this.layer4.forward(this.layer3.forward(this.layer2.forward(this.layer1.forward(x))));
  }

  forwardHead(x: Tensor, preLogits = false): Tensor {
    x = this.global_pool.forward(x);
    if (this.dropRate) x = nn.functional.dropout(x, { p: this.dropRate, training: this.training });
    return preLogits ? x : forwardTensor(this.fc, x);
  }

  forward(x: Tensor): Tensor {
    return this.forwardHead(this.forwardFeatures(x));
  }
}

/** What a builder fixes: the block type(s), the blocks per stage, and its own argument defaults. */
interface ResNetPreset extends ResNetOptions {
  block: ResNetBlock | readonly ResNetBlock[];
  layers: readonly number[];
}

const ARG_DEFAULTS: Required<Omit<ResNetOptions, 'numClasses' | 'inChans'>> & { layers?: readonly number[] } = {
  outputStride: 32, globalPool: 'avg', cardinality: 1, baseWidth: 64, stemWidth: 64, stemType: '', replaceStemPool: false,
  blockReduceFirst: 1, downKernelSize: 1, avgDown: false, channels: [64, 128, 256, 512], dropRate: 0, dropPathRate: 0,
  dropBlockRate: 0, zeroInitLast: true,
};

/** An entry whose builder takes timm's arguments, the architecture's own overriding the defaults, the caller's both. */
function resnetEntry(name: string, { block, ...preset }: ResNetPreset): ModelEntrypoint {
  return {
    name,
    module: 'resnet',
    build: (args: BuildArgs) => {
      const { layers, ...options } = takeArgs(name, args, { ...ARG_DEFAULTS, ...preset });
      return new ResNet(block, layers, options);
    },
  };
}

const DEEP_D = { stemWidth: 32, stemType: 'deep', avgDown: true } as const;

/** The ResNet family's architectures, for the registry. */
export const resnetEntrypoints: readonly ModelEntrypoint[] = [
  resnetEntry('resnet18', { block: BasicBlock, layers: [2, 2, 2, 2] }),
  resnetEntry('resnet18d', { block: BasicBlock, layers: [2, 2, 2, 2], ...DEEP_D }),
  resnetEntry('resnet34', { block: BasicBlock, layers: [3, 4, 6, 3] }),
  resnetEntry('resnet34d', { block: BasicBlock, layers: [3, 4, 6, 3], ...DEEP_D }),
  resnetEntry('resnet26', { block: Bottleneck, layers: [2, 2, 2, 2] }),
  resnetEntry('resnet26d', { block: Bottleneck, layers: [2, 2, 2, 2], ...DEEP_D }),
  resnetEntry('resnet50', { block: Bottleneck, layers: [3, 4, 6, 3] }),
  resnetEntry('resnet50d', { block: Bottleneck, layers: [3, 4, 6, 3], ...DEEP_D }),
  resnetEntry('resnet101', { block: Bottleneck, layers: [3, 4, 23, 3] }),
  resnetEntry('resnet101d', { block: Bottleneck, layers: [3, 4, 23, 3], ...DEEP_D }),
  resnetEntry('resnet152', { block: Bottleneck, layers: [3, 8, 36, 3] }),
  resnetEntry('resnet152d', { block: Bottleneck, layers: [3, 8, 36, 3], ...DEEP_D }),
  resnetEntry('resnext50_32x4d', { block: Bottleneck, layers: [3, 4, 6, 3], cardinality: 32, baseWidth: 4 }),
  resnetEntry('resnext101_32x8d', { block: Bottleneck, layers: [3, 4, 23, 3], cardinality: 32, baseWidth: 8 }),
  resnetEntry('test_resnet', { block: [BasicBlock, BasicBlock, Bottleneck, BasicBlock], layers: [1, 1, 1, 1], stemWidth: 16, stemType: 'deep', avgDown: true, channels: [32, 48, 48, 96] }),
];
