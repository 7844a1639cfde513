/**
 * timm's RegNet (models/regnet.py): the RegNet-X and -Y design spaces (Radosavovic et al., 2020),
 * widths generated from (w0, wa, wm, depth) and quantised into four stages of ResNet-like
 * bottlenecks with grouped 3×3 convolutions (and, for Y, squeeze-excitation after them), with timm's
 * names so timm's checkpoints load unchanged.
 */
import { arange, pow, round, roundHalfEven, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import type { TimmModel } from '../hub-model';
import { ClassifierHead } from '../layers/classifier';
import { ConvNormAct } from '../layers/conv-norm-act';
import { getActLayer, type ActLayer } from '../layers/create-act';
import { dropPathOrIdentity } from '../layers/drop-path';
import { calculateStageDropPathRates } from '../layers/drop-path-rates';
import { makeDivisible } from '../layers/make-divisible';
import { AvgPool2dSame } from '../layers/avg-pool2d-same';
import { SEModule } from '../layers/squeeze-excite';
import { takeArgs } from '../model-args';
import { forwardTensor } from '../module-call';
import { HeadClassifierModel } from './classifier-reset';
import type { BuildArgs, ModelEntrypoint } from '../registry';

/** How the shortcut changes shape: a strided 1×1 conv, a 2×2 average pool then a 1×1 conv, or none (no residual). */
export type RegNetDownsample = 'conv1x1' | 'avg' | '' | null;

/** A RegNet design: timm's RegNetCfg (the pre-activation and custom-norm variants are not built here). */
export interface RegNetCfg {
  depth: number;
  /** Initial width. */
  w0: number;
  /** Width slope. */
  wa: number;
  /** Width multiplier between stages (quantisation in log space). */
  wm: number;
  groupSize: number;
  bottleRatio: number;
  seRatio: number;
  /** When set, bottleneck widths are made divisible by the groups as torchvision does. */
  groupMinRatio: number;
  stemWidth: number;
  downsample: RegNetDownsample;
  /** No activation after the residual sum. */
  linearOut: boolean;
  /** A final 1×1 ConvNormAct to this many features (0: none). */
  numFeatures: number;
  /** The activation, by name ('relu', 'silu', ...) or maker. */
  actLayer: string | ActLayer;
}

const CFG_DEFAULTS: RegNetCfg = {
  depth: 21, w0: 80, wa: 42.63, wm: 2.66, groupSize: 24, bottleRatio: 1, seRatio: 0, groupMinRatio: 0,
  stemWidth: 32, downsample: 'conv1x1', linearOut: false, numFeatures: 0, actLayer: 'relu',
};

/**
 * timm's generate_regnet: per-block widths w0 + wa·i quantised to powers of wm (in float32, as timm
 * computes them with torch), then to multiples of `quant`.
 */
export function generateRegnet(widthSlope: number, widthInitial: number, widthMult: number, depth: number, groupSize: number, quant = 8): { widths: number[]; numStages: number; groups: number[] } {
  if (!(widthSlope >= 0 && widthInitial > 0 && widthMult > 1 && widthInitial % quant === 0)) {
    throw new Error(`RegNet: expected wa >= 0, w0 > 0 and a multiple of ${quant}, wm > 1; got wa=${widthSlope}, w0=${widthInitial}, wm=${widthMult}`);
  }
  if (!Number.isInteger(depth) || depth <= 0) throw new Error(`RegNet: expected depth to be a positive integer, got ${JSON.stringify(depth)}`);
  const widthsCont = arange(depth, { dtype: 'float32' }).mul(widthSlope).add(widthInitial);
  const widthExps = round(widthsCont.div(widthInitial).log().div(Math.log(widthMult)));
  const widths = (round(pow(widthMult, widthExps).mul(widthInitial).div(quant)).mul(quant).tolist() as number[]).map(Math.trunc);
  const numStages = new Set(widths).size;
  return { widths, numStages, groups: Array.from({ length: numStages }, () => groupSize) };
}

/** timm's adjust_widths_groups_comp: groups no wider than the bottleneck, bottleneck widths divisible by them. */
function adjustWidthsGroupsComp(widths: number[], bottleRatios: number[], groups: number[], minRatio: number): [number[], number[]] {
  let bottleneckWidths = widths.map((w, i) => Math.trunc(w * bottleRatios[i]!));
  const gs = groups.map((g, i) => Math.min(g, bottleneckWidths[i]!));
  bottleneckWidths = minRatio
    ? bottleneckWidths.map((w, i) => makeDivisible(w, gs[i]!, minRatio))
    : bottleneckWidths.map((w, i) => Math.trunc(roundHalfEven(w / gs[i]!) * gs[i]!));
  return [bottleneckWidths.map((w, i) => Math.trunc(w / bottleRatios[i]!)), gs];
}

/** timm's create_shortcut: null when there is no residual at all, Identity when the shape is kept. */
function createShortcut(downsample: RegNetDownsample, inChs: number, outChs: number, stride: number, dilation: [number, number]): nn.Module | null {
  if (inChs === outChs && stride === 1 && dilation[0] === dilation[1]) return new nn.Identity();
  if (!downsample) return null;
  if (downsample === 'avg') {
    // timm's downsample_avg: a dilated stage pools with stride 1 and 'SAME' padding instead.
    const options = { ceilMode: true, countIncludePad: false };
    let pool: nn.Module = new nn.Identity();
    if (dilation[0] > 1) pool = new AvgPool2dSame(2, 1, options);
    else if (stride > 1) pool = new nn.AvgPool2d(2, stride, options);
    return new nn.Sequential(pool, new ConvNormAct(inChs, outChs, 1, { stride: 1, applyAct: false }));
  }
  return new ConvNormAct(inChs, outChs, 1, { stride, applyAct: false });
}

export interface BottleneckOptions {
  stride?: number;
  /** The 3×3 conv's dilation, then the stage's. */
  dilation?: [number, number];
  bottleRatio?: number;
  groupSize?: number;
  seRatio?: number;
  downsample?: RegNetDownsample;
  linearOut?: boolean;
  actLayer?: string | ActLayer;
  dropPathRate?: number;
}

/** A ResNet bottleneck with grouped 3×3 conv, and squeeze-excitation after it rather than after conv3. */
export class Bottleneck extends nn.Module {
  conv1: ConvNormAct;
  conv2: ConvNormAct;
  se: nn.Module;
  conv3: ConvNormAct;
  act3: nn.Module;
  downsample: nn.Module | null;
  drop_path: nn.Module;

  constructor(inChs: number, outChs: number, options: BottleneckOptions = {}) {
    super();
    const { stride = 1, dilation = [1, 1], bottleRatio = 1, groupSize = 1, seRatio = 0.25, downsample = 'conv1x1', linearOut = false, actLayer = 'relu', dropPathRate = 0 } = options;
    const act = getActLayer(actLayer);
    const bottleneckChs = roundHalfEven(outChs * bottleRatio);
    const groups = Math.floor(bottleneckChs / groupSize);
    this.conv1 = new ConvNormAct(inChs, bottleneckChs, 1, { actLayer: act });
    this.conv2 = new ConvNormAct(bottleneckChs, bottleneckChs, 3, { stride, dilation: dilation[0], groups, actLayer: act });
    this.se = seRatio ? new SEModule(bottleneckChs, { rdChannels: roundHalfEven(inChs * seRatio), actLayer: act }) : new nn.Identity();
    this.conv3 = new ConvNormAct(bottleneckChs, outChs, 1, { applyAct: false, actLayer: act });
    this.act3 = linearOut ? new nn.Identity() : act();
    this.downsample = createShortcut(downsample, inChs, outChs, stride, dilation);
    this.drop_path = dropPathOrIdentity(dropPathRate);
  }

  /** Zeroes the last norm's scale, so the block starts as its shortcut. */
  zeroInitLast(): void {
    nn.init.zeros_((this.conv3.bn as nn.BatchNorm2d).weight!);
  }

  forward(x: Tensor): Tensor {
    const shortcut = x;
    x = this.conv3.forward(forwardTensor(this.se, this.conv2.forward(this.conv1.forward(x))));
    if (this.downsample !== null) x = forwardTensor(this.drop_path, x).add(forwardTensor(this.downsample, shortcut));
    return forwardTensor(this.act3, x);
  }
}

export interface RegStageOptions extends Omit<BottleneckOptions, 'stride' | 'dilation' | 'dropPathRate'> {
  dropPathRates?: readonly number[];
}

/** `depth` bottlenecks 'b1', … of the same width; the first one strides (or starts the dilation). */
export class RegStage extends nn.Module {
  constructor(depth: number, inChs: number, outChs: number, stride: number, dilation: number, options: RegStageOptions = {}) {
    super();
    const { dropPathRates, ...blockOptions } = options;
    let firstDilation = dilation === 1 || dilation === 2 ? 1 : 2;
    for (let i = 0; i < depth; i++) {
      this.addModule(
        `b${i + 1}`,
        new Bottleneck(i === 0 ? inChs : outChs, outChs, {
          ...blockOptions,
          stride: i === 0 ? stride : 1,
          dilation: [firstDilation, dilation],
          dropPathRate: dropPathRates?.[i] ?? 0,
        }),
      );
      firstDilation = dilation;
    }
  }

  forward(x: Tensor): Tensor {
    for (const block of this.children()) x = (block as Bottleneck).forward(x);
    return x;
  }
}

export interface RegNetOptions {
  inChans?: number;
  numClasses?: number;
  /** 8, 16 or 32: later stages dilate instead of striding below 32. */
  outputStride?: number;
  globalPool?: string;
  dropRate?: number;
  dropPathRate?: number;
  /** Start every block as its shortcut (zeroInitLast). */
  zeroInitLast?: boolean;
}

interface StageArgs {
  outChs: number;
  stride: number;
  dilation: number;
  depth: number;
  bottleRatio: number;
  groupSize: number;
  dropPathRates: number[];
}

export class RegNet extends HeadClassifierModel implements TimmModel {
  stem: ConvNormAct;
  s1: RegStage;
  s2: RegStage;
  s3: RegStage;
  s4: RegStage;
  final_conv: nn.Module;
  override head: ClassifierHead;
  override numClasses: number;
  readonly inChans: number;
  readonly numFeatures: number;

  constructor(cfg: RegNetCfg, options: RegNetOptions = {}) {
    super();
    const { inChans = 3, numClasses = 1000, outputStride = 32, globalPool = 'avg', dropRate = 0, dropPathRate = 0, zeroInitLast = true } = options;
    if (![8, 16, 32].includes(outputStride)) throw new Error(`RegNet: expected outputStride 8, 16 or 32, got ${JSON.stringify(outputStride)}`);
    checkCfg(cfg);
    this.numClasses = numClasses;
    this.inChans = inChans;

    this.stem = new ConvNormAct(inChans, cfg.stemWidth, 3, { stride: 2, actLayer: cfg.actLayer });
    const stages = stageArgs(cfg, outputStride, dropPathRate);
    if (stages.length !== 4) throw new Error(`RegNet: expected the design (w0, wa, wm, depth) to give 4 stages of distinct widths, it gives ${stages.length}`);
    let prevWidth = cfg.stemWidth;
    const common = { downsample: cfg.downsample, seRatio: cfg.seRatio, linearOut: cfg.linearOut, actLayer: cfg.actLayer };
    const built = stages.map(({ outChs, stride, dilation, depth, ...rest }) => {
      const stage = new RegStage(depth, prevWidth, outChs, stride, dilation, { ...rest, ...common });
      prevWidth = outChs;
      return stage;
    });
    [this.s1, this.s2, this.s3, this.s4] = built as [RegStage, RegStage, RegStage, RegStage];

    if (cfg.numFeatures) {
      this.final_conv = new ConvNormAct(prevWidth, cfg.numFeatures, 1, { actLayer: cfg.actLayer });
      this.numFeatures = cfg.numFeatures;
    } else {
      this.final_conv = cfg.linearOut ? getActLayer(cfg.actLayer)() : new nn.Identity();
      this.numFeatures = prevWidth;
    }
    this.head = new ClassifierHead(this.numFeatures, numClasses, { poolType: globalPool, dropRate });

    for (const m of this.modules()) initWeights(m, zeroInitLast);
  }

  forwardFeatures(x: Tensor): Tensor {
    x = this.stem.forward(x);
    x = this.s4.forward(this.s3.forward(this.s2.forward(this.s1.forward(x))));
    return forwardTensor(this.final_conv, x);
  }

  forwardHead(x: Tensor, preLogits = false): Tensor {
    return this.head.forward(x, preLogits);
  }

  forward(x: Tensor): Tensor {
    return this.forwardHead(this.forwardFeatures(x));
  }
}

/** Refuses a design whose numbers cannot make layers (before they turn into NaN widths or 0 groups). */
function checkCfg(cfg: RegNetCfg): void {
  const expect = (ok: boolean, what: string, key: keyof RegNetCfg): void => {
    if (!ok) throw new Error(`RegNet: expected ${key} to be ${what}, got ${JSON.stringify(cfg[key])}`);
  };
  const isInt = (v: unknown, min: number): boolean => Number.isInteger(v) && (v as number) >= min;
  expect(isInt(cfg.groupSize, 1), 'a positive integer', 'groupSize');
  expect(isInt(cfg.stemWidth, 1), 'a positive integer', 'stemWidth');
  expect(isInt(cfg.numFeatures, 0), 'a non-negative integer (0: no final conv)', 'numFeatures');
  expect(typeof cfg.bottleRatio === 'number' && cfg.bottleRatio > 0, 'a positive number', 'bottleRatio');
  expect(typeof cfg.seRatio === 'number' && cfg.seRatio >= 0, 'a non-negative number (0: no squeeze-excitation)', 'seRatio');
  expect(typeof cfg.groupMinRatio === 'number' && cfg.groupMinRatio >= 0, 'a non-negative number', 'groupMinRatio');
  expect(['conv1x1', 'avg', '', null].includes(cfg.downsample), "'conv1x1', 'avg', '' or null", 'downsample');
}

/** timm's RegNet._get_stage_args: the generated widths grouped into stages, strides or dilations for the output stride. */
function stageArgs(cfg: RegNetCfg, outputStride: number, dropPathRate: number, defaultStride = 2): StageArgs[] {
  const { widths, numStages, groups } = generateRegnet(cfg.wa, cfg.w0, cfg.wm, cfg.depth, cfg.groupSize);
  // The widths never decrease, so torch.unique's sorted values and counts are the runs.
  const stageWidths: number[] = [];
  const stageDepths: number[] = [];
  for (const w of widths) {
    if (stageWidths[stageWidths.length - 1] === w) stageDepths[stageDepths.length - 1]! += 1;
    else {
      stageWidths.push(w);
      stageDepths.push(1);
    }
  }
  const bottleRatios = stageWidths.map(() => cfg.bottleRatio);
  const strides: number[] = [];
  const dilations: number[] = [];
  let netStride = 2;
  let dilation = 1;
  for (let i = 0; i < numStages; i++) {
    let stride = defaultStride;
    if (netStride >= outputStride) {
      dilation *= defaultStride;
      stride = 1;
    } else netStride *= stride;
    strides.push(stride);
    dilations.push(dilation);
  }
  const dpr = calculateStageDropPathRates(dropPathRate, stageDepths);
  const [adjustedWidths, stageGroups] = adjustWidthsGroupsComp(stageWidths, bottleRatios, groups, cfg.groupMinRatio);
  return adjustedWidths.map((outChs, i) => ({
    outChs, stride: strides[i]!, dilation: dilations[i]!, depth: stageDepths[i]!, bottleRatio: bottleRatios[i]!, groupSize: stageGroups[i]!, dropPathRates: dpr[i]!,
  }));
}

/** timm's _init_weights: convs N(0, 2/fan_out), Linear N(0, 0.01²), zero biases; each block's last norm zeroed. */
function initWeights(m: nn.Module, zeroInitLast: boolean): void {
  if (m instanceof nn.Conv2d) {
    const fanOut = Math.floor((m.kernelSize[0]! * m.kernelSize[1]! * m.outChannels) / m.groups);
    nn.init.normal_(m.weight, 0, Math.sqrt(2 / fanOut));
    if (m.bias) nn.init.zeros_(m.bias);
  } else if (m instanceof nn.Linear) {
    nn.init.normal_(m.weight, 0, 0.01);
    if (m.bias) nn.init.zeros_(m.bias);
  } else if (zeroInitLast && m instanceof Bottleneck) m.zeroInitLast();
}

// pycls's block names, in the order timm replaces them (a name may contain an earlier one).
const PYCLS_RENAMES: [string, string][] = [
  ['f.a.0', 'conv1.conv'], ['f.a.1', 'conv1.bn'], ['f.b.0', 'conv2.conv'], ['f.b.1', 'conv2.bn'], ['f.final_bn', 'conv3.bn'],
  ['f.se.excitation.0', 'se.fc1'], ['f.se.excitation.2', 'se.fc2'], ['f.se', 'se'], ['f.c.0', 'conv3.conv'], ['f.c.1', 'conv3.bn'],
  ['f.c', 'conv3.conv'], ['proj.0', 'downsample.conv'], ['proj.1', 'downsample.bn'], ['proj', 'downsample.conv'],
];

/** timm's _filter_fn: torchvision's RegNet files (stem.0, trunk_output.block1.block1-0, fc) renamed to timm's keys. */
export function regnetCheckpointFilter<T>(state: Record<string, T>): Record<string, T> {
  if (!('stem.0.weight' in state)) return state;
  return Object.fromEntries(
    Object.entries(state).map(([key, value]) => {
      let k = key.replaceAll('stem.0', 'stem.conv').replaceAll('stem.1', 'stem.bn');
      k = k.replace(/trunk_output\.block(\d)\.block(\d+)-(\d+)/g, (_, stage: string, _block: string, i: string) => `s${Number(stage)}.b${Number(i) + 1}`);
      for (const [from, to] of PYCLS_RENAMES) k = k.replaceAll(from, to);
      return [k.replaceAll('fc.', 'head.fc.'), value];
    }),
  );
}

type RegNetArgs = Required<RegNetOptions> & RegNetCfg;

function regnet(name: string, design: Partial<RegNetCfg>): ModelEntrypoint {
  const defaults: Omit<RegNetArgs, 'inChans' | 'numClasses'> = {
    ...CFG_DEFAULTS, ...design, outputStride: 32, globalPool: 'avg', dropRate: 0, dropPathRate: 0, zeroInitLast: true,
  };
  return {
    name,
    module: 'regnet',
    build: (args: BuildArgs) => {
      const { inChans, numClasses, outputStride, globalPool, dropRate, dropPathRate, zeroInitLast, ...cfg } = takeArgs(name, args, defaults) as RegNetArgs;
      return new RegNet(cfg, { inChans, numClasses, outputStride, globalPool, dropRate, dropPathRate, zeroInitLast });
    },
    checkpointFilter: (state) => regnetCheckpointFilter(state),
  };
}

/** The RegNet-X and -Y architectures, by timm's names (the digits: hundreds of MFLOPs). */
export const regnetEntrypoints: readonly ModelEntrypoint[] = [
  regnet('regnetx_002', { w0: 24, wa: 36.44, wm: 2.49, groupSize: 8, depth: 13 }),
  regnet('regnetx_004', { w0: 24, wa: 24.48, wm: 2.54, groupSize: 16, depth: 22 }),
  regnet('regnetx_006', { w0: 48, wa: 36.97, wm: 2.24, groupSize: 24, depth: 16 }),
  regnet('regnetx_008', { w0: 56, wa: 35.73, wm: 2.28, groupSize: 16, depth: 16 }),
  regnet('regnety_002', { w0: 24, wa: 36.44, wm: 2.49, groupSize: 8, depth: 13, seRatio: 0.25 }),
  regnet('regnety_004', { w0: 48, wa: 27.89, wm: 2.09, groupSize: 8, depth: 16, seRatio: 0.25 }),
  regnet('regnety_006', { w0: 48, wa: 32.54, wm: 2.32, groupSize: 16, depth: 15, seRatio: 0.25 }),
  regnet('regnety_008', { w0: 56, wa: 38.84, wm: 2.4, groupSize: 16, depth: 14, seRatio: 0.25 }),
];
