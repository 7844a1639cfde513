/** timm's layers that the models share (timm.layers), with timm's printed forms. */
export { SelectAdaptivePool2d, adaptivePoolFeatMult, FastAdaptiveAvgPool, FastAdaptiveMaxPool, FastAdaptiveAvgMaxPool, FastAdaptiveCatAvgMaxPool, AdaptiveAvgMaxPool2d, AdaptiveCatAvgMaxPool2d } from './adaptive-pool';
export type { SelectAdaptivePool2dOptions } from './adaptive-pool';
export { ClassifierHead, createClassifier, createFc } from './classifier';
export type { ClassifierHeadOptions } from './classifier';
export { DropPath, dropPath, dropPathOrIdentity } from './drop-path';
export { BatchNormAct2d } from './norm-act';
export type { BatchNormAct2dOptions } from './norm-act';
export { GELU } from './gelu';
export { LayerNorm, LayerNorm2d } from './layer-norm';
export type { TimmLayerNormOptions } from './layer-norm';
export { Mlp } from './mlp';
export type { MlpOptions } from './mlp';
export { calculateDropPathRates, calculateStageDropPathRates } from './drop-path-rates';
export { NormMlpClassifierHead } from './norm-mlp-classifier-head';
export type { NormMlpClassifierHeadOptions } from './norm-mlp-classifier-head';
