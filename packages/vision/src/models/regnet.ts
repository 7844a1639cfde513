/**
 * RegNet (Radosavovic et al., 2020): torchvision's RegNet, SimpleStemIN, BottleneckTransform,
 * ResBottleneckBlock, AnyStage and BlockParams, with the same attribute names (so state-dict keys),
 * printed form and initialisation, and the builder regnet_y_400mf.
 */
import { roundHalfEven, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { Conv2dNormActivation } from '../ops/conv-norm-activation';
import { buildLayer, type LayerFactory } from '../ops/layer-factory';
import { SqueezeExcitation } from '../ops/squeeze-excitation';
import { forwardTensor } from '../module-call';
import { defineBuilder } from './builder';
import { makeDivisible } from './make-divisible';

/** The ImageNet stem: a stride-2 3×3 convolution, norm and activation. */
export class SimpleStemIN extends Conv2dNormActivation {
  constructor(widthIn: number, widthOut: number, normLayer: LayerFactory, activationLayer: LayerFactory) {
    super(widthIn, widthOut, { kernelSize: 3, stride: 2, normLayer, activationLayer });
  }
}

/** 1×1 → grouped 3×3 [→ squeeze-excitation] → 1×1, as a Sequential named a, b, [se,] c. */
export class BottleneckTransform extends nn.Sequential {
  constructor(
    widthIn: number, widthOut: number, stride: number, normLayer: LayerFactory, activationLayer: LayerFactory,
    groupWidth: number, bottleneckMultiplier: number, seRatio: number | null,
  ) {
    const wB = Math.round(widthOut * bottleneckMultiplier);
    const g = Math.floor(wB / groupWidth);
    const layers = new Map<string, nn.Module>();
    layers.set('a', new Conv2dNormActivation(widthIn, wB, { kernelSize: 1, stride: 1, normLayer, activationLayer }));
    layers.set('b', new Conv2dNormActivation(wB, wB, { kernelSize: 3, stride, groups: g, normLayer, activationLayer }));
    // The squeeze width is relative to the block's input width, not the bottleneck's.
    if (seRatio) layers.set('se', new SqueezeExcitation(wB, Math.round(seRatio * widthIn), { activation: activationLayer }));
    layers.set('c', new Conv2dNormActivation(wB, widthOut, { kernelSize: 1, stride: 1, normLayer, activationLayer: null }));
    super(layers);
  }
}

/** x + F(x), F a BottleneckTransform; the shortcut is a 1×1 projection when the shape changes. */
export class ResBottleneckBlock extends nn.Module {
  proj: Conv2dNormActivation | null;
  f: BottleneckTransform;
  activation: nn.Module;

  constructor(
    widthIn: number, widthOut: number, stride: number, normLayer: LayerFactory, activationLayer: LayerFactory,
    groupWidth = 1, bottleneckMultiplier = 1.0, seRatio: number | null = null,
  ) {
    super();
    this.proj = widthIn !== widthOut || stride !== 1
      ? new Conv2dNormActivation(widthIn, widthOut, { kernelSize: 1, stride, normLayer, activationLayer: null })
      : null;
    this.f = new BottleneckTransform(widthIn, widthOut, stride, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio);
    this.activation = buildLayer(activationLayer, { inplace: true });
  }

  forward(x: Tensor): Tensor {
    const shortcut = this.proj === null ? x : this.proj.forward(x);
    return forwardTensor(this.activation, shortcut.add(this.f.forward(x)));
  }
}

/** One stage: `depth` blocks of the same output width, named block{stage}-{i}. */
export class AnyStage extends nn.Sequential {
  constructor(
    widthIn: number, widthOut: number, stride: number, depth: number, blockConstructor: LayerFactory, normLayer: LayerFactory,
    activationLayer: LayerFactory, groupWidth: number, bottleneckMultiplier: number, seRatio: number | null = null, stageIndex = 0,
  ) {
    super();
    for (let i = 0; i < depth; i++) {
      const block = buildLayer(
        blockConstructor, i === 0 ? widthIn : widthOut, widthOut, i === 0 ? stride : 1, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio,
      );
      this.addModule(`block${stageIndex}-${i}`, block);
    }
  }
}

export interface BlockParamsInit {
  depth: number;
  w0: number;
  wA: number;
  wM: number;
  groupWidth: number;
  bottleneckMultiplier?: number;
  seRatio?: number | null;
}

/** The per-stage depths, widths, group widths, bottleneck multipliers and strides of a RegNet. */
export class BlockParams {
  constructor(
    readonly depths: number[],
    readonly widths: number[],
    readonly groupWidths: number[],
    readonly bottleneckMultipliers: number[],
    readonly strides: number[],
    readonly seRatio: number | null = null,
  ) {}

  /**
   * The quantised linear rule of the paper: block widths w0 + wA·i snapped to powers of wM (times
   * w0), rounded to multiples of 8; runs of equal widths become stages. torchvision evaluates it in
   * float32 tensors, so it is evaluated here in float32 (Math.fround at each step) to give the same widths.
   */
  static fromInitParams(p: BlockParamsInit): BlockParams {
    const { depth, w0, wA, wM, groupWidth, bottleneckMultiplier = 1.0, seRatio = null } = p;
    const QUANT = 8;
    const STRIDE = 2;
    if (wA < 0 || w0 <= 0 || wM <= 1 || w0 % 8 !== 0) throw new Error(`Invalid RegNet settings (w_0=${w0}, w_a=${wA}, w_m=${wM})`);
    const f = Math.fround;
    const logWm = f(Math.log(wM));
    const blockWidths: number[] = [];
    for (let i = 0; i < depth; i++) {
      const widthCont = f(f(i * f(wA)) + w0);
      const capacity = roundHalfEven(f(f(Math.log(f(widthCont / w0))) / logWm));
      blockWidths.push(roundHalfEven(f(f(w0 * f(Math.pow(f(wM), capacity))) / QUANT)) * QUANT);
    }
    const numStages = new Set(blockWidths).size;
    // A stage starts wherever the width changes (and ends at the end).
    const splits: boolean[] = [];
    for (let i = 0; i <= depth; i++) splits.push((blockWidths[i] ?? 0) !== (i === 0 ? 0 : blockWidths[i - 1]!));
    const stageWidths = blockWidths.filter((_, i) => splits[i]);
    const starts = splits.flatMap((t, i) => (t ? [i] : []));
    const stageDepths = starts.slice(1).map((s, i) => s - starts[i]!);
    const strides = new Array<number>(numStages).fill(STRIDE);
    const multipliers = new Array<number>(numStages).fill(bottleneckMultiplier);
    const groupWidths = new Array<number>(numStages).fill(groupWidth);
    const [widths, groups] = BlockParams.adjustWidthsGroupsCompatibility(stageWidths, multipliers, groupWidths);
    return new BlockParams(stageDepths, widths, groups, multipliers, strides, seRatio);
  }

  /** Bottleneck widths made divisible by their (clipped) group widths, and the stage widths that give them. */
  static adjustWidthsGroupsCompatibility(stageWidths: number[], bottleneckRatios: number[], groupWidths: number[]): [number[], number[]] {
    const widths = stageWidths.map((w, i) => Math.trunc(w * bottleneckRatios[i]!));
    const groupWidthsMin = groupWidths.map((g, i) => Math.min(g, widths[i]!));
    const wsBot = widths.map((w, i) => makeDivisible(w, groupWidthsMin[i]!));
    return [wsBot.map((w, i) => Math.trunc(w / bottleneckRatios[i]!)), groupWidthsMin];
  }
}

export interface RegNetOptions {
  numClasses?: number;
  stemWidth?: number;
  stemType?: LayerFactory | null;
  blockType?: LayerFactory | null;
  normLayer?: LayerFactory | null;
  activation?: LayerFactory | null;
}

export class RegNet extends nn.Module {
  stem: nn.Module;
  trunk_output: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  fc: nn.Linear;

  constructor(blockParams: BlockParams, options: RegNetOptions = {}) {
    super();
    const { numClasses = 1000, stemWidth = 32 } = options;
    const stemType = options.stemType ?? SimpleStemIN;
    const normLayer = options.normLayer ?? nn.BatchNorm2d;
    const blockType = options.blockType ?? ResBottleneckBlock;
    const activation = options.activation ?? nn.ReLU;
    this.stem = buildLayer(stemType, 3, stemWidth, normLayer, activation);
    let currentWidth = stemWidth;
    const blocks = new Map<string, nn.Module>();
    blockParams.widths.forEach((widthOut, i) => {
      blocks.set(
        `block${i + 1}`,
        new AnyStage(
          currentWidth, widthOut, blockParams.strides[i]!, blockParams.depths[i]!, blockType, normLayer, activation,
          blockParams.groupWidths[i]!, blockParams.bottleneckMultipliers[i]!, blockParams.seRatio, i + 1,
        ),
      );
      currentWidth = widthOut;
    });
    this.trunk_output = new nn.Sequential(blocks);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear({ inFeatures: currentWidth, outFeatures: numClasses });

    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        const fanOut = m.kernelSize[0]! * m.kernelSize[1]! * m.outChannels;
        nn.init.normal_(m.weight, { mean: 0.0, std: Math.sqrt(2.0 / fanOut) });
      } else if (m instanceof nn.BatchNorm2d) {
        nn.init.ones_(m.weight!);
        nn.init.zeros_(m.bias!);
      } else if (m instanceof nn.Linear) {
        nn.init.normal_(m.weight, { mean: 0.0, std: 0.01 });
        nn.init.zeros_(m.bias!);
      }
    }
  }

  forward(x: Tensor): Tensor {
    const trunk = this.trunk_output.forward(forwardTensor(this.stem, x));
    return this.fc.forward(this.avgpool.forward(trunk).flatten(1));
  }
}

/** RegNetY-400MF (4.3M parameters). */
export const regnet_y_400mf = defineBuilder<RegNetOptions, RegNet>('regnet_y_400mf', 'RegNet_Y_400MF_Weights', ['numClasses', 'stemWidth', 'stemType', 'blockType', 'normLayer', 'activation'], (o) =>
  new RegNet(BlockParams.fromInitParams({ depth: 16, w0: 48, wA: 27.89, wM: 2.09, groupWidth: 8, seRatio: 0.25 }), {
    normLayer: (c: number) => new nn.BatchNorm2d(c, { eps: 1e-5, momentum: 0.1 }),
    ...o,
  }));
