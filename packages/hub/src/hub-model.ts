/**
 * What every timm-style model here offers beyond nn.Module: its classifier (get/reset), the
 * features before pooling, and the head (timm's forward_features / forward_head / reset_classifier).
 */
import type { Tensor } from '@x/tensor';
import type { Module } from '@x/nn';
import type { PretrainedCfg } from './pretrained-cfg';

export interface TimmModel extends Module {
  /** Channels of the features the head pools (timm's num_features). */
  readonly numFeatures: number;
  numClasses: number;
  forward(x: Tensor): Tensor;
  forwardFeatures(x: Tensor): Tensor;
  forwardHead(x: Tensor, preLogits?: boolean): Tensor;
  getClassifier(): Module;
  /** New classifier for `numClasses` (0: none, the head gives pooled features), and optionally a new pooling. */
  resetClassifier(numClasses: number, globalPool?: string): void;
}

/** A model made by createModel: the config of the weights it was made for. */
export type HubModel<M extends Module = Module> = M & {
  pretrainedCfg: PretrainedCfg;
  /** timm's alias of pretrainedCfg. */
  defaultCfg: PretrainedCfg;
};
