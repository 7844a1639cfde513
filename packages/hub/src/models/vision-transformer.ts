/**
 * timm's VisionTransformer (models/vision_transformer.py): patch embeddings, a class token (and
 * optional register tokens) with learned position embeddings, pre-norm transformer Blocks, and a
 * head on the class token or the average of the patch tokens. The position embeddings follow the
 * input's size for a model made with dynamicImgSize, and a checkpoint's are resampled to the
 * model's grid when it was trained at another image size.
 */
import { cat, empty, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import type { TimmModel } from '../hub-model';
import { forwardTensor } from '../module-call';
import { takeArgs } from '../model-args';
import type { BuildArgs, ModelEntrypoint } from '../registry';
import { Attention } from '../layers/attention';
import { dropPathOrIdentity } from '../layers/drop-path';
import { calculateDropPathRates } from '../layers/drop-path-rates';
import { LayerNorm } from '../layers/layer-norm';
import { LayerScale } from '../layers/layer-scale';
import { Mlp } from '../layers/mlp';
import { PatchEmbed, toSize2 } from '../layers/patch-embed';
import { resampleAbsPosEmbed } from '../layers/pos-embed';

type NormFactory = (dim: number) => nn.Module;

export interface BlockOptions {
  mlpRatio?: number;
  qkvBias?: boolean;
  qkNorm?: boolean;
  scaleAttnNorm?: boolean;
  scaleMlpNorm?: boolean;
  projBias?: boolean;
  projDrop?: number;
  attnDrop?: number;
  /** Layer-scale initial value; none (an Identity) when null or 0. */
  initValues?: number | null;
  dropPath?: number;
  normLayer?: NormFactory;
}

/** Pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)), each layer-scaled and drop-pathed. */
export class Block extends nn.Module {
  norm1: nn.Module;
  attn: Attention;
  ls1: nn.Module;
  drop_path1: nn.Module;
  norm2: nn.Module;
  mlp: Mlp;
  ls2: nn.Module;
  drop_path2: nn.Module;

  constructor(dim: number, numHeads: number, {
    mlpRatio = 4, qkvBias = false, qkNorm = false, scaleAttnNorm = false, scaleMlpNorm = false, projBias = true, projDrop = 0, attnDrop = 0, initValues = null, dropPath = 0,
    normLayer = (d: number) => new LayerNorm(d),
  }: BlockOptions = {}) {
    super();
    this.norm1 = normLayer(dim);
    this.attn = new Attention(dim, { numHeads, qkvBias, qkNorm, scaleNorm: scaleAttnNorm, projBias, attnDrop, projDrop, normLayer });
    this.ls1 = initValues ? new LayerScale(dim, initValues) : new nn.Identity();
    this.drop_path1 = dropPathOrIdentity(dropPath);
    this.norm2 = normLayer(dim);
    this.mlp = new Mlp(dim, { hiddenFeatures: Math.floor(dim * mlpRatio), normLayer: scaleMlpNorm ? normLayer : null, bias: projBias, drop: projDrop });
    this.ls2 = initValues ? new LayerScale(dim, initValues) : new nn.Identity();
    this.drop_path2 = dropPathOrIdentity(dropPath);
  }

  forward(x: Tensor): Tensor {
    x = x.add(forwardTensor(this.drop_path1, forwardTensor(this.ls1, this.attn.forward(forwardTensor(this.norm1, x)))));
    return x.add(forwardTensor(this.drop_path2, forwardTensor(this.ls2, this.mlp.forward(forwardTensor(this.norm2, x)))));
  }
}

const GLOBAL_POOLS = ['', 'avg', 'avgmax', 'max', 'token'];
const WEIGHT_INITS = ['', 'jax', 'jax_nlhb', 'moco', 'skip', 'reset'];

/** The block settings every block of a VisionTransformer shares. */
type SharedBlockOptions = Pick<BlockOptions, 'mlpRatio' | 'qkvBias' | 'qkNorm' | 'scaleAttnNorm' | 'scaleMlpNorm' | 'projBias' | 'initValues'>;

export interface VisionTransformerOptions extends SharedBlockOptions {
  imgSize?: number | readonly number[];
  patchSize?: number | readonly number[];
  inChans?: number;
  numClasses?: number;
  /** 'token' (the class token), 'avg', 'avgmax', 'max' (over the patch tokens), or '' (all tokens). */
  globalPool?: string;
  embedDim?: number;
  depth?: number;
  numHeads?: number;
  classToken?: boolean;
  /** 'learn', or '' / 'none' for no position embeddings. */
  posEmbed?: string;
  /** Position embeddings for the patches only, added before the prefix tokens are joined. */
  noEmbedClass?: boolean;
  regTokens?: number;
  /** A norm after the embeddings (no bias in the patch projection then), as CLIP's ViT. */
  preNorm?: boolean;
  finalNorm?: boolean;
  /** Norm after pooling in place of before; default: with 'avg', 'avgmax' and 'max' pooling. */
  fcNorm?: boolean | null;
  poolIncludePrefix?: boolean;
  /** Accept any input size in whole patches, resampling the position embeddings to it. */
  dynamicImgSize?: boolean;
  dropRate?: number;
  posDropRate?: number;
  projDropRate?: number;
  attnDropRate?: number;
  dropPathRate?: number;
  /** timm's weight_init: '' (timm's), 'jax', 'jax_nlhb', 'moco', 'skip' or 'reset'. */
  weightInit?: string;
  fixInit?: boolean;
}

export class VisionTransformer extends nn.Module implements TimmModel {
  cls_token: nn.Parameter | null;
  reg_token: nn.Parameter | null;
  pos_embed: nn.Parameter | null;
  patch_embed: PatchEmbed;
  pos_drop: nn.Dropout;
  patch_drop: nn.Module;
  norm_pre: nn.Module;
  blocks: nn.Sequential;
  norm: nn.Module;
  fc_norm: nn.Module;
  head_drop: nn.Dropout;
  head: nn.Module;
  numClasses: number;
  globalPool: string;
  readonly inChans: number;
  readonly embedDim: number;
  readonly numFeatures: number;
  readonly numPrefixTokens: number;
  readonly numRegTokens: number;
  readonly hasClassToken: boolean;
  readonly noEmbedClass: boolean;
  readonly poolIncludePrefix: boolean;
  readonly dynamicImgSize: boolean;

  constructor({
    imgSize = 224, patchSize = 16, inChans = 3, numClasses = 1000, globalPool = 'token', embedDim = 768, depth = 12, numHeads = 12, mlpRatio = 4, qkvBias = true, qkNorm = false,
    scaleAttnNorm = false, scaleMlpNorm = false, projBias = true, initValues = null, classToken = true, posEmbed = 'learn', noEmbedClass = false, regTokens = 0, preNorm = false,
    finalNorm = true, fcNorm = null, poolIncludePrefix = false, dynamicImgSize = false, dropRate = 0, posDropRate = 0, projDropRate = 0, attnDropRate = 0, dropPathRate = 0,
    weightInit = '', fixInit = false,
  }: VisionTransformerOptions = {}) {
    super();
    if (!GLOBAL_POOLS.includes(globalPool)) throw new Error(`VisionTransformer: expected globalPool ${GLOBAL_POOLS.map((p) => `'${p}'`).join(', ')}, got '${globalPool}' (attention pooling 'map' / 'prr' is not implemented)`);
    if (!classToken && globalPool === 'token') throw new Error("VisionTransformer: globalPool 'token' needs classToken true");
    if (!['', 'none', 'learn'].includes(posEmbed)) throw new Error(`VisionTransformer: expected posEmbed 'learn', 'none' or '', got '${posEmbed}'`);
    if (!WEIGHT_INITS.includes(weightInit)) throw new Error(`VisionTransformer: expected weightInit ${WEIGHT_INITS.map((w) => `'${w}'`).join(', ')}, got '${weightInit}'`);
    if (!Number.isInteger(regTokens) || regTokens < 0) throw new Error(`VisionTransformer: expected regTokens a non-negative integer, got ${regTokens}`);
    const useFcNorm = fcNorm ?? ['avg', 'avgmax', 'max'].includes(globalPool);
    const normLayer: NormFactory = (d) => new LayerNorm(d);

    this.numClasses = numClasses;
    this.inChans = inChans;
    this.globalPool = globalPool;
    this.numFeatures = this.embedDim = embedDim;
    this.numPrefixTokens = (classToken ? 1 : 0) + regTokens;
    this.numRegTokens = regTokens;
    this.hasClassToken = classToken;
    this.noEmbedClass = noEmbedClass;
    this.poolIncludePrefix = poolIncludePrefix;
    this.dynamicImgSize = dynamicImgSize;

    this.patch_embed = new PatchEmbed({
      imgSize, patchSize, inChans, embedDim, bias: !preNorm, ...(dynamicImgSize ? { strictImgSize: false, outputFmt: 'NHWC' as const } : {}),
    });
    const numPatches = this.patch_embed.numPatches!;
    this.cls_token = classToken ? new nn.Parameter(empty([1, 1, embedDim])) : null;
    this.reg_token = regTokens ? new nn.Parameter(empty([1, regTokens, embedDim])) : null;
    const embedLen = noEmbedClass ? numPatches : numPatches + this.numPrefixTokens;
    this.pos_embed = posEmbed && posEmbed !== 'none' ? new nn.Parameter(empty([1, embedLen, embedDim])) : null;
    this.pos_drop = new nn.Dropout(posDropRate);
    this.patch_drop = new nn.Identity();
    this.norm_pre = preNorm ? normLayer(embedDim) : new nn.Identity();
    const dpr = calculateDropPathRates(dropPathRate, depth);
    const blocks: nn.Module[] = [];
    for (let i = 0; i < depth; i++) {
      blocks.push(new Block(embedDim, numHeads, { mlpRatio, qkvBias, qkNorm, scaleAttnNorm, scaleMlpNorm, projBias, initValues, projDrop: projDropRate, attnDrop: attnDropRate, dropPath: dpr[i]!, normLayer }));
    }
    this.blocks = new nn.Sequential(...blocks);
    this.norm = finalNorm && !useFcNorm ? normLayer(embedDim) : new nn.Identity();
    this.fc_norm = finalNorm && useFcNorm ? normLayer(embedDim) : new nn.Identity();
    this.head_drop = new nn.Dropout(dropRate);
    this.head = numClasses > 0 ? new nn.Linear(embedDim, numClasses) : new nn.Identity();

    if (weightInit !== 'skip') {
      this.initWeights(weightInit);
      if (fixInit) this.fixInitWeight();
    }
  }

  /** timm's init_weights (needs_reset false: the layers made here are already reset). */
  private initWeights(mode: string): void {
    if (this.pos_embed !== null) nn.init.truncNormal_(this.pos_embed, { std: 0.02 });
    if (this.cls_token !== null) nn.init.normal_(this.cls_token, { std: 1e-6 });
    if (this.reg_token !== null) nn.init.normal_(this.reg_token, { std: 1e-6 });
    if (mode === 'reset') return;
    const headBias = mode.includes('nlhb') ? -Math.log(this.numClasses) : 0;
    for (const [name, m] of this.namedModules()) {
      if (mode.startsWith('jax')) initJax(name, m, headBias);
      else if (mode.startsWith('moco')) initMoco(name, m);
      else if (m instanceof nn.Linear) {
        nn.init.truncNormal_(m.weight, { std: 0.02 });
        if (m.bias !== null) nn.init.zeros_(m.bias);
      }
    }
  }

  /** Scales each block's output projections down by sqrt(2·(layer + 1)). */
  private fixInitWeight(): void {
    [...this.blocks.children()].forEach((block, i) => {
      const b = block as Block;
      const scale = Math.sqrt(2 * (i + 1));
      b.attn.proj.weight.data.div_(scale);
      b.mlp.fc2.weight.data.div_(scale);
    });
  }

  getClassifier(): nn.Module {
    return this.head;
  }

  resetClassifier(numClasses: number, globalPool?: string): void {
    this.numClasses = numClasses;
    if (globalPool !== undefined) {
      if (!GLOBAL_POOLS.includes(globalPool)) throw new Error(`VisionTransformer.resetClassifier: expected globalPool ${GLOBAL_POOLS.map((p) => `'${p}'`).join(', ')}, got '${globalPool}'`);
      this.globalPool = globalPool;
    }
    this.head = numClasses > 0 ? new nn.Linear(this.embedDim, numClasses) : new nn.Identity();
  }

  /** Joins the prefix tokens and adds the position embeddings (resampled to the input's grid with dynamicImgSize). */
  private posEmbed(x: Tensor): Tensor {
    const n = x.shape[0]!;
    const prefix: Tensor[] = [];
    if (this.cls_token !== null) prefix.push(this.cls_token.expand(n, -1, -1));
    if (this.reg_token !== null) prefix.push(this.reg_token.expand(n, -1, -1));
    if (this.pos_embed === null) return cat([...prefix, x.reshape(n, -1, x.shape[x.dim() - 1]!)], 1);
    let posEmbed: Tensor = this.pos_embed;
    if (this.dynamicImgSize) {
      const [, h, w, c] = x.shape as [number, number, number, number];
      posEmbed = resampleAbsPosEmbed(this.pos_embed, [h, w], { oldSize: this.patch_embed.gridSize, numPrefixTokens: this.noEmbedClass ? 0 : this.numPrefixTokens });
      x = x.reshape(n, -1, c);
    }
    if (this.noEmbedClass) {
      x = x.add(posEmbed);
      if (prefix.length) x = cat([...prefix, x], 1);
    } else {
      if (prefix.length) x = cat([...prefix, x], 1);
      x = x.add(posEmbed);
    }
    return this.pos_drop.forward(x);
  }

  forwardFeatures(x: Tensor): Tensor {
    x = this.posEmbed(this.patch_embed.forward(x));
    x = forwardTensor(this.norm_pre, forwardTensor(this.patch_drop, x));
    return forwardTensor(this.norm, this.blocks.forward(x));
  }

  /** timm's global_pool_nlc: the class token, or a reduction over the (patch) tokens. */
  pool(x: Tensor, poolType = this.globalPool): Tensor {
    if (!poolType) return x;
    if (poolType === 'token') return x.select(1, 0);
    const tokens = this.poolIncludePrefix ? x : x.narrow(1, this.numPrefixTokens, x.shape[1]! - this.numPrefixTokens);
    if (poolType === 'avg') return tokens.mean(1);
    if (poolType === 'avgmax') return tokens.amax(1).add(tokens.mean(1)).mul(0.5);
    return tokens.amax(1);
  }

  forwardHead(x: Tensor, preLogits = false): Tensor {
    x = this.head_drop.forward(forwardTensor(this.fc_norm, this.pool(x)));
    return preLogits ? x : forwardTensor(this.head, x);
  }

  forward(x: Tensor): Tensor {
    return this.forwardHead(this.forwardFeatures(x));
  }
}

/** timm's lecun_normal_: truncated normal with variance 1/fanIn (truncated at ±2 standard deviations). */
function lecunNormal_(w: Tensor): void {
  const [fanIn] = nn.init.calculateFanInAndFanOut(w);
  // The std of a standard normal truncated to [-2, 2]; dividing by it restores the variance.
  const std = Math.sqrt(1 / fanIn) / 0.87962566103423978;
  nn.init.truncNormal_(w, { std, a: -2 * std, b: 2 * std });
}

/** timm's init_weights_vit_jax for one module. */
function initJax(name: string, m: nn.Module, headBias: number): void {
  if (m instanceof nn.Linear) {
    if (name.startsWith('head')) {
      nn.init.zeros_(m.weight);
      if (m.bias !== null) nn.init.constant_(m.bias, headBias);
    } else {
      nn.init.xavierUniform_(m.weight);
      if (m.bias !== null) {
        if (name.includes('mlp')) nn.init.normal_(m.bias, { std: 1e-6 });
        else nn.init.zeros_(m.bias);
      }
    }
  } else if (m instanceof nn.Conv2d) {
    lecunNormal_(m.weight);
    if (m.bias !== null) nn.init.zeros_(m.bias);
  }
}

/** timm's init_weights_vit_moco for one module: q, k and v initialised as three matrices. */
function initMoco(name: string, m: nn.Module): void {
  if (!(m instanceof nn.Linear)) return;
  if (name.includes('qkv')) {
    const [rows, cols] = m.weight.shape as [number, number];
    const val = Math.sqrt(6 / (Math.floor(rows / 3) + cols));
    nn.init.uniform_(m.weight, -val, val);
  } else nn.init.xavierUniform_(m.weight);
  if (m.bias !== null) nn.init.zeros_(m.bias);
}

/**
 * timm's checkpoint_filter_fn for ViT checkpoints in timm's layout: position embeddings resampled
 * (bicubic, antialiased, as timm) when the checkpoint's grid differs from the model's, a flattened
 * patch projection reshaped to the convolution's, the unused pre_logits dropped, and with
 * `adaptLayerScale` DeiT-3's gamma_1 / gamma_2 renamed ls1.gamma / ls2.gamma.
 */
export function vitCheckpointFilter(state: Record<string, Tensor>, model: nn.Module, { adaptLayerScale = false } = {}): Record<string, Tensor> {
  if (!(model instanceof VisionTransformer)) throw new TypeError(`vitCheckpointFilter: expected a VisionTransformer, got ${model.constructor.name}`);
  const out: Record<string, Tensor> = {};
  for (let [k, v] of Object.entries(state)) {
    if (k.includes('patch_embed.proj.weight')) {
      const [o, , h, w] = model.patch_embed.proj.weight.shape as [number, number, number, number];
      if (v.dim() < 4) v = v.reshape(o, -1, h, w);
      if (v.shape[2] !== h || v.shape[3] !== w) {
        throw new Error(`vitCheckpointFilter: the checkpoint's patch size ${v.shape[2]}×${v.shape[3]} differs from the model's ${h}×${w}; resampling patch embeddings is not implemented, build the model with patchSize [${v.shape[2]}, ${v.shape[3]}]`);
      }
    } else if (k === 'pos_embed' && model.pos_embed !== null && v.shape[1] !== model.pos_embed.shape[1]) {
      v = resampleAbsPosEmbed(v, model.patch_embed.gridSize!, { numPrefixTokens: model.noEmbedClass ? 0 : model.numPrefixTokens });
    } else if (adaptLayerScale && k.includes('gamma_')) {
      k = k.replace(/gamma_([0-9])/, 'ls$1.gamma');
    } else if (k.includes('pre_logits')) continue;
    out[k] = v;
  }
  return out;
}

const VIT_DEFAULTS = {
  imgSize: 224 as number | readonly number[], patchSize: 16 as number | readonly number[], globalPool: 'token', embedDim: 768, depth: 12, numHeads: 12, mlpRatio: 4, qkvBias: true,
  qkNorm: false, scaleAttnNorm: false, scaleMlpNorm: false, projBias: true, initValues: null as number | null, classToken: true, posEmbed: 'learn', noEmbedClass: false, regTokens: 0,
  preNorm: false, finalNorm: true, fcNorm: null as boolean | null, poolIncludePrefix: false, dynamicImgSize: false, dropRate: 0, posDropRate: 0, projDropRate: 0, attnDropRate: 0,
  dropPathRate: 0, weightInit: '', fixInit: false,
};

/** A ViT entrypoint: timm's defaults, then the architecture's, then the caller's arguments. */
export function vitEntrypoint(name: string, module: string, modelArgs: Partial<typeof VIT_DEFAULTS>, filterOptions: { adaptLayerScale?: boolean } = {}): ModelEntrypoint {
  return {
    name,
    module,
    build: (args: BuildArgs) => {
      const o = takeArgs(name, args, { ...VIT_DEFAULTS, ...modelArgs });
      return new VisionTransformer({ ...o, imgSize: toSize2(o.imgSize, `${name} imgSize`), patchSize: toSize2(o.patchSize, `${name} patchSize`) });
    },
    checkpointFilter: (state, model) => vitCheckpointFilter(state, model, filterOptions),
  };
}

export const visionTransformerEntrypoints: readonly ModelEntrypoint[] = [
  vitEntrypoint('vit_tiny_patch16_224', 'vision_transformer', { patchSize: 16, embedDim: 192, depth: 12, numHeads: 3 }),
  vitEntrypoint('vit_small_patch16_224', 'vision_transformer', { patchSize: 16, embedDim: 384, depth: 12, numHeads: 6 }),
  vitEntrypoint('vit_base_patch16_224', 'vision_transformer', { patchSize: 16, embedDim: 768, depth: 12, numHeads: 12 }),
  vitEntrypoint('test_vit', 'vision_transformer', { patchSize: 16, embedDim: 64, depth: 6, numHeads: 2, mlpRatio: 3, dynamicImgSize: true }),
];
