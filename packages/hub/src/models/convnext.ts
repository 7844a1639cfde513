/**
 * timm's ConvNeXt (models/convnext.py): a patchify stem, four stages of ConvNeXtBlocks (depthwise
 * 7×7 → LayerNorm → Mlp, layer-scaled, with a stochastic-depth residual), each stage after the first
 * downsampling with LayerNorm2d + a stride-2 convolution, and timm's NormMlpClassifierHead.
 */
import { ones, zeros, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import type { TimmModel } from '../hub-model';
import { forwardTensor } from '../module-call';
import { takeArgs } from '../model-args';
import type { BuildArgs, ModelEntrypoint } from '../registry';
import { HeadClassifierModel } from './classifier-reset';
import { ClassifierHead } from '../layers/classifier';
import { dropPathOrIdentity } from '../layers/drop-path';
import { calculateStageDropPathRates } from '../layers/drop-path-rates';
import { GELU } from '../layers/gelu';
import { LayerNorm, LayerNorm2d } from '../layers/layer-norm';
import { Mlp } from '../layers/mlp';
import { NormMlpClassifierHead } from '../layers/norm-mlp-classifier-head';

type NormFactory = (channels: number) => nn.Module;

export interface ConvNeXtBlockOptions {
  kernelSize?: number;
  mlpRatio?: number;
  /** 1×1 convolutions and a channels-first norm in place of Linear layers on channels-last input. */
  convMlp?: boolean;
  convBias?: boolean;
  /** Initial layer scale; null for none. */
  lsInitValue?: number | null;
  normLayer?: NormFactory;
  dropPath?: number;
}

export class ConvNeXtBlock extends nn.Module {
  gamma: nn.Parameter | null;
  conv_dw: nn.Conv2d;
  norm: nn.Module;
  mlp: Mlp;
  shortcut: nn.Module;
  drop_path: nn.Module;
  readonly useConvMlp: boolean;

  constructor(channels: number, { kernelSize = 7, mlpRatio = 4, convMlp = false, convBias = true, lsInitValue = 1e-6, normLayer, dropPath = 0 }: ConvNeXtBlockOptions = {}) {
    super();
    this.useConvMlp = convMlp;
    const norm = normLayer ?? ((c: number) => (convMlp ? new LayerNorm2d(c) : new LayerNorm(c)));
    this.conv_dw = new nn.Conv2d(channels, channels, kernelSize, { padding: Math.floor((kernelSize - 1) / 2), groups: channels, bias: convBias });
    this.norm = norm(channels);
    this.mlp = new Mlp(channels, { hiddenFeatures: Math.floor(mlpRatio * channels), actLayer: () => new GELU(), useConv: convMlp });
    this.gamma = lsInitValue === null ? null : new nn.Parameter(ones([channels]).mul(lsInitValue));
    this.shortcut = new nn.Identity();
    this.drop_path = dropPathOrIdentity(dropPath);
  }

  forward(x: Tensor): Tensor {
    const shortcut = x;
    x = this.conv_dw.forward(x);
    if (this.useConvMlp) x = this.mlp.forward(forwardTensor(this.norm, x));
    else x = this.mlp.forward(forwardTensor(this.norm, x.permute(0, 2, 3, 1))).permute(0, 3, 1, 2);
    if (this.gamma !== null) x = x.mul(this.gamma.reshape(1, -1, 1, 1));
    return forwardTensor(this.drop_path, x).add(forwardTensor(this.shortcut, shortcut));
  }
}

export interface ConvNeXtStageOptions extends Omit<ConvNeXtBlockOptions, 'dropPath' | 'normLayer'> {
  stride?: number;
  depth?: number;
  dropPathRates?: readonly number[];
  /** The channels-first norm (the downsampling's, and the blocks' with convMlp). */
  normLayer: NormFactory;
  /** The blocks' channels-last norm (without convMlp). */
  normLayerCl: NormFactory;
}

export class ConvNeXtStage extends nn.Module {
  downsample: nn.Module;
  blocks: nn.Sequential;

  constructor(inChs: number, outChs: number, { stride = 2, depth = 2, dropPathRates, normLayer, normLayerCl, convBias = true, ...block }: ConvNeXtStageOptions) {
    super();
    if (inChs !== outChs || stride > 1) {
      this.downsample = new nn.Sequential(normLayer(inChs), new nn.Conv2d(inChs, outChs, stride > 1 ? 2 : 1, { stride, bias: convBias }));
    } else {
      this.downsample = new nn.Identity();
    }
    const rates = dropPathRates ?? Array<number>(depth).fill(0);
    const blocks: nn.Module[] = [];
    for (let i = 0; i < depth; i++) {
      blocks.push(new ConvNeXtBlock(outChs, { ...block, convBias, dropPath: rates[i]!, normLayer: block.convMlp ? normLayer : normLayerCl }));
    }
    this.blocks = new nn.Sequential(...blocks);
  }

  forward(x: Tensor): Tensor {
    return this.blocks.forward(forwardTensor(this.downsample, x));
  }
}

export interface ConvNeXtOptions {
  inChans?: number;
  numClasses?: number;
  globalPool?: string;
  /** Only 32 here: the dilated stages of 8 and 16 are not implemented. */
  outputStride?: number;
  depths?: readonly number[];
  dims?: readonly number[];
  kernelSizes?: number | readonly number[];
  lsInitValue?: number | null;
  patchSize?: number;
  headInitScale?: number;
  /** norm → pool → fc (a ClassifierHead) in place of ConvNeXt's pool → norm → fc. */
  headNormFirst?: boolean;
  headHiddenSize?: number | null;
  convMlp?: boolean;
  convBias?: boolean;
  normEps?: number | null;
  dropRate?: number;
  dropPathRate?: number;
}

export class ConvNeXt extends HeadClassifierModel implements TimmModel {
  stem: nn.Sequential;
  stages: nn.Sequential;
  norm_pre: nn.Module;
  override head: NormMlpClassifierHead | ClassifierHead;
  override numClasses: number;
  readonly inChans: number;
  readonly dropRate: number;
  readonly numFeatures: number;
  readonly headHiddenSize: number;

  constructor({
    inChans = 3, numClasses = 1000, globalPool = 'avg', outputStride = 32, depths = [3, 3, 9, 3], dims = [96, 192, 384, 768], kernelSizes = 7, lsInitValue = 1e-6,
    patchSize = 4, headInitScale = 1, headNormFirst = false, headHiddenSize = null, convMlp = false, convBias = true, normEps = null, dropRate = 0, dropPathRate = 0,
  }: ConvNeXtOptions = {}) {
    super();
    if (outputStride !== 32) throw new Error(`ConvNeXt: outputStride ${outputStride} needs dilated stages, which are not implemented here; expected 32`);
    if (depths.length !== 4 || dims.length !== 4) throw new Error(`ConvNeXt: expected 4 stage depths and 4 dims, got depths [${depths.join(', ')}] and dims [${dims.join(', ')}]`);
    const kernels = typeof kernelSizes === 'number' ? [kernelSizes, kernelSizes, kernelSizes, kernelSizes] : [...kernelSizes];
    if (kernels.length !== 4) throw new Error(`ConvNeXt: expected one kernel size or 4, got [${kernels.join(', ')}]`);
    const eps = normEps ?? undefined;
    const normLayer: NormFactory = (c) => new LayerNorm2d(c, { eps });
    const normLayerCl: NormFactory = convMlp ? normLayer : (c) => new LayerNorm(c, { eps });
    this.numClasses = numClasses;
    this.inChans = inChans;
    this.dropRate = dropRate;

    this.stem = new nn.Sequential(new nn.Conv2d(inChans, dims[0]!, patchSize, { stride: patchSize, bias: convBias }), normLayer(dims[0]!));
    const dpRates = calculateStageDropPathRates(dropPathRate, depths);
    const stages: nn.Module[] = [];
    let prevChs = dims[0]!;
    let currStride = patchSize;
    for (let i = 0; i < 4; i++) {
      // A stem of stride 2 leaves the first stage to downsample too.
      const stride = currStride === 2 || i > 0 ? 2 : 1;
      if (currStride >= outputStride && stride > 1) throw new Error(`ConvNeXt: a stem of stride ${patchSize} reaches outputStride ${outputStride} before stage ${i}, which then needs dilation (not implemented here)`);
      currStride *= stride;
      stages.push(
        new ConvNeXtStage(prevChs, dims[i]!, {
          kernelSize: kernels[i]!, stride, depth: depths[i]!, dropPathRates: dpRates[i]!, lsInitValue, convMlp, convBias, normLayer, normLayerCl,
        }),
      );
      prevChs = dims[i]!;
    }
    this.stages = new nn.Sequential(...stages);
    this.numFeatures = prevChs;

    if (headNormFirst) {
      if (headHiddenSize) throw new Error('ConvNeXt: headHiddenSize needs headNormFirst false (the hidden layer is part of the norm-last head)');
      this.norm_pre = normLayer(this.numFeatures);
      this.head = new ClassifierHead(this.numFeatures, numClasses, { poolType: globalPool, dropRate });
      this.headHiddenSize = this.numFeatures;
    } else {
      this.norm_pre = new nn.Identity();
      const head = new NormMlpClassifierHead(this.numFeatures, numClasses, { hiddenSize: headHiddenSize, poolType: globalPool, dropRate, normLayer, actLayer: () => new GELU() });
      this.head = head;
      this.headHiddenSize = head.numFeatures;
    }
    this.initWeights(headInitScale);
  }

  /** timm's _init_weights: truncated-normal convolutions and Linears, zero biases, the head's Linears scaled. */
  private initWeights(headInitScale: number): void {
    for (const [name, m] of this.namedModules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.truncNormal_(m.weight, { std: 0.02 });
        if (m.bias !== null) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.Linear) {
        nn.init.truncNormal_(m.weight, { std: 0.02 });
        if (m.bias !== null) nn.init.zeros_(m.bias);
        if (`${name}.`.includes('head.')) {
          m.weight.data.mul_(headInitScale);
          m.bias?.data.mul_(headInitScale);
        }
      }
    }
  }

  forwardFeatures(x: Tensor): Tensor {
    return forwardTensor(this.norm_pre, this.stages.forward(this.stem.forward(x)));
  }

  forwardHead(x: Tensor, preLogits = false): Tensor {
    return this.head.forward(x, preLogits);
  }

  forward(x: Tensor): Tensor {
    return this.forwardHead(this.forwardFeatures(x));
  }
}

/**
 * timm's convnext checkpoint_filter_fn: a checkpoint in timm's layout loads as it is; the original
 * (facebookresearch) layout and an OpenCLIP tower ('visual.trunk.') are renamed to timm's.
 */
export function convnextCheckpointFilter(state: Record<string, Tensor>, model: nn.Module): Record<string, Tensor> {
  if ('head.norm.weight' in state || 'norm_pre.weight' in state) return state;
  const out: Record<string, Tensor> = {};
  if ('visual.trunk.stem.0.weight' in state) {
    const prefix = 'visual.trunk.';
    for (const [k, v] of Object.entries(state)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
    const proj = state['visual.head.proj.weight'];
    const fc1 = state['visual.head.mlp.fc1.weight'];
    if (proj) {
      out['head.fc.weight'] = proj;
      out['head.fc.bias'] = zeros([proj.shape[0]!]);
    } else if (fc1) {
      const fc2 = state['visual.head.mlp.fc2.weight']!;
      out['head.pre_logits.fc.weight'] = fc1;
      out['head.pre_logits.fc.bias'] = state['visual.head.mlp.fc1.bias']!;
      out['head.fc.weight'] = fc2;
      out['head.fc.bias'] = zeros([fc2.shape[0]!]);
    }
    return out;
  }
  const modelState = model.stateDict();
  for (let [k, v] of Object.entries(state)) {
    if (k.startsWith('projectors.') || k.startsWith('norms.')) continue;
    k = k.replace('downsample_layers.0.', 'stem.');
    k = k.replace(/stages.([0-9]+).([0-9]+)/, 'stages.$1.blocks.$2');
    k = k.replace(/downsample_layers.([0-9]+).([0-9]+)/, 'stages.$1.downsample.$2');
    k = k.replace('dwconv', 'conv_dw');
    k = k.replace('pwconv', 'mlp.fc');
    if (k.includes('grn')) throw new Error(`convnextCheckpointFilter: '${k}' is a ConvNeXt-V2 (GRN) weight; GRN is not implemented here`);
    k = k.replace('head.', 'head.fc.');
    if (k.startsWith('norm.')) k = k.replace('norm', 'head.norm');
    // The original's 1×1 MLP weights are Linear matrices; a conv-MLP model wants [out, in, 1, 1].
    if (v.dim() === 2 && !k.includes('head')) {
      const target = modelState[k];
      if (!target) throw new Error(`convnextCheckpointFilter: the checkpoint's '${k}' has no counterpart in the model`);
      v = v.reshape(target.shape);
    }
    out[k] = v;
  }
  return out;
}

const CONVNEXT_DEFAULTS = {
  globalPool: 'avg', outputStride: 32, kernelSizes: 7 as number | readonly number[], lsInitValue: 1e-6 as number | null, patchSize: 4, headInitScale: 1, headNormFirst: false,
  headHiddenSize: null as number | null, convMlp: false, convBias: true, normEps: null as number | null, dropRate: 0, dropPathRate: 0,
};

function convnextBuilder(name: string, depths: readonly number[], dims: readonly number[]): ModelEntrypoint {
  return {
    name,
    module: 'convnext',
    build: (args: BuildArgs) => new ConvNeXt(takeArgs(name, args, { ...CONVNEXT_DEFAULTS, depths, dims })),
    checkpointFilter: convnextCheckpointFilter,
  };
}

export const convnextEntrypoints: readonly ModelEntrypoint[] = [
  convnextBuilder('convnext_tiny', [3, 3, 9, 3], [96, 192, 384, 768]),
  convnextBuilder('convnext_small', [3, 3, 27, 3], [96, 192, 384, 768]),
];
