/** timm's layers that the models share (timm.layers), with timm's printed forms. */
export { SelectAdaptivePool2d, adaptivePoolFeatMult, FastAdaptiveAvgPool, FastAdaptiveMaxPool, FastAdaptiveAvgMaxPool, FastAdaptiveCatAvgMaxPool, AdaptiveAvgMaxPool2d, AdaptiveCatAvgMaxPool2d } from './adaptive-pool';
export type { SelectAdaptivePool2dOptions } from './adaptive-pool';
export { ClassifierHead, createClassifier, createFc } from './classifier';
export type { ClassifierHeadOptions } from './classifier';
export { DropPath, dropPath, dropPathOrIdentity, calculateDropPathRates } from './drop-path';
export { BatchNormAct2d } from './norm-act';
export type { BatchNormAct2dOptions } from './norm-act';
export { ConvNormAct } from './conv-norm-act';
export type { ConvNormActOptions, NormActLayer } from './conv-norm-act';
export { SEModule } from './squeeze-excite';
export type { SEModuleOptions } from './squeeze-excite';
export { makeDivisible } from './make-divisible';
export { getPadding, getSamePadding, padSame } from './padding';
export { AvgPool2dSame } from './pool2d-same';
export type { AvgPool2dSameOptions } from './pool2d-same';
