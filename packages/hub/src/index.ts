/**
 * @x/hub: timm's model registry and torch.hub for @x. `import * as hub from '@x/hub'`, or
 * `torch.hub` from the umbrella: `await hub.createModel('resnet34', { pretrained: true, numClasses: 10 })`.
 */
export { createModel } from './create-model';
export type { CreateModelOptions } from './create-model';
export { listModels, listPretrained, listModules, isModel, registerModel, getPretrainedCfg, splitModelNameTag } from './registry';
export type { ModelArgs, BuildArgs, ModelBuilder, ModelEntrypoint, ListModelsOptions } from './registry';
export type { PretrainedCfg } from './pretrained-cfg';
export type { HubModel, TimmModel } from './hub-model';
export { adaptInputConv } from './weights/adapt-input-conv';
export { loadPretrained, resolveWeightsFile } from './weights/load-pretrained';
export type { WeightsSourceOptions } from './weights/load-pretrained';
export { downloadFile } from './weights/download';
export type { DownloadOptions, DownloadProgress } from './weights/download';
export { readStateDict } from './weights/read-state-dict';
export { getDir, setDir } from './weights/cache';
export * as layers from './layers/index';
export { load, list, help } from './hubconf';
export { resolveDataConfig, createTransform } from './data-config';
export type { DataConfig, DataConfigArgs, ResolveDataConfigOptions, CreateTransformOptions } from './data-config';
