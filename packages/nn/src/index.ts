/** @x/nn: torch.nn — modules, layers, functional, init, losses. */
export { Module, stripDataParallelPrefix } from './module';
export type { StateDict, LoadResult, ForwardHook, ForwardPreHook } from './module';
export { Parameter, isParameter } from './parameter';
export { Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict } from './modules/container';
export * as functional from './functional/index';
