/**
 * timm's PretrainedCfg in camelCase: where a model's weights come from and the data they expect.
 * The tables themselves (generated/pretrained-cfgs.ts) are written from timm's own registry by
 * tools/gen_hub_cfgs.py, so every default tag, mean, std and crop is timm's.
 */
export interface PretrainedCfg {
  /** A direct URL of the weights (`.pth` or `.safetensors`). */
  url?: string;
  /** A Hugging Face Hub repository ('timm/resnet34.a1_in1k'); its model.safetensors is downloaded. */
  hfHubId?: string;
  /** A local weights file: read instead of the cache or the network. */
  file?: string;
  /** SHA-256 of the weights file (hex): a download that does not match is refused. */
  sha256?: string;
  architecture: string;
  tag: string;
  numClasses: number;
  inputSize: [number, number, number];
  testInputSize?: [number, number, number];
  minInputSize?: [number, number, number];
  fixedInputSize: boolean;
  interpolation: string;
  cropPct: number;
  testCropPct?: number;
  cropMode: string;
  mean: number[];
  std: number[];
  poolSize?: number[];
  testPoolSize?: number[];
  firstConv?: string;
  classifier?: string;
  labelOffset?: number;
  license?: string;
  originUrl?: string;
  paperIds?: string | string[];
  notes?: string[];
}

/** timm's PretrainedCfg defaults: what a cfg holds when its table entry leaves a field out. */
export const CFG_DEFAULTS = {
  inputSize: [3, 224, 224],
  fixedInputSize: false,
  interpolation: 'bicubic',
  cropPct: 0.875,
  cropMode: 'center',
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  numClasses: 1000,
} as const;

/** An architecture's pretrained configs: its tags, default first (timm's DefaultCfg). */
export interface DefaultCfg {
  tags: string[];
  cfgs: Record<string, Partial<PretrainedCfg>>;
  isPretrained: boolean;
}

/** Whether a cfg says where weights come from (timm's has_weights). */
export function hasWeights(cfg: Partial<PretrainedCfg>): boolean {
  return Boolean(cfg.url || cfg.file || cfg.hfHubId);
}
