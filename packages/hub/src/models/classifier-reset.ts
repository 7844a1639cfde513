/**
 * timm's get_classifier / reset_classifier for the two ways its models keep their head: a global
 * pool and a classifier as two attributes (DenseNet, EfficientNet), or one head module with its own
 * reset (RegNet's ClassifierHead, ConvNeXt's NormMlpClassifierHead). The attributes are `declare`d
 * so that the subclass's own assignments, in its order, register them (the printed order).
 */
import * as nn from '@x/nn';
import type { SelectAdaptivePool2d } from '../layers/adaptive-pool';
import { createClassifier } from '../layers/classifier';

/** A model with `global_pool` and `classifier` attributes, remade together by createClassifier. */
export abstract class PoolClassifierModel extends nn.Module {
  declare global_pool: SelectAdaptivePool2d;
  declare classifier: nn.Module;
  declare numClasses: number;
  abstract readonly numFeatures: number;

  getClassifier(): nn.Module {
    return this.classifier;
  }

  /** A new classifier for `numClasses` (0: an Identity) after a new `globalPool` (timm's default 'avg'). */
  resetClassifier(numClasses: number, globalPool = 'avg'): void {
    this.numClasses = numClasses;
    [this.global_pool, this.classifier] = createClassifier(this.numFeatures, numClasses, globalPool);
  }
}

/** The head module's interface: its classifier `fc` and its reset. */
export interface ResettableHead extends nn.Module {
  fc: nn.Module;
  reset(numClasses: number, poolType?: string): void;
}

/** A model whose `head` pools and classifies, and resets itself. */
export abstract class HeadClassifierModel extends nn.Module {
  declare head: ResettableHead;
  declare numClasses: number;

  getClassifier(): nn.Module {
    return this.head.fc;
  }

  /** A new classifier for `numClasses` (0: an Identity); the pool changes only when `globalPool` is given. */
  resetClassifier(numClasses: number, globalPool?: string): void {
    this.numClasses = numClasses;
    this.head.reset(numClasses, globalPool);
  }
}
