/** torchvision.ops: the building blocks torchvision's models are made of. */
export { Conv2dNormActivation } from './conv-norm-activation';
export type { Conv2dNormActivationOptions } from './conv-norm-activation';
export { SqueezeExcitation } from './squeeze-excitation';
export type { SqueezeExcitationOptions } from './squeeze-excitation';
export { StochasticDepth, stochasticDepth } from './stochastic-depth';
export type { StochasticDepthMode } from './stochastic-depth';
export { MLP } from './mlp';
export type { MLPOptions } from './mlp';
export { Permute } from './permute';
export type { LayerFactory } from './layer-factory';
