/** timm's layers that the models share (timm.layers), with timm's printed forms. */
export { SelectAdaptivePool2d, adaptivePoolFeatMult, FastAdaptiveAvgPool, FastAdaptiveMaxPool, FastAdaptiveAvgMaxPool, FastAdaptiveCatAvgMaxPool, AdaptiveAvgMaxPool2d, AdaptiveCatAvgMaxPool2d } from './adaptive-pool';
export type { SelectAdaptivePool2dOptions } from './adaptive-pool';
export { ClassifierHead, createClassifier, createFc } from './classifier';
export type { ClassifierHeadOptions } from './classifier';
export { DropPath, dropPath, dropPathOrIdentity } from './drop-path';
export { BatchNormAct2d } from './norm-act';
export type { BatchNormAct2dOptions } from './norm-act';
export { getSamePadding, padSame } from './padding';
export { AvgPool2dSame } from './avg-pool2d-same';
export type { AvgPool2dSameOptions } from './avg-pool2d-same';
export { DropBlock2d, dropBlock2d } from './drop-block';
export type { DropBlockOptions } from './drop-block';
