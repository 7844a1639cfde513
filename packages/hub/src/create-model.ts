/**
 * timm's create_model: the architecture named (with an optional pretrained tag), built with the
 * cfg's defaults for numClasses and inChans, and with `pretrained` its weights loaded (a Promise).
 */
import type { Module } from '@x/nn';
import type { HubModel } from './hub-model';
import { loadPretrained, resolveWeightsFile, type WeightsSourceOptions } from './weights/load-pretrained';
import type { PretrainedCfg } from './pretrained-cfg';
import { getPretrainedCfg, modelEntrypoint, splitModelNameTag, type ModelArgs } from './registry';

export interface CreateModelOptions extends ModelArgs, WeightsSourceOptions {
  /** Load the weights of the model's (default or named) pretrained tag. */
  pretrained?: boolean;
  /** Fields replacing the tag's cfg, as timm's pretrained_cfg_overlay (`{ file: 'weights.pth' }`). */
  pretrainedCfgOverlay?: Partial<PretrainedCfg>;
}

const OWN_KEYS = ['pretrained', 'pretrainedCfgOverlay', 'cacheDir', 'progress', 'checkHash'] as const;

export function createModel(name: string, options: CreateModelOptions & { pretrained: true }): Promise<HubModel>;
export function createModel(name: string, options?: CreateModelOptions & { pretrained?: false }): HubModel;
export function createModel(name: string, options?: CreateModelOptions): HubModel | Promise<HubModel>;
export function createModel(name: string, options: CreateModelOptions = {}): HubModel | Promise<HubModel> {
  if (typeof name !== 'string') throw new TypeError(`createModel: expected a model name such as 'resnet34' or 'resnet34.tv_in1k', got ${typeof name}`);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`createModel('${name}'): expected an options object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  const [arch] = splitModelNameTag(name);
  const entry = modelEntrypoint(arch);
  const cfg = getPretrainedCfg(name, options.pretrainedCfgOverlay);
  const args: Record<string, unknown> = {};
  // As timm's create_model, an argument given as null (Python's None) is left out: the builder's default applies.
  for (const [k, v] of Object.entries(options)) if (!(OWN_KEYS as readonly string[]).includes(k) && v !== undefined && v !== null) args[k] = v;
  // timm's _update_default_model_kwargs: numClasses, inChans (and imgSize for a fixed input size) from the cfg.
  if (args.numClasses === undefined && cfg.numClasses >= 0) args.numClasses = cfg.numClasses;
  if (args.inChans === undefined) args.inChans = cfg.inputSize[0];
  if (cfg.fixedInputSize && args.imgSize === undefined) args.imgSize = cfg.inputSize.slice(1);
  const modelCfg = { ...cfg };
  const attach = (model: Module): HubModel => Object.assign(model, { pretrainedCfg: modelCfg, defaultCfg: modelCfg });
  const buildArgs = args as Parameters<typeof entry.build>[0];
  if (!options.pretrained) return attach(entry.build(buildArgs));
  const source = { cacheDir: options.cacheDir, progress: options.progress, checkHash: options.checkHash };
  if (entry.loadWeights) {
    const load = entry.loadWeights;
    return resolveWeightsFile(cfg, source).then(async (file) => attach(await load(buildArgs, file, cfg)));
  }
  const model = entry.build(buildArgs);
  return loadPretrained(model, cfg, { ...source, numClasses: buildArgs.numClasses, inChans: buildArgs.inChans, filter: entry.checkpointFilter }).then(() => attach(model));
}
