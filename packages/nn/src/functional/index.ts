/**
 * torch.nn.functional (also torch.nn.functional in @x/torch). Each group lives in its own file;
 * this index only re-exports.
 */
export { pad } from '@x/tensor';
export {
  relu, relu_, relu6, hardtanh, leakyRelu, prelu, elu, selu, celu, gelu, silu, mish, sigmoid, tanh, hardswish, hardsigmoid,
  softplus, logsigmoid, softsign, tanhshrink, threshold, glu, softmax, logSoftmax, softmin, hardtanh_, leakyRelu_, elu_, celu_, selu_,
  threshold_,
} from './activation';
export type { GeluApproximate } from './activation';
export { linear, bilinear } from './linear';
export { multiHeadAttentionForward } from './attention';
export type { MultiHeadAttentionForwardOptions } from './attention';
export { batchNorm, instanceNorm, layerNorm, groupNorm } from './normalization';
export type { BatchNormOptions, InstanceNormOptions } from './normalization';
export { dropout, dropout1d, dropout2d, dropout3d } from './dropout';
export type { DropoutOptions } from './dropout';
export { interpolate, upsample, upsampleNearest, upsampleBilinear } from './upsampling';
export type { InterpolateMode, InterpolateOptions } from './upsampling';
export { gridSample, affineGrid } from './sampling';
export type { GridSampleMode, GridSamplePaddingMode, GridSampleOptions } from './sampling';
export { embedding, oneHot } from './embedding';
export type { EmbeddingOptions } from './embedding';
export { normalize, cosineSimilarity, pairwiseDistance } from './distance';
export {
  l1Loss, mseLoss, smoothL1Loss, huberLoss, poissonNllLoss, gaussianNllLoss, klDiv, binaryCrossEntropy, binaryCrossEntropyWithLogits,
  nllLoss, crossEntropy, marginRankingLoss, hingeEmbeddingLoss, softMarginLoss, multilabelSoftMarginLoss, multiMarginLoss,
  multilabelMarginLoss, cosineEmbeddingLoss, tripletMarginLoss, tripletMarginWithDistanceLoss, ctcLoss,
} from './loss';
export type {
  Reduction, ReductionOptions, LegacyReductionOptions, SmoothL1LossOptions, HuberLossOptions, PoissonNllLossOptions, GaussianNllLossOptions,
  KlDivOptions, BinaryCrossEntropyOptions, BinaryCrossEntropyWithLogitsOptions, NllLossOptions, CrossEntropyOptions, MarginOptions,
  WeightedOptions, MultiMarginOptions, TripletMarginOptions, TripletMarginWithDistanceOptions, CtcLossOptions,
} from './loss';
export {
  conv1d, conv2d, convTranspose1d, convTranspose2d, maxPool1d, maxPool2d, avgPool1d, avgPool2d, adaptiveAvgPool1d, adaptiveAvgPool2d,
  adaptiveMaxPool2d, maxUnpool2d, unfold, fold,
} from '@x/tensor';
