/**
 * timm's block-string notation (_efficientnet_builder.py): 'ir_r2_k3_s2_e6_c24_se0.25' is two
 * inverted residuals, 3×3 depthwise, the first of stride 2, expansion 6, 24 output channels, SE
 * ratio 0.25. decodeArchDef turns a model's stages of strings into block arguments, scaling each
 * stage's repeats by the depth multiplier as timm does.
 */
import { getActLayer, type ActLayer } from '../../layers/index';
import { roundHalfEven } from '@x/tensor';

export type BlockType = 'ir' | 'ds' | 'dsa' | 'er' | 'cn';

/** One block's arguments as decoded (channels not yet rounded by the model's width multiplier). */
export interface BlockArgs {
  blockType: BlockType;
  outChs: number;
  stride: number;
  /** The block's own activation (null: the model's default). */
  actLayer: ActLayer | null;
  kernelSize?: number;
  dwKernelSize?: number;
  expKernelSize?: number;
  pwKernelSize?: number;
  expRatio?: number;
  seRatio?: number;
  noskip?: boolean;
  skip?: boolean;
  pwAct?: boolean;
  forceInChs?: number;
  groupSize?: number;
}

const ACTIVATIONS: Record<string, string> = { re: 'relu', r6: 'relu6', hs: 'hard_swish', sw: 'swish', mi: 'mish' };

function intOption(options: Map<string, string>, key: string, blockStr: string): number {
  const v = options.get(key);
  if (v === undefined || !/^\d+$/.test(v)) throw new Error(`block string '${blockStr}': expected an integer option '${key}<n>', got ${v === undefined ? 'none' : `'${key}${v}'`}`);
  return Number(v);
}

function floatOption(options: Map<string, string>, key: string, fallback: number | undefined, blockStr: string): number {
  const v = options.get(key);
  if (v === undefined && fallback !== undefined) return fallback;
  const n = Number(v);
  if (v === undefined || Number.isNaN(n)) throw new Error(`block string '${blockStr}': expected a number option '${key}<x>', got ${v === undefined ? 'none' : `'${key}${v}'`}`);
  return n;
}

/** One block string → its arguments and repeat count (timm's _decode_block_str). */
export function decodeBlockStr(blockStr: string): [BlockArgs, number] {
  const [blockType, ...ops] = blockStr.split('_');
  const options = new Map<string, string>();
  let skip: boolean | null = null;
  let actLayer: ActLayer | null = null;
  for (const op of ops) {
    if (op === 'noskip') skip = false;
    else if (op === 'skip') skip = true;
    else if (op.startsWith('n')) {
      const name = ACTIVATIONS[op.slice(1)];
      if (name) actLayer = getActLayer(name);
    } else {
      // The key is everything before the first digit ('se0.25' → se, 0.25).
      const m = /^(\D*)(\d.*)$/.exec(op);
      if (m) options.set(m[1]!, m[2]!);
    }
  }
  const numRepeat = intOption(options, 'r', blockStr);
  const base = { outChs: intOption(options, 'c', blockStr), stride: intOption(options, 's', blockStr), actLayer };
  const endKernelSize = options.has('p') ? intOption(options, 'p', blockStr) : 1;
  let args: BlockArgs;
  if (blockType === 'ir') {
    args = {
      blockType, ...base,
      dwKernelSize: intOption(options, 'k', blockStr),
      expKernelSize: options.has('a') ? intOption(options, 'a', blockStr) : 1,
      pwKernelSize: endKernelSize,
      expRatio: floatOption(options, 'e', undefined, blockStr),
      seRatio: floatOption(options, 'se', 0, blockStr),
      noskip: skip === false,
    };
  } else if (blockType === 'ds' || blockType === 'dsa') {
    args = {
      blockType, ...base,
      dwKernelSize: intOption(options, 'k', blockStr),
      pwKernelSize: endKernelSize,
      seRatio: floatOption(options, 'se', 0, blockStr),
      pwAct: blockType === 'dsa',
      noskip: blockType === 'dsa' || skip === false,
    };
  } else if (blockType === 'er') {
    args = {
      blockType, ...base,
      expKernelSize: intOption(options, 'k', blockStr),
      pwKernelSize: endKernelSize,
      expRatio: floatOption(options, 'e', undefined, blockStr),
      forceInChs: options.has('fc') ? intOption(options, 'fc', blockStr) : 0,
      seRatio: floatOption(options, 'se', 0, blockStr),
      noskip: skip === false,
    };
  } else if (blockType === 'cn') {
    args = { blockType, ...base, kernelSize: intOption(options, 'k', blockStr), skip: skip === true };
  } else {
    throw new Error(`block string '${blockStr}': unknown block type '${blockType}' (expected ir, ds, dsa, er or cn)`);
  }
  if (options.has('gs')) args.groupSize = intOption(options, 'gs', blockStr);
  return [args, numRepeat];
}

/**
 * A stage's blocks with its total repeats scaled by depthMultiplier ('ceil', as EfficientNet, or
 * 'round'), shared out over its block definitions from the last one back, so the first changes least.
 */
export function scaleStageDepth(stackArgs: readonly BlockArgs[], repeats: readonly number[], depthMultiplier = 1, depthTrunc: 'ceil' | 'round' = 'ceil'): BlockArgs[] {
  let numRepeat = repeats.reduce((a, b) => a + b, 0);
  let numRepeatScaled = depthTrunc === 'round' ? Math.max(1, roundHalfEven(numRepeat * depthMultiplier)) : Math.ceil(numRepeat * depthMultiplier);
  const repeatsScaled: number[] = [];
  for (let i = repeats.length - 1; i >= 0; i--) {
    const r = repeats[i]!;
    const rs = Math.max(1, roundHalfEven((r / numRepeat) * numRepeatScaled));
    repeatsScaled.unshift(rs);
    numRepeat -= r;
    numRepeatScaled -= rs;
  }
  return stackArgs.flatMap((ba, i) => Array.from({ length: repeatsScaled[i]! }, () => ({ ...ba })));
}

export interface DecodeArchDefOptions {
  /** One multiplier for every stage, or one per stage. */
  depthMultiplier?: number | readonly number[];
  depthTrunc?: 'ceil' | 'round';
  /** Keep the first and last stages' depth. */
  fixFirstLast?: boolean;
  /** Group size for the blocks whose string sets none. */
  groupSize?: number | null;
}

/** timm's decode_arch_def: stages of block strings → stages of block arguments. */
export function decodeArchDef(archDef: readonly (readonly string[])[], { depthMultiplier = 1, depthTrunc = 'ceil', fixFirstLast = false, groupSize = null }: DecodeArchDefOptions = {}): BlockArgs[][] {
  const multipliers = typeof depthMultiplier === 'number' ? archDef.map(() => depthMultiplier) : depthMultiplier;
  if (multipliers.length !== archDef.length) throw new Error(`decodeArchDef: expected ${archDef.length} depth multipliers (one per stage), got ${multipliers.length}`);
  return archDef.map((blockStrings, stageIdx) => {
    const stackArgs: BlockArgs[] = [];
    const repeats: number[] = [];
    for (const s of blockStrings) {
      const [ba, rep] = decodeBlockStr(s);
      if (groupSize !== null && ba.groupSize === undefined) ba.groupSize = groupSize;
      stackArgs.push(ba);
      repeats.push(rep);
    }
    const keep = fixFirstLast && (stageIdx === 0 || stageIdx === archDef.length - 1);
    return scaleStageDepth(stackArgs, repeats, keep ? 1 : multipliers[stageIdx]!, depthTrunc);
  });
}
