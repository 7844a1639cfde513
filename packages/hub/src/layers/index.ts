/** timm's layers that the models share (timm.layers), with timm's printed forms. */
export { SelectAdaptivePool2d, adaptivePoolFeatMult, FastAdaptiveAvgPool, FastAdaptiveMaxPool, FastAdaptiveAvgMaxPool, FastAdaptiveCatAvgMaxPool, AdaptiveAvgMaxPool2d, AdaptiveCatAvgMaxPool2d } from './adaptive-pool';
export type { SelectAdaptivePool2dOptions } from './adaptive-pool';
export { ClassifierHead, createClassifier, createFc } from './classifier';
export type { ClassifierHeadOptions } from './classifier';
export { DropPath, dropPath, dropPathOrIdentity } from './drop-path';
export { BatchNormAct2d } from './norm-act';
export type { BatchNormAct2dOptions } from './norm-act';
export { makeDivisible } from './make-divisible';
export { getPadding, getPaddingValue, isStaticPad } from './padding';
export { createConv2d } from './create-conv2d';
export type { CreateConv2dOptions } from './create-conv2d';
export { getActLayer, createActLayer } from './create-act';
export type { ActLayer } from './create-act';
