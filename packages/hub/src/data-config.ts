/**
 * timm's resolve_data_config and create_transform: the input size, interpolation, mean, std and
 * crop a model's weights were trained with, and the @x/vision transforms pipeline that prepares
 * images for it (eval: resize to size / cropPct, center crop, to tensor, normalize; training:
 * random resized crop, flips, colour jitter, to tensor, normalize). Resizing antialiases, as PIL
 * does for the images timm's pipeline receives.
 */
import type { Module } from '@x/nn';
import { transforms } from '@x/vision';
import { CFG_DEFAULTS, type PretrainedCfg } from './pretrained-cfg';

export interface DataConfig {
  inputSize: [number, number, number];
  interpolation: string;
  mean: number[];
  std: number[];
  cropPct: number;
  cropMode: string;
}

export interface DataConfigArgs {
  inChans?: number;
  inputSize?: [number, number, number];
  imgSize?: number;
  interpolation?: string;
  mean?: number[];
  std?: number[];
  cropPct?: number;
  cropMode?: string;
}

export interface ResolveDataConfigOptions {
  /** Overrides, as timm's `args` (command-line settings). */
  args?: DataConfigArgs;
  /** A cfg to use instead of the model's. */
  pretrainedCfg?: Partial<PretrainedCfg>;
  /** The cfg's test-time size and crop, where it has them. */
  useTestSize?: boolean;
}

function perChannel(v: number[], inChans: number, what: string): number[] {
  if (v.length === 1) return Array<number>(inChans).fill(v[0]!);
  if (v.length !== inChans) throw new Error(`resolveDataConfig: ${what} has ${v.length} values for ${inChans} input channels (give 1 or ${inChans})`);
  return [...v];
}

/** timm's resolve_data_config for a model made by createModel (or a cfg given in the options). */
export function resolveDataConfig(model: Module | null, { args = {}, pretrainedCfg, useTestSize = false }: ResolveDataConfigOptions = {}): DataConfig {
  const cfg: Partial<PretrainedCfg> = pretrainedCfg ?? (model as { pretrainedCfg?: PretrainedCfg } | null)?.pretrainedCfg ?? {};
  if (!model && !pretrainedCfg && Object.keys(args).length === 0) throw new Error('resolveDataConfig: expected a model made by createModel, a pretrainedCfg or args');
  let inChans = args.inChans ?? 3;
  let inputSize: [number, number, number] = [inChans, 224, 224];
  if (args.inputSize) {
    if (args.inputSize.length !== 3) throw new Error(`resolveDataConfig: inputSize is [C, H, W], got [${args.inputSize}]`);
    inputSize = [...args.inputSize];
    inChans = inputSize[0];
  } else if (args.imgSize !== undefined) {
    inputSize = [inChans, args.imgSize, args.imgSize];
  } else if (useTestSize && cfg.testInputSize) inputSize = [...cfg.testInputSize];
  else if (cfg.inputSize) inputSize = [...cfg.inputSize];
  return {
    inputSize,
    interpolation: args.interpolation || cfg.interpolation || 'bicubic',
    mean: args.mean ? perChannel(args.mean, inChans, 'mean') : cfg.mean?.length ? [...cfg.mean] : [...CFG_DEFAULTS.mean],
    std: args.std ? perChannel(args.std, inChans, 'std') : cfg.std?.length ? [...cfg.std] : [...CFG_DEFAULTS.std],
    cropPct: args.cropPct || (useTestSize && cfg.testCropPct) || cfg.cropPct || CFG_DEFAULTS.cropPct,
    cropMode: args.cropMode || cfg.cropMode || CFG_DEFAULTS.cropMode,
  };
}

export interface CreateTransformOptions {
  isTraining?: boolean;
  /** Training without augmentation: resize, center crop, as for eval but at the full size. */
  noAug?: boolean;
  /** RandomResizedCrop's area range (default [0.08, 1]) and aspect range (default [3/4, 4/3]). */
  scale?: [number, number];
  ratio?: [number, number];
  hflip?: number;
  vflip?: number;
  /** Brightness, contrast, saturation jitter (one number for all three), or [b, c, s] / [b, c, s, h]; 0: none. */
  colorJitter?: number | number[];
  /** Random erasing probability (default 0). */
  reProb?: number;
}

function interpolationMode(name: string): transforms.InterpolationMode {
  if (name === 'random') throw new Error("createTransform: interpolation 'random' (a random choice per image) is not supported; choose 'bilinear' or 'bicubic'");
  return name as transforms.InterpolationMode;
}

/**
 * timm's create_transform for a data config: the eval pipeline (the default), or with isTraining the
 * training one (random resized crop, flips, colour jitter).
 */
export function createTransform(config: DataConfig, options: CreateTransformOptions = {}): transforms.Compose {
  const { isTraining = false, noAug = false, scale = [0.08, 1], ratio = [3 / 4, 4 / 3], hflip = 0.5, vflip = 0, colorJitter = 0.4, reProb = 0 } = options;
  const [, h, w] = config.inputSize;
  const size: [number, number] = [h, w];
  const interpolation = interpolationMode(config.interpolation);
  const finish = [new transforms.ToTensor(), new transforms.Normalize({ mean: config.mean, std: config.std })];
  if (isTraining && noAug) {
    return new transforms.Compose([new transforms.Resize(h === w ? h : size, { interpolation, antialias: true }), new transforms.CenterCrop(h === w ? h : size), ...finish]);
  }
  if (isTraining) {
    const steps: Module[] = [new transforms.RandomResizedCrop(size, { scale, ratio, interpolation, antialias: true })];
    if (hflip > 0) steps.push(new transforms.RandomHorizontalFlip(hflip));
    if (vflip > 0) steps.push(new transforms.RandomVerticalFlip(vflip));
    const jitter = typeof colorJitter === 'number' ? [colorJitter, colorJitter, colorJitter] : colorJitter;
    if (jitter.length !== 3 && jitter.length !== 4) throw new Error(`createTransform: colorJitter is a number or 3 or 4 numbers, got [${jitter}]`);
    if (jitter.some((v) => v > 0)) steps.push(new transforms.ColorJitter(jitter[0]!, jitter[1]!, jitter[2]!, jitter[3] ?? 0));
    steps.push(...finish);
    if (reProb > 0) steps.push(new transforms.RandomErasing({ p: reProb, value: 0 }));
    return new transforms.Compose(steps);
  }
  const scaleSize = size.map((s) => Math.floor(s / config.cropPct)) as [number, number];
  const steps: Module[] = [];
  if (config.cropMode === 'squash') steps.push(new transforms.Resize(scaleSize, { interpolation, antialias: true }));
  else if (config.cropMode === 'center') {
    if (scaleSize[0] !== scaleSize[1]) throw new Error(`createTransform: a non-square input size [${size}] with cropMode 'center' needs timm's ResizeKeepRatio, which is not here; use cropMode 'squash'`);
    steps.push(new transforms.Resize(scaleSize[0], { interpolation, antialias: true }));
  } else throw new Error(`createTransform: cropMode '${config.cropMode}' is not supported (expected 'center' or 'squash')`);
  steps.push(new transforms.CenterCrop(h === w ? h : size), ...finish);
  return new transforms.Compose(steps);
}
