/**
 * Vision Transformer (Dosovitskiy et al., 2020): torchvision's VisionTransformer, Encoder,
 * EncoderBlock and MLPBlock, with the same attribute names (so state-dict keys), printed form and
 * initialisation, and the builder vit_b_16.
 */
import { cat, empty, zeros, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { Conv2dNormActivation } from '../ops/conv-norm-activation';
import { buildLayer, type LayerFactory } from '../ops/layer-factory';
import { MLP } from '../ops/mlp';
import { forwardTensor } from '../module-call';
import { defineBuilder } from './builder';

const defaultNorm: LayerFactory = (dim: number) => new nn.LayerNorm(dim, { eps: 1e-6 });

/** The transformer's feed-forward part: Linear → GELU → Dropout → Linear → Dropout. */
export class MLPBlock extends MLP {
  constructor(inDim: number, mlpDim: number, dropout: number) {
    super(inDim, [mlpDim, inDim], { activationLayer: nn.GELU, inplace: null, dropout });
    for (const m of this.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.xavierUniform_(m.weight);
        if (m.bias !== null) nn.init.normal_(m.bias, { std: 1e-6 });
      }
    }
  }
}

/** Pre-norm self-attention and MLP, each with a residual connection. */
export class EncoderBlock extends nn.Module {
  readonly numHeads: number;
  ln_1: nn.Module;
  self_attention: nn.MultiheadAttention;
  dropout: nn.Dropout;
  ln_2: nn.Module;
  mlp: MLPBlock;

  constructor(numHeads: number, hiddenDim: number, mlpDim: number, dropout: number, attentionDropout: number, normLayer: LayerFactory = defaultNorm) {
    super();
    this.numHeads = numHeads;
    this.ln_1 = buildLayer(normLayer, hiddenDim);
    this.self_attention = new nn.MultiheadAttention(hiddenDim, numHeads, { dropout: attentionDropout, batchFirst: true });
    this.dropout = new nn.Dropout(dropout);
    this.ln_2 = buildLayer(normLayer, hiddenDim);
    this.mlp = new MLPBlock(hiddenDim, mlpDim, dropout);
  }

  forward(input: Tensor): Tensor {
    if (input.dim() !== 3) throw new Error(`Expected (batch_size, seq_length, hidden_dim) got torch.Size([${input.shape.join(', ')}])`);
    const normed = forwardTensor(this.ln_1, input);
    const [attended] = this.self_attention.forward({ query: normed, key: normed, value: normed, needWeights: false });
    const x = this.dropout.forward(attended).add(input);
    return x.add(this.mlp.forward(forwardTensor(this.ln_2, x)));
  }
}

/** Learned position embeddings added to the sequence, then the encoder blocks and a final norm. */
export class Encoder extends nn.Module {
  pos_embedding: nn.Parameter;
  dropout: nn.Dropout;
  layers: nn.Sequential;
  ln: nn.Module;

  constructor(
    seqLength: number, numLayers: number, numHeads: number, hiddenDim: number, mlpDim: number, dropout: number, attentionDropout: number,
    normLayer: LayerFactory = defaultNorm,
  ) {
    super();
    // BERT's initialisation of the position embeddings.
    this.pos_embedding = new nn.Parameter(empty([1, seqLength, hiddenDim]).normal_({ std: 0.02 }));
    this.dropout = new nn.Dropout(dropout);
    const layers = new Map<string, nn.Module>();
    for (let i = 0; i < numLayers; i++) layers.set(`encoder_layer_${i}`, new EncoderBlock(numHeads, hiddenDim, mlpDim, dropout, attentionDropout, normLayer));
    this.layers = new nn.Sequential(layers);
    this.ln = buildLayer(normLayer, hiddenDim);
  }

  forward(input: Tensor): Tensor {
    if (input.dim() !== 3) throw new Error(`Expected (batch_size, seq_length, hidden_dim) got torch.Size([${input.shape.join(', ')}])`);
    const x = this.dropout.forward(input.add(this.pos_embedding));
    return forwardTensor(this.ln, this.layers.forward(x));
  }
}

/** One convolution of a convolutional stem (in place of the patchifying convolution). */
export interface ConvStemConfig {
  outChannels: number;
  kernelSize: number;
  stride: number;
  normLayer?: LayerFactory;
  activationLayer?: LayerFactory;
}

export interface VisionTransformerOptions {
  imageSize: number;
  patchSize: number;
  numLayers: number;
  numHeads: number;
  hiddenDim: number;
  mlpDim: number;
  dropout?: number;
  attentionDropout?: number;
  numClasses?: number;
  representationSize?: number | null;
  normLayer?: LayerFactory;
  convStemConfigs?: readonly ConvStemConfig[] | null;
}

export class VisionTransformer extends nn.Module {
  readonly imageSize: number;
  readonly patchSize: number;
  readonly hiddenDim: number;
  readonly mlpDim: number;
  readonly attentionDropout: number;
  readonly dropout: number;
  readonly numClasses: number;
  readonly representationSize: number | null;
  readonly normLayer: LayerFactory;
  conv_proj: nn.Module;
  class_token: nn.Parameter;
  encoder: Encoder;
  readonly seqLength: number;
  heads: nn.Sequential;

  constructor(options: VisionTransformerOptions) {
    super();
    const { imageSize, patchSize, numLayers, numHeads, hiddenDim, mlpDim, dropout = 0.0, attentionDropout = 0.0, numClasses = 1000 } = options;
    const representationSize = options.representationSize ?? null;
    const normLayer = options.normLayer ?? defaultNorm;
    if (imageSize % patchSize !== 0) throw new Error(`Input shape indivisible by patch size! (image size ${imageSize}, patch size ${patchSize})`);
    this.imageSize = imageSize;
    this.patchSize = patchSize;
    this.hiddenDim = hiddenDim;
    this.mlpDim = mlpDim;
    this.attentionDropout = attentionDropout;
    this.dropout = dropout;
    this.numClasses = numClasses;
    this.representationSize = representationSize;
    this.normLayer = normLayer;

    let convLast: nn.Conv2d | null = null;
    if (options.convStemConfigs) {
      const stem = new nn.Sequential();
      let prevChannels = 3;
      options.convStemConfigs.forEach((c, i) => {
        stem.addModule(
          `conv_bn_relu_${i}`,
          new Conv2dNormActivation(prevChannels, c.outChannels, {
            kernelSize: c.kernelSize,
            stride: c.stride,
            normLayer: c.normLayer ?? nn.BatchNorm2d,
            activationLayer: c.activationLayer ?? nn.ReLU,
          }),
        );
        prevChannels = c.outChannels;
      });
      convLast = new nn.Conv2d({ inChannels: prevChannels, outChannels: hiddenDim, kernelSize: 1 });
      stem.addModule('conv_last', convLast);
      this.conv_proj = stem;
    } else {
      this.conv_proj = new nn.Conv2d({ inChannels: 3, outChannels: hiddenDim, kernelSize: patchSize, stride: patchSize });
    }
    this.class_token = new nn.Parameter(zeros([1, 1, hiddenDim]));
    // The patches plus the class token.
    const seqLength = (imageSize / patchSize) ** 2 + 1;
    this.encoder = new Encoder(seqLength, numLayers, numHeads, hiddenDim, mlpDim, dropout, attentionDropout, normLayer);
    this.seqLength = seqLength;
    const heads = new Map<string, nn.Module>();
    if (representationSize === null) heads.set('head', new nn.Linear(hiddenDim, numClasses));
    else {
      heads.set('pre_logits', new nn.Linear(hiddenDim, representationSize));
      heads.set('act', new nn.Tanh());
      heads.set('head', new nn.Linear(representationSize, numClasses));
    }
    this.heads = new nn.Sequential(heads);

    if (this.conv_proj instanceof nn.Conv2d) {
      const fanIn = this.conv_proj.inChannels * this.conv_proj.kernelSize[0]! * this.conv_proj.kernelSize[1]!;
      nn.init.truncNormal_(this.conv_proj.weight, { std: Math.sqrt(1 / fanIn) });
      if (this.conv_proj.bias !== null) nn.init.zeros_(this.conv_proj.bias);
    } else if (convLast !== null) {
      nn.init.normal_(convLast.weight, { mean: 0.0, std: Math.sqrt(2.0 / convLast.outChannels) });
      if (convLast.bias !== null) nn.init.zeros_(convLast.bias);
    }
    const preLogits = heads.get('pre_logits');
    if (preLogits instanceof nn.Linear) {
      nn.init.truncNormal_(preLogits.weight, { std: Math.sqrt(1 / preLogits.inFeatures) });
      nn.init.zeros_(preLogits.bias!);
    }
    const head = heads.get('head') as nn.Linear;
    nn.init.zeros_(head.weight);
    nn.init.zeros_(head.bias!);
  }

  /** [N, 3, H, W] → [N, (H/p)·(W/p), hidden]: one token per patch. */
  private processInput(x: Tensor): Tensor {
    if (x.dim() !== 4) throw new Error(`VisionTransformer: expected an [N, 3, ${this.imageSize}, ${this.imageSize}] image batch, got [${x.shape.join(', ')}]`);
    const [n, , h, w] = x.shape as [number, number, number, number];
    const p = this.patchSize;
    if (h !== this.imageSize) throw new Error(`Wrong image height! Expected ${this.imageSize} but got ${h}!`);
    if (w !== this.imageSize) throw new Error(`Wrong image width! Expected ${this.imageSize} but got ${w}!`);
    const patches = forwardTensor(this.conv_proj, x).reshape(n, this.hiddenDim, Math.floor(h / p) * Math.floor(w / p));
    return patches.permute(0, 2, 1);
  }

  forward(x: Tensor): Tensor {
    const tokens = this.processInput(x);
    const n = tokens.shape[0]!;
    const withClass = cat([this.class_token.expand(n, -1, -1), tokens], 1);
    const encoded = this.encoder.forward(withClass);
    // The class token's output classifies the image.
    return this.heads.forward(encoded.select(1, 0));
  }
}

export interface VisionTransformerBuilderOptions extends Omit<VisionTransformerOptions, 'imageSize' | 'patchSize' | 'numLayers' | 'numHeads' | 'hiddenDim' | 'mlpDim'> {
  imageSize?: number;
}

// State dicts saved before torchvision 0.13 name the MLP block's linears linear_1 and linear_2; they
// are now the MLP's items 0 and 3 (torchvision renames them on load, as here).
const OLD_MLP_KEY = /^(.*\.mlp\.)linear_([12])\.(weight|bias)$/;

/** A ViT state dict with the MLP blocks' old key names renamed to the current ones. */
export function renameOldMLPBlockKeys<T>(state: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(state).map(([k, v]) => {
      const m = OLD_MLP_KEY.exec(k);
      return [m ? `${m[1]}${3 * (Number(m[2]) - 1)}.${m[3]}` : k, v];
    }),
  );
}

/** ViT-B/16: 12 layers, 12 heads, width 768, 16×16 patches (86.6M parameters). */
export const vit_b_16 = defineBuilder<VisionTransformerBuilderOptions, VisionTransformer>(
  'vit_b_16',
  'ViT_B_16_Weights',
  ['imageSize', 'dropout', 'attentionDropout', 'numClasses', 'representationSize', 'normLayer', 'convStemConfigs'],
  (o) => new VisionTransformer({ imageSize: 224, ...o, patchSize: 16, numLayers: 12, numHeads: 12, hiddenDim: 768, mlpDim: 3072 }),
  { prepareState: renameOldMLPBlockKeys },
);
