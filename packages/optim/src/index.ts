/**
 * @x/optim: PyTorch's torch.optim for @x: optimizers with PyTorch 1.13's update rules, parameter
 * groups, state dicts in PyTorch's layout, and the learning-rate schedulers (`lrScheduler`).
 */
export { Optimizer, required } from './optimizer';
export type { ParamGroup, ParamGroupSpec, Params, ParamState, OptimizerStateDict, Closure } from './optimizer';
export { SGD } from './optimizers/sgd';
export type { SGDOptions, SGDHyperparameters } from './optimizers/sgd';
export { Adam } from './optimizers/adam';
export type { AdamOptions, AdamHyperparameters } from './optimizers/adam';
export { AdamW } from './optimizers/adamw';
export type { AdamWOptions, AdamWHyperparameters } from './optimizers/adamw';
export { Adamax } from './optimizers/adamax';
export type { AdamaxOptions, AdamaxHyperparameters } from './optimizers/adamax';
export { NAdam } from './optimizers/nadam';
export type { NAdamOptions, NAdamHyperparameters } from './optimizers/nadam';
export { RAdam } from './optimizers/radam';
export type { RAdamOptions, RAdamHyperparameters } from './optimizers/radam';
export { Adagrad } from './optimizers/adagrad';
export type { AdagradOptions, AdagradHyperparameters } from './optimizers/adagrad';
export { Adadelta } from './optimizers/adadelta';
export type { AdadeltaOptions, AdadeltaHyperparameters } from './optimizers/adadelta';
export { RMSprop } from './optimizers/rmsprop';
export type { RMSpropOptions, RMSpropHyperparameters } from './optimizers/rmsprop';
export { Rprop } from './optimizers/rprop';
export type { RpropOptions, RpropHyperparameters } from './optimizers/rprop';
export { ASGD } from './optimizers/asgd';
export type { ASGDOptions, ASGDHyperparameters } from './optimizers/asgd';
export { LBFGS } from './optimizers/lbfgs';
export type { LBFGSOptions, LBFGSHyperparameters } from './optimizers/lbfgs';
export { SparseAdam } from './optimizers/sparse-adam';
export type { SparseAdamOptions, SparseAdamHyperparameters } from './optimizers/sparse-adam';
export * as lrScheduler from './lr-scheduler/index';
