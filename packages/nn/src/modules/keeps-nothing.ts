/**
 * Which modules keep no reference to the tensors their forward receives or returns: @x's own
 * layers, used as they are (the class itself, not a subclass; no hooks; forward not replaced), and
 * containers of such layers only. Sequential frees the tensors it passes between two such layers
 * as soon as the second has consumed it (its gradient graph holds what backward needs on its own),
 * as PyTorch frees an intermediate whose last reference goes: nothing else can reach it.
 */
import { hasHooks, Module, ownForward } from '../module';
import * as activation from './activation';
import { BatchNorm1d, BatchNorm2d, BatchNorm3d } from './batchnorm';
import { Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d } from './conv';
import { Dropout, Dropout1d, Dropout2d, Dropout3d } from './dropout';
import { Flatten, Unflatten } from './flatten';
import { InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from './instancenorm';
import { Identity, Linear } from './linear';
import { GroupNorm, LayerNorm } from './normalization';
import { AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d } from './pooling';
import { Embedding } from './sparse';
import { Upsample, UpsamplingBilinear2d, UpsamplingNearest2d } from './upsampling';

const LAYERS = new Set<unknown>([
  ...Object.values(activation).filter((c) => typeof c === 'function' && c.prototype instanceof Module),
  BatchNorm1d, BatchNorm2d, BatchNorm3d, Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d, Dropout, Dropout1d, Dropout2d, Dropout3d,
  Flatten, Unflatten, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, Identity, Linear, GroupNorm, LayerNorm,
  AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d, Embedding,
  Upsample, UpsamplingBilinear2d, UpsamplingNearest2d,
]);
const CONTAINERS = new Set<unknown>();

/** Registers a container class whose forward keeps nothing when its children keep nothing (Sequential). */
export function containerKeepsNothing(cls: abstract new (...args: never[]) => Module): void {
  CONTAINERS.add(cls);
}

/** Whether m's forward keeps no reference to its input or output tensors (see above). */
export function keepsNothing(m: Module): boolean {
  const cls = m.constructor;
  const container = CONTAINERS.has(cls);
  if (!(LAYERS.has(cls) || container) || hasHooks(m) || !ownForward(m)) return false;
  if (container) for (const c of m.children()) if (!keepsNothing(c)) return false;
  return true;
}
