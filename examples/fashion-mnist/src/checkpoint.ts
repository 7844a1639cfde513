/**
 * The training checkpoint, as the seed's save/load chapter writes one for resuming: a dict with the
 * model's and the optimizer's state dicts and the epoch (plus the per-epoch history and the random
 * generator's state, so that a resumed run continues exactly where it stopped). torch.save writes
 * it in PyTorch's format: `torch.load(path)` in Python reads it too.
 */
import { existsSync } from 'node:fs';
import * as torch from '@x/torch';

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  accuracy: number;
  /** Wall seconds of the epoch (training and validation). */
  seconds: number;
  trainSeconds: number;
  valSeconds: number;
  /** The process's resident memory after the epoch, MiB. */
  rssMiB: number;
  /** Tensors alive after the epoch (torch.memory().numTensors after torch.reclaim()): constant from epoch 2 on. */
  liveTensors: number;
}

type GeneratorState = ReturnType<torch.Generator['getState']>;

export interface TrainingState {
  model: torch.nn.Module;
  optimizer: torch.optim.Optimizer;
  epoch: number;
  history: EpochRecord[];
  rngState: GeneratorState;
}

/** model.pth → model.ckpt.pth: the training checkpoint lives beside the model's state dict. */
export function trainingCheckpointPath(modelFile: string): string {
  return modelFile.replace(/(\.pth)?$/, '.ckpt.pth');
}

export async function saveCheckpoint(path: string, s: TrainingState): Promise<void> {
  await torch.save(
    {
      epoch: s.epoch,
      model_state_dict: s.model.stateDict(),
      // torch.save writes an optimizer state_dict as PyTorch's own (int state keys, tuple betas).
      optimizer_state_dict: s.optimizer.stateDict(),
      history: s.history.map((e) => ({ ...e })),
      rng_state: { ...s.rngState },
    },
    path,
    // The optimizer's lr/betas are Python floats, which 1.13's weights_only loader refuses (as it
    // refuses its own optimizer state_dicts); README.md says so, so the run does not warn each time.
    { warnFloats: false },
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Map);
}

const EPOCH_FIELDS: (keyof EpochRecord)[] = ['epoch', 'trainLoss', 'valLoss', 'accuracy', 'seconds', 'trainSeconds', 'valSeconds', 'rssMiB', 'liveTensors'];

/**
 * Loads a training checkpoint into model and optimizer; returns its epoch, history and generator
 * state. A file that is not one (a plain state dict, say) is refused saying what it holds.
 */
export async function loadCheckpoint(path: string, model: torch.nn.Module, optimizer: torch.optim.Optimizer): Promise<{ epoch: number; history: EpochRecord[]; rngState: GeneratorState }> {
  if (!existsSync(path)) throw new Error(`--resume: ${path} does not exist (a training checkpoint is written after every epoch as <checkpoint>.ckpt.pth)`);
  const ckpt = await torch.load(path);
  const keys = isRecord(ckpt) ? Object.keys(ckpt) : [];
  if (!isRecord(ckpt) || !('model_state_dict' in ckpt) || !('optimizer_state_dict' in ckpt) || !('epoch' in ckpt)) {
    const holds = isRecord(ckpt) ? `a dict with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}` : typeof ckpt;
    throw new Error(
      `--resume: ${path} is not a training checkpoint: expected a dict with epoch, model_state_dict and optimizer_state_dict, found ${holds}` +
        (keys.some((k) => k.includes('.weight')) ? ' (a model state dict: it has no optimizer state to resume)' : ''),
    );
  }
  model.loadStateDict(ckpt.model_state_dict as Record<string, torch.Tensor>);
  optimizer.loadStateDict(ckpt.optimizer_state_dict as Parameters<torch.optim.Optimizer['loadStateDict']>[0]);
  const history = Array.isArray(ckpt.history)
    ? ckpt.history.map((e) => Object.fromEntries(EPOCH_FIELDS.map((k) => [k, Number((e as Record<string, unknown>)[k])])) as unknown as EpochRecord)
    : [];
  const rng = isRecord(ckpt.rng_state) ? ckpt.rng_state : null;
  const rngState = rng
    ? { seedLo: Number(rng.seedLo), seedHi: Number(rng.seedHi), offset: Number(rng.offset) }
    : torch.defaultGenerator.getState();
  return { epoch: Number(ckpt.epoch), history, rngState };
}
