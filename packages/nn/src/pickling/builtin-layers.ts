/**
 * @x/nn's layers as PyTorch 1.13 pickles them: each layer's Python class and the attributes its
 * `__init__` leaves in `__dict__` (besides `training`, `_parameters`, `_buffers` and `_modules`),
 * with their Python types — the file must say 1.0 where PyTorch holds a float and 1 where it holds
 * an int. Loading rebuilds a layer by calling its constructor with those attributes, never by
 * anything the file says beyond this table.
 */
import { Module } from '../module';
import * as act from '../modules/activation';
import { BatchNorm1d, BatchNorm2d, BatchNorm3d } from '../modules/batchnorm';
import { ModuleDict, ModuleList, Sequential } from '../modules/container';
import { Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d } from '../modules/conv';
import { CosineSimilarity, PairwiseDistance } from '../modules/distance';
import { Dropout, Dropout1d, Dropout2d, Dropout3d } from '../modules/dropout';
import { Flatten, Unflatten } from '../modules/flatten';
import { InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from '../modules/instancenorm';
import { Bilinear, Identity, Linear } from '../modules/linear';
import { GroupNorm, LayerNorm } from '../modules/normalization';
import {
  AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d, MaxUnpool2d,
} from '../modules/pooling';
import { Embedding } from '../modules/sparse';

/**
 * A Python attribute's type: int, float, a number kept as given (PyTorch stores Softplus's beta as
 * the caller passed it), bool, str, a tuple of ints, an int or tuple of ints as given ('size'), or
 * a conv padding (tuple of ints or 'same'/'valid'); a trailing '?' allows None.
 */
export type AttrKind = 'int' | 'float' | 'num' | 'bool' | 'str' | 'ints' | 'size' | 'padding' | 'int?' | 'float?' | 'num?' | 'size?';

export interface AttrSpec {
  /** PyTorch's name; the layer's field is its camelCase (in_features → inFeatures). */
  readonly py: string;
  readonly kind: AttrKind;
  /** For attributes PyTorch derives and the layer does not keep (Conv's `transposed`). */
  readonly get?: (m: Module) => unknown;
  /** Whether the constructor takes it (default: yes, unless `get` computes it). */
  readonly ctor?: boolean;
}

export interface LayerSpec {
  readonly pythonName: string;
  // Any constructor: the options it is called with come from the table, checked at run time.
  readonly ctor: abstract new (...args: any[]) => Module;
  readonly attrs: readonly AttrSpec[];
  /** `_parameters` names in PyTorch's order, None entries included (bias=False). */
  readonly params?: readonly string[];
  /** The constructor takes `bias: boolean`, read from whether `_parameters.bias` is None. */
  readonly biasFlag?: boolean;
  /** Builds the layer from its constructor options (default: new ctor(options)). */
  readonly make?: (o: Record<string, any>) => Module;
  /** The layer holds children (containers): `_modules` is added to it. */
  readonly container?: boolean;
  /**
   * The shapes of the tensors the constructor allocates (parameters and buffers; null for None),
   * from its options. The file's tensors must have them before anything is constructed, so a file
   * that lies about `in_features` cannot make the constructor allocate more than the file holds.
   */
  readonly tensors?: (o: Record<string, any>) => Record<string, readonly number[] | null>;
}

const floatIfDefault = (v: number, dflt: number): number | { pyFloat: number } => (v === dflt ? { pyFloat: v } : v);
const a = (py: string, kind: AttrKind, extra: Partial<AttrSpec> = {}): AttrSpec => ({ py, kind, ...extra });
const inplace = a('inplace', 'bool');

function reversedPaddingTwice(m: Module): number[] | { pyTuple: number[] } {
  const c = m as unknown as { padding: number[] | 'same' | 'valid'; kernelSize: number[]; dilation: number[] };
  const n = c.kernelSize.length;
  // 'valid' and 'same' leave a list.
  if (c.padding === 'valid') return new Array<number>(2 * n).fill(0);
  if (c.padding === 'same') {
    // PyTorch's _ConvNd.__init__: a list, filled from the last dimension.
    const out = new Array<number>(2 * n).fill(0);
    for (let d = 0; d < n; d++) {
      const i = n - 1 - d;
      const total = c.dilation[d]! * (c.kernelSize[d]! - 1);
      out[2 * i] = Math.floor(total / 2);
      out[2 * i + 1] = total - Math.floor(total / 2);
    }
    return out;
  }
  // _reverse_repeat_tuple: a tuple.
  const out: number[] = [];
  for (let d = n - 1; d >= 0; d--) out.push(c.padding[d]!, c.padding[d]!);
  return { pyTuple: out };
}

function conv(name: string, ctor: LayerSpec['ctor'], transposed: boolean): LayerSpec {
  return {
    pythonName: `torch.nn.modules.conv.${name}`,
    ctor,
    attrs: [
      a('in_channels', 'int'), a('out_channels', 'int'), a('kernel_size', 'ints'), a('stride', 'ints'), a('padding', 'padding'),
      a('dilation', 'ints'), a('transposed', 'bool', { get: () => transposed }), a('output_padding', 'ints', { ctor: transposed }),
      a('groups', 'int'), a('padding_mode', 'str'),
      a('_reversed_padding_repeated_twice', 'ints', { get: reversedPaddingTwice }),
    ],
    params: ['weight', 'bias'],
    biasFlag: true,
    tensors: (o) => {
      const k: number[] = typeof o.kernelSize === 'number' ? new Array<number>(name.endsWith('1d') ? 1 : 2).fill(o.kernelSize) : o.kernelSize;
      const weight = transposed ? [o.inChannels, o.outChannels / o.groups, ...k] : [o.outChannels, o.inChannels / o.groups, ...k];
      return { weight, bias: o.bias ? [o.outChannels] : null };
    },
  };
}

const norm = (mod: string, name: string, ctor: LayerSpec['ctor']): LayerSpec => ({
  pythonName: `torch.nn.modules.${mod}.${name}`,
  ctor,
  attrs: [a('num_features', 'int'), a('eps', 'float'), a('momentum', 'float?'), a('affine', 'bool'), a('track_running_stats', 'bool')],
  params: ['weight', 'bias'],
  tensors: (o) => {
    const f = [o.numFeatures];
    const stats = o.trackRunningStats;
    return { weight: o.affine ? f : null, bias: o.affine ? f : null, running_mean: stats ? f : null, running_var: stats ? f : null, num_batches_tracked: stats ? [] : null };
  },
});

// Class names are spelled out: a bundler may rename a class (Linear → Linear2), never a string.
const simple = (mod: string, name: string, ctor: LayerSpec['ctor'], attrs: AttrSpec[] = [], params?: string[]): LayerSpec => ({
  pythonName: `torch.nn.modules.${mod}.${name}`,
  ctor,
  attrs,
  ...(params ? { params } : {}),
});

/** Every @x/nn layer that can be saved whole and rebuilt from PyTorch's pickle. */
export const BUILTIN_LAYERS: readonly LayerSpec[] = [
  simple('linear', 'Identity', Identity),
  {
    ...simple('linear', 'Linear', Linear, [a('in_features', 'int'), a('out_features', 'int')], ['weight', 'bias']),
    biasFlag: true,
    tensors: (o) => ({ weight: [o.outFeatures, o.inFeatures], bias: o.bias ? [o.outFeatures] : null }),
  },
  {
    ...simple('linear', 'Bilinear', Bilinear, [a('in1_features', 'int'), a('in2_features', 'int'), a('out_features', 'int')], ['weight', 'bias']),
    biasFlag: true,
    tensors: (o) => ({ weight: [o.outFeatures, o.in1Features, o.in2Features], bias: o.bias ? [o.outFeatures] : null }),
  },
  simple('flatten', 'Flatten', Flatten, [a('start_dim', 'int'), a('end_dim', 'int')]),
  simple('flatten', 'Unflatten', Unflatten, [a('dim', 'int'), a('unflattened_size', 'ints')]),
  conv('Conv1d', Conv1d, false),
  conv('Conv2d', Conv2d, false),
  conv('ConvTranspose1d', ConvTranspose1d, true),
  conv('ConvTranspose2d', ConvTranspose2d, true),
  ...([['ReLU', act.ReLU], ['SELU', act.SELU], ['SiLU', act.SiLU], ['Mish', act.Mish], ['Hardswish', act.Hardswish], ['Hardsigmoid', act.Hardsigmoid]] as const).map(([n, c]) => simple('activation', n, c, [inplace])),
  simple('activation', 'ReLU6', act.ReLU6, [a('min_val', 'float', { ctor: false }), a('max_val', 'float', { ctor: false }), inplace]),
  // Hardtanh keeps its bounds as given; its repr (like ours) shows the defaults -1.0 and 1.0 as floats.
  simple('activation', 'Hardtanh', act.Hardtanh, [
    a('min_val', 'num', { ctor: true, get: (m) => floatIfDefault((m as act.Hardtanh).minVal, -1) }),
    a('max_val', 'num', { ctor: true, get: (m) => floatIfDefault((m as act.Hardtanh).maxVal, 1) }),
    inplace,
  ]),
  simple('activation', 'LeakyReLU', act.LeakyReLU, [a('negative_slope', 'float'), inplace]),
  { ...simple('activation', 'PReLU', act.PReLU, [a('num_parameters', 'int')], ['weight']), tensors: (o) => ({ weight: [o.numParameters] }) },
  simple('activation', 'ELU', act.ELU, [a('alpha', 'float'), inplace]),
  simple('activation', 'CELU', act.CELU, [a('alpha', 'float'), inplace]),
  simple('activation', 'GELU', act.GELU, [a('approximate', 'str')]),
  ...([['Sigmoid', act.Sigmoid], ['Tanh', act.Tanh], ['LogSigmoid', act.LogSigmoid], ['Softsign', act.Softsign], ['Tanhshrink', act.Tanhshrink], ['Softmax2d', act.Softmax2d]] as const).map(([n, c]) => simple('activation', n, c)),
  simple('activation', 'Softplus', act.Softplus, [a('beta', 'num'), a('threshold', 'num')]),
  simple('activation', 'Threshold', act.Threshold, [a('threshold', 'num'), a('value', 'num'), inplace]),
  simple('activation', 'GLU', act.GLU, [a('dim', 'int')]),
  ...([['Softmax', act.Softmax], ['LogSoftmax', act.LogSoftmax], ['Softmin', act.Softmin]] as const).map(([n, c]) => simple('activation', n, c, [a('dim', 'int?')])),
  norm('batchnorm', 'BatchNorm1d', BatchNorm1d),
  norm('batchnorm', 'BatchNorm2d', BatchNorm2d),
  norm('batchnorm', 'BatchNorm3d', BatchNorm3d),
  norm('instancenorm', 'InstanceNorm1d', InstanceNorm1d),
  norm('instancenorm', 'InstanceNorm2d', InstanceNorm2d),
  norm('instancenorm', 'InstanceNorm3d', InstanceNorm3d),
  {
    ...simple('normalization', 'LayerNorm', LayerNorm, [a('normalized_shape', 'ints'), a('eps', 'float'), a('elementwise_affine', 'bool')], ['weight', 'bias']),
    tensors: (o) => ({ weight: o.elementwiseAffine ? o.normalizedShape : null, bias: o.elementwiseAffine ? o.normalizedShape : null }),
  },
  {
    ...simple('normalization', 'GroupNorm', GroupNorm, [a('num_groups', 'int'), a('num_channels', 'int'), a('eps', 'float'), a('affine', 'bool')], ['weight', 'bias']),
    tensors: (o) => ({ weight: o.affine ? [o.numChannels] : null, bias: o.affine ? [o.numChannels] : null }),
  },
  ...([['Dropout', Dropout], ['Dropout1d', Dropout1d], ['Dropout2d', Dropout2d], ['Dropout3d', Dropout3d]] as const).map(([n, c]) => simple('dropout', n, c, [a('p', 'float'), inplace])),
  { ...simple('sparse', 'Embedding', Embedding, [
    a('num_embeddings', 'int'), a('embedding_dim', 'int'), a('padding_idx', 'int?'), a('max_norm', 'float?'), a('norm_type', 'float'),
    a('scale_grad_by_freq', 'bool'), a('sparse', 'bool'),
  ], ['weight']),
  tensors: (o) => ({ weight: [o.numEmbeddings, o.embeddingDim] }) },
  simple('distance', 'CosineSimilarity', CosineSimilarity, [a('dim', 'int'), a('eps', 'float')]),
  {
    ...simple('distance', 'PairwiseDistance', PairwiseDistance, [a('norm', 'float'), a('eps', 'float'), a('keepdim', 'bool')]),
    make: (o) => new PairwiseDistance(o.norm, o.eps, o.keepdim),
  },
  ...([['MaxPool1d', MaxPool1d], ['MaxPool2d', MaxPool2d]] as const).map(([n, c]) => simple('pooling', n, c, [
    a('kernel_size', 'size'), a('stride', 'size'), a('padding', 'size'), a('dilation', 'size'), a('return_indices', 'bool'), a('ceil_mode', 'bool'),
  ])),
  simple('pooling', 'AvgPool1d', AvgPool1d, [a('kernel_size', 'size'), a('stride', 'size'), a('padding', 'size'), a('ceil_mode', 'bool'), a('count_include_pad', 'bool')]),
  simple('pooling', 'AvgPool2d', AvgPool2d, [
    a('kernel_size', 'size'), a('stride', 'size'), a('padding', 'size'), a('ceil_mode', 'bool'), a('count_include_pad', 'bool'), a('divisor_override', 'int?'),
  ]),
  { ...simple('pooling', 'AdaptiveAvgPool1d', AdaptiveAvgPool1d, [a('output_size', 'size')]), make: (o) => new AdaptiveAvgPool1d(o.outputSize) },
  { ...simple('pooling', 'AdaptiveAvgPool2d', AdaptiveAvgPool2d, [a('output_size', 'size?')]), make: (o) => new AdaptiveAvgPool2d(o.outputSize) },
  { ...simple('pooling', 'AdaptiveMaxPool2d', AdaptiveMaxPool2d, [a('output_size', 'size?'), a('return_indices', 'bool')]), make: (o) => new AdaptiveMaxPool2d(o.outputSize, o.returnIndices) },
  { ...simple('pooling', 'MaxUnpool2d', MaxUnpool2d, [a('kernel_size', 'ints'), a('stride', 'ints'), a('padding', 'ints')]), make: (o) => new MaxUnpool2d(o.kernelSize, o.stride, o.padding) },
  { ...simple('container', 'Sequential', Sequential), container: true, make: () => new Sequential() },
  { ...simple('container', 'ModuleList', ModuleList), container: true, make: () => new ModuleList() },
  { ...simple('container', 'ModuleDict', ModuleDict), container: true, make: () => new ModuleDict() },
];
