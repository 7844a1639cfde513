/**
 * timm's classifier heads (layers/classifier.py): global pooling then a Linear (or a 1×1 conv), with
 * numClasses 0 giving an Identity in place of the classifier (reset_classifier(0)).
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';
import { SelectAdaptivePool2d } from './adaptive-pool';

function createPool(numFeatures: number, poolType: string, useConv: boolean): [SelectAdaptivePool2d, number] {
  // Flatten in the pool when a Linear follows; a pass-through pool never flattens.
  const globalPool = new SelectAdaptivePool2d({ poolType, flatten: !useConv && Boolean(poolType) });
  return [globalPool, numFeatures * globalPool.featMult()];
}

export function createFc(numFeatures: number, numClasses: number, useConv = false): nn.Module {
  if (numClasses <= 0) return new nn.Identity();
  return useConv ? new nn.Conv2d(numFeatures, numClasses, 1, { bias: true }) : new nn.Linear(numFeatures, numClasses, true);
}

/** timm's create_classifier: [globalPool, fc] for a model that keeps them as two attributes. */
export function createClassifier(numFeatures: number, numClasses: number, poolType = 'avg', useConv = false): [SelectAdaptivePool2d, nn.Module] {
  const [globalPool, pooled] = createPool(numFeatures, poolType, useConv);
  return [globalPool, createFc(pooled, numClasses, useConv)];
}

export interface ClassifierHeadOptions {
  poolType?: string;
  dropRate?: number;
  useConv?: boolean;
}

/** Pool → dropout → fc (→ flatten after a conv fc). */
export class ClassifierHead extends nn.Module {
  global_pool: SelectAdaptivePool2d;
  drop: nn.Dropout;
  fc: nn.Module;
  flatten: nn.Module;
  readonly inFeatures: number;
  readonly useConv: boolean;

  constructor(inFeatures: number, numClasses: number, { poolType = 'avg', dropRate = 0, useConv = false }: ClassifierHeadOptions = {}) {
    super();
    this.inFeatures = inFeatures;
    this.useConv = useConv;
    [this.global_pool, this.fc] = createClassifier(inFeatures, numClasses, poolType, useConv);
    this.drop = new nn.Dropout(dropRate);
    this.flatten = useConv && poolType ? new nn.Flatten(1) : new nn.Identity();
  }

  reset(numClasses: number, poolType?: string): void {
    if (poolType !== undefined && poolType !== this.global_pool.poolType) {
      [this.global_pool, this.fc] = createClassifier(this.inFeatures, numClasses, poolType, this.useConv);
      this.flatten = this.useConv && poolType ? new nn.Flatten(1) : new nn.Identity();
    } else {
      this.fc = createFc(this.inFeatures * this.global_pool.featMult(), numClasses, this.useConv);
    }
  }

  forward(x: Tensor, preLogits = false): Tensor {
    x = this.drop.forward(this.global_pool.forward(x));
    if (preLogits) return forwardTensor(this.flatten, x);
    return forwardTensor(this.flatten, forwardTensor(this.fc, x));
  }
}
