/**
 * @x/vision's models in the registry under their torchvision names, where timm's models here do not
 * take the name (resnet34 is timm's; its tv_in1k tag has torchvision's weights, whose keys timm's
 * ResNet shares). Built by vision's builders; pretrained weights go through them too, so each
 * model's own loading rules apply (GoogLeNet's and Inception's input transform and auxiliary
 * heads), then a different numClasses gets a fresh classifier, as timm does.
 */
import * as nn from '@x/nn';
import { models } from '@x/vision';
import { TORCHVISION_CFGS } from '../generated/pretrained-cfgs';
import type { PretrainedCfg } from '../pretrained-cfg';
import type { BuildArgs, ModelEntrypoint } from '../registry';

type VisionBuilder = (options: Record<string, unknown>) => nn.Module | Promise<nn.Module>;

function visionBuilder(name: string): VisionBuilder {
  const b = (models as unknown as Record<string, VisionBuilder | undefined>)[name];
  if (typeof b !== 'function') throw new Error(`@x/vision has no builder ${name}`);
  return b;
}

function visionOptions(name: string, args: BuildArgs): Record<string, unknown> {
  const { inChans, ...rest } = args;
  if (inChans !== 3) throw new Error(`${name} (torchvision's): takes 3 input channels, got inChans ${inChans}; timm's models adapt their first convolution (listModels() names them)`);
  return rest;
}

/** Replaces the module at `path` (a Linear or a 1×1-style Conv2d classifier) by a fresh one with `numClasses` outputs. */
export function replaceClassifier(model: nn.Module, path: string, numClasses: number): void {
  const dot = path.lastIndexOf('.');
  const parent = dot < 0 ? model : model.getSubmodule(path.slice(0, dot));
  const name = path.slice(dot + 1);
  const old = model.getSubmodule(path);
  let fresh: nn.Module;
  if (old instanceof nn.Linear) fresh = new nn.Linear(old.inFeatures, numClasses, old.bias !== null);
  else if (old instanceof nn.Conv2d) fresh = new nn.Conv2d(old.inChannels, numClasses, { kernelSize: old.kernelSize, stride: old.stride, padding: old.padding as [number, number], bias: old.bias !== null });
  else throw new Error(`cannot replace the classifier ${path}: a ${old.constructor.name}, expected a Linear or a Conv2d`);
  parent.addModule(name, fresh);
}

export const torchvisionEntrypoints: readonly ModelEntrypoint[] = Object.keys(TORCHVISION_CFGS).map((name) => ({
  name,
  module: 'torchvision',
  build: (args: BuildArgs) => visionBuilder(name)(visionOptions(name, args)) as nn.Module,
  loadWeights: async (args: BuildArgs, file: string, cfg: PretrainedCfg) => {
    const options = visionOptions(name, args);
    const model = await visionBuilder(name)({ ...options, numClasses: cfg.numClasses, weights: file });
    if (args.numClasses !== cfg.numClasses) replaceClassifier(model, cfg.classifier!, args.numClasses);
    return model;
  },
}));
