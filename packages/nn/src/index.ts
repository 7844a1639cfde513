/** @x/nn: torch.nn — modules, layers, functional, init, losses. */
export { Module, stripDataParallelPrefix } from './module';
export type { StateDict, LoadResult, ForwardHook, ForwardPreHook } from './module';
export { Parameter, isParameter } from './parameter';
export { registerModuleClass, moduleCodec } from './pickling/module-pickling';
export type { TorchModuleState, PyAttr } from './pickling/module-pickling';
export { Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict } from './modules/container';
export * as functional from './functional/index';
export { RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell } from './modules/rnn';
export type {
  RNNMode, Nonlinearity, RNNBaseOptions, RNNOptions, LSTMOptions, GRUOptions, RNNCellBaseOptions, RNNCellOptions,
  RNNArgs, LSTMArgs, GRUArgs, RNNCellArgs, LSTMCellArgs, GRUCellArgs,
} from './modules/rnn';
export {
  _Loss, _WeightedLoss, L1Loss, MSELoss, SmoothL1Loss, HuberLoss, PoissonNLLLoss, GaussianNLLLoss, KLDivLoss, BCELoss, BCEWithLogitsLoss,
  NLLLoss, CrossEntropyLoss, MarginRankingLoss, HingeEmbeddingLoss, CosineEmbeddingLoss, SoftMarginLoss, MultiLabelSoftMarginLoss,
  MultiLabelMarginLoss, MultiMarginLoss, TripletMarginLoss, CTCLoss,
} from './modules/loss';
export * as init from './init';
export { Identity, Linear, Bilinear } from './modules/linear';
export { MultiheadAttention, NonDynamicallyQuantizableLinear } from './modules/attention';
export type { MultiheadAttentionOptions, MultiheadAttentionForwardOptions } from './modules/attention';
export type { LinearOptions, BilinearOptions } from './modules/linear';
export { Flatten, Unflatten } from './modules/flatten';
export {
  ReLU, ReLU6, Hardtanh, LeakyReLU, PReLU, ELU, CELU, SELU, GELU, SiLU, Mish, Hardswish, Hardsigmoid, Sigmoid, Tanh, LogSigmoid,
  Softsign, Tanhshrink, Softplus, Threshold, GLU, Softmax, LogSoftmax, Softmin, Softmax2d,
} from './modules/activation';
export type { HardtanhOptions, PReLUOptions } from './modules/activation';
export { NormBase, BatchNormBase, BatchNorm1d, BatchNorm2d, BatchNorm3d } from './modules/batchnorm';
export type { NormOptions, NormArgs } from './modules/batchnorm';
export { InstanceNormBase, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from './modules/instancenorm';
export { LayerNorm, GroupNorm } from './modules/normalization';
export type { LayerNormOptions, GroupNormOptions } from './modules/normalization';
export { Dropout, Dropout1d, Dropout2d, Dropout3d } from './modules/dropout';
export { Upsample, UpsamplingNearest2d, UpsamplingBilinear2d } from './modules/upsampling';
export type { UpsampleOptions } from './modules/upsampling';
export { Embedding } from './modules/sparse';
export type { EmbeddingOptions } from './modules/sparse';
export { CosineSimilarity, PairwiseDistance } from './modules/distance';
export { Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d } from './modules/conv';
export type { ConvOptions, ConvTransposeOptions, PaddingMode } from './modules/conv';
export {
  MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, MaxUnpool2d,
} from './modules/pooling';
export type { MaxPoolOptions, AvgPoolOptions } from './modules/pooling';
/** Python's printed forms (repr) of the values modules show, for upper packages' modules to print as PyTorch's do. */
export { pyFloat, pyNumber, pyBool, pyStr, pyTuple, pyOptional } from './modules/pyrepr';
