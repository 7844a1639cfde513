/** lr_scheduler.CyclicLR: the lr cycles between base and max (Smith, "Cyclical Learning Rates"), stepped per batch. */
import { signature } from '@x/tensor';
import { checkOptimizer, formatParam, LRScheduler, type AnyOptimizer } from './lr-scheduler';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicLROptions {
  baseLr?: number | readonly number[];
  maxLr?: number | readonly number[];
  stepSizeUp?: number;
  stepSizeDown?: number | null;
  mode?: CyclicMode;
  gamma?: number;
  scaleFn?: ((x: number) => number) | null;
  scaleMode?: 'cycle' | 'iterations';
  cycleMomentum?: boolean;
  baseMomentum?: number | readonly number[];
  maxMomentum?: number | readonly number[];
  lastEpoch?: number;
  verbose?: boolean;
}


/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const CYCLIC_LR_SIGNATURE = signature("CyclicLR(any optimizer, float|float[] baseLr, float|float[] maxLr, int stepSizeUp=2000, int? stepSizeDown=None, str mode='triangular', float gamma=1.0, callable? scaleFn=None, str scaleMode='cycle', bool cycleMomentum=True, float|float[] baseMomentum=0.8, float|float[] maxMomentum=0.9, int lastEpoch=-1, bool verbose=False)");

/**
 * Cycles each group's lr between baseLr and maxLr (and the momentum inversely between
 * maxMomentum and baseMomentum), with the triangular, triangular2 and exp_range policies or a
 * custom scaleFn.
 *
 * @example
 * const scheduler = new lrScheduler.CyclicLR(optimizer, 0.01, 0.1, { stepSizeUp: 2000 });
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleMode: 'cycle' | 'iterations';
  cycleMomentum: boolean;
  baseMomentums?: number[];
  maxMomentums?: number[];
  /** @internal A custom scale function (not saved by stateDict). */
  _scaleFnCustom: ((x: number) => number) | null;

  constructor(optimizer: AnyOptimizer, baseLr: number | readonly number[], maxLr: number | readonly number[], options?: CyclicLROptions);
  constructor(optimizer: AnyOptimizer, options: CyclicLROptions & { baseLr: number | readonly number[]; maxLr: number | readonly number[] });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = CYCLIC_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    checkOptimizer(optimizer);
    const lastEpoch = (o.lastEpoch ?? -1) as number;
    const baseLrs = formatParam('base_lr', optimizer, o.baseLr as number);
    if (lastEpoch === -1) optimizer.paramGroups.forEach((g, i) => ((g as { lr: number }).lr = baseLrs[i]!));
    const maxLrs = formatParam('max_lr', optimizer, o.maxLr as number);
    const stepSizeUp = Number(o.stepSizeUp ?? 2000);
    const stepSizeDown = o.stepSizeDown !== undefined && o.stepSizeDown !== null ? Number(o.stepSizeDown) : stepSizeUp;
    const mode = (o.mode ?? 'triangular') as string;
    const scaleFn = (o.scaleFn ?? null) as ((x: number) => number) | null;
    if (!['triangular', 'triangular2', 'exp_range'].includes(mode) && scaleFn === null) throw new Error('mode is invalid and scale_fn is None');
    const cycleMomentum = (o.cycleMomentum ?? true) as boolean;
    let baseMomentums: number[] | undefined;
    let maxMomentums: number[] | undefined;
    if (cycleMomentum) {
      if (!('momentum' in optimizer.defaults)) throw new Error('optimizer must support momentum with `cycle_momentum` option enabled');
      const bm = formatParam('base_momentum', optimizer, (o.baseMomentum ?? 0.8) as number);
      if (lastEpoch === -1) optimizer.paramGroups.forEach((g, i) => ((g as { momentum?: number }).momentum = bm[i]!));
      baseMomentums = optimizer.paramGroups.map((g) => (g as { momentum: number }).momentum);
      maxMomentums = formatParam('max_momentum', optimizer, (o.maxMomentum ?? 0.9) as number);
    }
    super(optimizer, lastEpoch, (o.verbose ?? false) as boolean);
    this.maxLrs = maxLrs;
    this.totalSize = stepSizeUp + stepSizeDown;
    this.stepRatio = stepSizeUp / this.totalSize;
    this.mode = mode;
    this.gamma = (o.gamma ?? 1.0) as number;
    this._scaleFnCustom = scaleFn;
    this.scaleMode = scaleFn === null ? (mode === 'exp_range' ? 'iterations' : 'cycle') : ((o.scaleMode ?? 'cycle') as 'cycle' | 'iterations');
    this.cycleMomentum = cycleMomentum;
    if (cycleMomentum) {
      this.baseMomentums = baseMomentums;
      this.maxMomentums = maxMomentums;
    }
    this._initialStep();
    this.baseLrs = baseLrs;
  }

  /** A custom scale function cannot be saved; it comes from the constructor again. */
  protected override stateDictExcludes(): readonly string[] {
    return ['_scaleFnCustom'];
  }

  /** The policy's amplitude scale at x (the cycle number or the iteration). */
  scaleFn(x: number): number {
    if (this._scaleFnCustom !== null) return this._scaleFnCustom(x);
    if (this.mode === 'triangular') return 1.0;
    if (this.mode === 'triangular2') return 1 / 2.0 ** (x - 1);
    return this.gamma ** x;
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1.0 + this.lastEpoch / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const at = this.scaleMode === 'cycle' ? cycle : this.lastEpoch;
    const lrs = this.baseLrs.map((baseLr, i) => baseLr + (this.maxLrs[i]! - baseLr) * scaleFactor * this.scaleFn(at));
    if (this.cycleMomentum) {
      const momentums = this.baseMomentums!.map((b, i) => this.maxMomentums![i]! - (this.maxMomentums![i]! - b) * scaleFactor * this.scaleFn(at));
      this.groups.forEach((g, i) => (g.momentum = momentums[i]));
    }
    return lrs;
  }
}
