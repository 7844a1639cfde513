/** The training checkpoint, in PyTorch's format: model, optimizer, epoch, history and random state, all a resumed run needs to continue exactly. */
import { existsSync } from 'node:fs';
import * as torch from '@x/torch';

/** One epoch: losses, accuracy, wall seconds (in all, training, validation), resident memory (MiB) and live tensors after it. */
export interface EpochRecord {
  epoch: number; trainLoss: number; valLoss: number; accuracy: number;
  seconds: number; trainSeconds: number; valSeconds: number; rssMiB: number; liveTensors: number;
}
export type TrainingState = { epoch: number; history: EpochRecord[] };

export async function saveCheckpoint(path: string, model: torch.nn.Module, optimizer: Pick<torch.optim.Optimizer, 'stateDict' | 'loadStateDict'>, { epoch, history }: TrainingState): Promise<void> {
  const checkpoint = { epoch, model_state_dict: model.stateDict(), optimizer_state_dict: optimizer.stateDict(), history, rng_state: torch.getRngState() };
  // lr and betas are floats, which PyTorch 1.13's weights_only loader refuses: README.md says so, not a warning every epoch.
  await torch.save(checkpoint, path, { warnFloats: false });
}

const isDict = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Map);

/** Restores model, optimizer and random state from a training checkpoint; a file that is not one is refused, saying what it is. */
export async function loadCheckpoint(path: string, model: torch.nn.Module, optimizer: Pick<torch.optim.Optimizer, 'stateDict' | 'loadStateDict'>): Promise<TrainingState> {
  if (!existsSync(path)) throw new Error(`--resume: ${path} does not exist (a training checkpoint is written after every epoch as <checkpoint>.ckpt.pth)`);
  const ckpt = await torch.load(path);
  if (!isDict(ckpt) || !['epoch', 'model_state_dict', 'optimizer_state_dict'].every((key) => key in ckpt)) {
    const hint = isDict(ckpt) && Object.keys(ckpt).some((key) => key.endsWith('.weight')) ? ': it is a model state dict, with no optimizer state to resume' : '';
    throw new Error(`--resume: ${path} is not a training checkpoint (a dict with epoch, model_state_dict and optimizer_state_dict)${hint}`);
  }
  model.loadStateDict(ckpt.model_state_dict as torch.nn.StateDict);
  optimizer.loadStateDict(ckpt.optimizer_state_dict as Parameters<torch.optim.Optimizer['loadStateDict']>[0]);
  // PyTorch's torch.get_rng_state() layout: a checkpoint's state loads in PyTorch and back
  if (ckpt.rng_state instanceof torch.Tensor) torch.setRngState(ckpt.rng_state);
  return { epoch: Number(ckpt.epoch), history: (ckpt.history ?? []) as EpochRecord[] };
}
