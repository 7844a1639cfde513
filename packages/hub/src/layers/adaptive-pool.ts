/**
 * timm's selectable global pooling (layers/adaptive_avgmax_pool.py): 'avg', 'max', 'avgmax' (the
 * mean of both), 'catavgmax' (both, concatenated: twice the features), each also as a 'fast' variant
 * that reduces with mean/amax instead of adaptive pooling, and '' for no pooling.
 */
import { cat, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { forwardTensor } from '../module-call';

/** How many times the features a pooling gives: 2 for catavgmax, else 1. */
export function adaptivePoolFeatMult(poolType = 'avg'): number {
  return poolType.endsWith('catavgmax') ? 2 : 1;
}

/** Base of the 'fast' pools: reduce over H and W, keeping them unless flattening. */
abstract class FastPool extends nn.Module {
  constructor(public readonly flatten: boolean) {
    super();
  }
  protected avg(x: Tensor): Tensor {
    return x.mean([2, 3], !this.flatten);
  }
  protected max(x: Tensor): Tensor {
    return x.amax([2, 3], !this.flatten);
  }
}

export class FastAdaptiveAvgPool extends FastPool {
  forward(x: Tensor): Tensor {
    return this.avg(x);
  }
}

export class FastAdaptiveMaxPool extends FastPool {
  forward(x: Tensor): Tensor {
    return this.max(x);
  }
}

export class FastAdaptiveAvgMaxPool extends FastPool {
  forward(x: Tensor): Tensor {
    return this.avg(x).mul(0.5).add(this.max(x).mul(0.5));
  }
}

export class FastAdaptiveCatAvgMaxPool extends FastPool {
  forward(x: Tensor): Tensor {
    return cat([this.avg(x), this.max(x)], 1);
  }
}

export class AdaptiveAvgMaxPool2d extends nn.Module {
  constructor(public readonly outputSize: number | [number, number] = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return nn.functional.adaptiveAvgPool2d(x, this.outputSize).add(nn.functional.adaptiveMaxPool2d(x, this.outputSize)).mul(0.5);
  }
}

export class AdaptiveCatAvgMaxPool2d extends nn.Module {
  constructor(public readonly outputSize: number | [number, number] = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return cat([nn.functional.adaptiveAvgPool2d(x, this.outputSize), nn.functional.adaptiveMaxPool2d(x, this.outputSize)], 1);
  }
}

export interface SelectAdaptivePool2dOptions {
  outputSize?: number | [number, number];
  /** 'avg' | 'max' | 'avgmax' | 'catavgmax', or with a 'fast' prefix, or '' for none. */
  poolType?: string;
  flatten?: boolean;
}

/** Global pooling chosen by name, optionally flattened; prints as timm's. */
export class SelectAdaptivePool2d extends nn.Module {
  readonly poolType: string;
  pool: nn.Module;
  flatten: nn.Module;

  constructor({ outputSize = 1, poolType = 'fast', flatten = false }: SelectAdaptivePool2dOptions = {}) {
    super();
    this.poolType = poolType;
    const type = poolType.toLowerCase();
    const flat = (): nn.Module => (flatten ? new nn.Flatten(1) : new nn.Identity());
    if (!type) {
      this.pool = new nn.Identity();
      this.flatten = flat();
    } else if (type.startsWith('fast')) {
      if (outputSize !== 1) throw new Error(`SelectAdaptivePool2d: fast pooling needs outputSize 1, got ${JSON.stringify(outputSize)}`);
      if (type.endsWith('catavgmax')) this.pool = new FastAdaptiveCatAvgMaxPool(flatten);
      else if (type.endsWith('avgmax')) this.pool = new FastAdaptiveAvgMaxPool(flatten);
      else if (type.endsWith('max')) this.pool = new FastAdaptiveMaxPool(flatten);
      else if (type === 'fast' || type.endsWith('avg')) this.pool = new FastAdaptiveAvgPool(flatten);
      else throw new Error(`SelectAdaptivePool2d: unknown pool type '${poolType}' (expected avg, max, avgmax or catavgmax, optionally prefixed 'fast', or '')`);
      this.flatten = new nn.Identity();
    } else {
      if (type === 'avgmax') this.pool = new AdaptiveAvgMaxPool2d(outputSize);
      else if (type === 'catavgmax') this.pool = new AdaptiveCatAvgMaxPool2d(outputSize);
      else if (type === 'max') this.pool = new nn.AdaptiveMaxPool2d(outputSize);
      else if (type === 'avg') this.pool = new nn.AdaptiveAvgPool2d(outputSize);
      else throw new Error(`SelectAdaptivePool2d: unknown pool type '${poolType}' (expected avg, max, avgmax or catavgmax, optionally prefixed 'fast', or '')`);
      this.flatten = flat();
    }
  }

  isIdentity(): boolean {
    return !this.poolType;
  }

  featMult(): number {
    return adaptivePoolFeatMult(this.poolType);
  }

  forward(x: Tensor): Tensor {
    return forwardTensor(this.flatten, forwardTensor(this.pool, x));
  }

  override toString(): string {
    return `SelectAdaptivePool2d(pool_type=${this.poolType}, flatten=${String(this.flatten)})`;
  }
}
