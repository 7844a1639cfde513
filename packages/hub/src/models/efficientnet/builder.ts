/**
 * timm's EfficientNetBuilder (_efficientnet_builder.py): decoded block arguments → stages of blocks,
 * rounding channels by the model's width multiplier, turning strides into dilation past the output
 * stride, spreading the drop-path rate over the blocks and sizing each SE layer.
 */
import * as nn from '@x/nn';
import { makeDivisible, type ActLayer } from '../../layers/index';
import type { BlockArgs } from './arch-def';
import { createConv2d } from '../../layers/index';
import { batchNormAct, ConvBnAct, DepthwiseSeparableConv, EdgeResidual, InvertedResidual, type BatchNormArgs, type BlockOptions, type NormActLayer } from './blocks';

/** timm's round_channels: channels · multiplier made divisible (no multiplier: unchanged). */
export function roundChannels(channels: number, multiplier = 1, divisor = 8, channelMin: number | null = null, roundLimit = 0.9): number {
  if (!multiplier) return channels;
  return makeDivisible(channels * multiplier, divisor, channelMin, roundLimit);
}

/** Makes an SE layer for `channels` reducing by rdRatio, given the block's activation. */
export type RatioSeLayer = (channels: number, actLayer: ActLayer, rdRatio: number) => nn.Module;

export interface EfficientNetBuilderOptions {
  outputStride?: number;
  padType?: string;
  roundChsFn?: (channels: number) => number;
  /** Size SE layers from the expanded (mid) channels rather than the block input. */
  seFromExp?: boolean;
  actLayer: ActLayer;
  normActLayer: (actLayer: ActLayer) => NormActLayer;
  seLayer?: RatioSeLayer | null;
  dropPathRate?: number;
}

export class EfficientNetBuilder {
  readonly outputStride: number;
  readonly padType: string;
  readonly roundChsFn: (channels: number) => number;
  readonly seFromExp: boolean;
  readonly actLayer: ActLayer;
  readonly normActLayer: (actLayer: ActLayer) => NormActLayer;
  readonly seLayer: RatioSeLayer | null;
  readonly dropPathRate: number;
  /** The channels of the last block built (the next block's input). */
  inChs = 0;

  constructor({ outputStride = 32, padType = '', roundChsFn = roundChannels, seFromExp = false, actLayer, normActLayer, seLayer = null, dropPathRate = 0 }: EfficientNetBuilderOptions) {
    if (![8, 16, 32].includes(outputStride)) throw new Error(`outputStride: expected 8, 16 or 32, got ${outputStride}`);
    this.outputStride = outputStride;
    this.padType = padType;
    this.roundChsFn = roundChsFn;
    this.seFromExp = seFromExp;
    this.actLayer = actLayer;
    this.normActLayer = normActLayer;
    this.seLayer = seLayer;
    this.dropPathRate = dropPathRate;
  }

  private makeBlock(ba: BlockArgs & { dilation: number }, blockIdx: number, blockCount: number): nn.Module {
    const actLayer = ba.actLayer ?? this.actLayer;
    const common: BlockOptions = {
      inChs: this.inChs,
      outChs: this.roundChsFn(ba.outChs),
      stride: ba.stride,
      dilation: ba.dilation,
      padType: this.padType,
      actLayer,
      normActLayer: this.normActLayer(actLayer),
      dropPathRate: (this.dropPathRate * blockIdx) / blockCount,
      ...(ba.groupSize !== undefined ? { groupSize: ba.groupSize } : {}),
    };
    let seRatio = ba.seRatio ?? 0;
    if (seRatio && this.seLayer) {
      // Without seFromExp the ratio is of the block's input, and the SE sits on the expanded channels.
      if (!this.seFromExp) seRatio /= ba.expRatio ?? 1;
      const seLayer = this.seLayer;
      const ratio = seRatio;
      common.seLayer = (channels, act) => seLayer(channels, act, ratio);
    }
    const { dwKernelSize, expKernelSize, pwKernelSize, expRatio, noskip } = ba;
    const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
    let block: nn.Module;
    switch (ba.blockType) {
      case 'ir':
        block = new InvertedResidual({ ...common, ...defined({ dwKernelSize, expKernelSize, pwKernelSize, expRatio, noskip }) });
        break;
      case 'ds':
      case 'dsa':
        block = new DepthwiseSeparableConv({ ...common, ...defined({ dwKernelSize, pwKernelSize, noskip, pwAct: ba.pwAct }) });
        break;
      case 'er': {
        const forceInChs = ba.forceInChs ? this.roundChsFn(ba.forceInChs) : 0;
        block = new EdgeResidual({ ...common, ...defined({ expKernelSize, pwKernelSize, expRatio, noskip }), forceInChs });
        break;
      }
      case 'cn':
        block = new ConvBnAct({ ...common, kernelSize: ba.kernelSize!, skip: ba.skip ?? false });
        break;
    }
    this.inChs = common.outChs;
    return block;
  }

  /** The stages (each an nn.Sequential of blocks) from `inChs` channels; inChs ends as the last block's. */
  build(inChs: number, modelBlockArgs: readonly (readonly BlockArgs[])[]): nn.Sequential[] {
    this.inChs = inChs;
    const totalBlockCount = modelBlockArgs.reduce((n, s) => n + s.length, 0);
    let totalBlockIdx = 0;
    let currentStride = 2;
    let currentDilation = 1;
    return modelBlockArgs.map((stackArgs) => {
      const blocks = stackArgs.map((args, blockIdx) => {
        if (args.stride !== 1 && args.stride !== 2) throw new Error(`block stride: expected 1 or 2, got ${args.stride}`);
        // Only a stage's first block strides.
        let stride = blockIdx >= 1 ? 1 : args.stride;
        let nextDilation = currentDilation;
        if (stride > 1) {
          const nextOutputStride = currentStride * stride;
          if (nextOutputStride > this.outputStride) {
            nextDilation = currentDilation * stride;
            stride = 1;
          } else {
            currentStride = nextOutputStride;
          }
        }
        const block = this.makeBlock({ ...args, stride, dilation: currentDilation }, totalBlockIdx, totalBlockCount);
        currentDilation = nextDilation;
        totalBlockIdx++;
        return block;
      });
      return new nn.Sequential(...blocks);
    });
  }
}

export interface TrunkOptions extends Omit<EfficientNetBuilderOptions, 'normActLayer'> {
  inChans: number;
  stemSize: number;
  stemKernelSize?: number;
  /** Keep the stem's channels unscaled by roundChsFn. */
  fixStem?: boolean;
  bnArgs?: BatchNormArgs;
}

/** What EfficientNet and MobileNetV3 share before their heads: a stride-2 stem conv, its norm+act, and the stages. */
export function buildTrunk(blockArgs: readonly (readonly BlockArgs[])[], o: TrunkOptions): { convStem: nn.Conv2d; bn1: nn.Module; blocks: nn.Sequential; outChs: number } {
  const { inChans, stemKernelSize = 3, fixStem = false, padType = '', roundChsFn = roundChannels, bnArgs = {} } = o;
  const normActLayer = (act: ActLayer): NormActLayer => batchNormAct(act, bnArgs);
  const stemSize = fixStem ? o.stemSize : roundChsFn(o.stemSize);
  const convStem = createConv2d(inChans, stemSize, stemKernelSize, { stride: 2, padding: padType });
  const bn1 = normActLayer(o.actLayer)(stemSize);
  const builder = new EfficientNetBuilder({ ...o, normActLayer });
  const blocks = new nn.Sequential(...builder.build(stemSize, blockArgs));
  return { convStem, bn1, blocks, outChs: builder.inChs };
}
