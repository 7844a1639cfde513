/** lr_scheduler.ReduceLROnPlateau: cuts the lr when a metric stops improving. */
import { Tensor } from '@x/tensor';
import { bindArguments } from '../arguments';
import { toCamel, toSnake } from '../keys';
import { warn } from '../warn';
import { checkOptimizer, EPOCH_DEPRECATION_WARNING, type AnyOptimizer, type SchedulerGroup } from './lr-scheduler';

export interface ReduceLROnPlateauOptions {
  mode?: 'min' | 'max';
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  cooldown?: number;
  minLr?: number | readonly number[];
  eps?: number;
  verbose?: boolean;
}

const NAMES = ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps', 'verbose'] as const;

/**
 * Multiplies each group's lr by factor once the metric given to step() has not improved (by more
 * than threshold) for patience epochs; then waits cooldown epochs.
 *
 * @example
 * const scheduler = new lrScheduler.ReduceLROnPlateau(optimizer, { mode: 'min', patience: 5 });
 * scheduler.step(valLoss);
 */
export class ReduceLROnPlateau {
  factor: number;
  optimizer: AnyOptimizer;
  minLrs: number[];
  patience: number;
  verbose: boolean;
  cooldown: number;
  cooldownCounter: number;
  mode!: 'min' | 'max';
  threshold!: number;
  thresholdMode!: 'rel' | 'abs';
  best: number;
  numBadEpochs: number;
  modeWorse!: number;
  eps: number;
  lastEpoch: number;
  /** @internal */ _lastLr: number[];

  constructor(optimizer: AnyOptimizer, mode?: 'min' | 'max', factor?: number, patience?: number, threshold?: number, thresholdMode?: 'rel' | 'abs', cooldown?: number, minLr?: number | readonly number[], eps?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options?: ReduceLROnPlateauOptions);
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = bindArguments('ReduceLROnPlateau', NAMES, 9, args);
    const factor = (o.factor ?? 0.1) as number;
    if (factor >= 1.0) throw new Error('Factor should be < 1.0.');
    this.factor = factor;
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    const minLr = (o.minLr ?? 0) as number | number[];
    const n = optimizer.paramGroups.length;
    if (Array.isArray(minLr)) {
      if (minLr.length !== n) throw new Error(`expected ${n} min_lrs, got ${minLr.length}`);
      this.minLrs = [...minLr];
    } else {
      this.minLrs = new Array<number>(n).fill(minLr);
    }
    this.patience = (o.patience ?? 10) as number;
    this.verbose = (o.verbose ?? false) as boolean;
    this.cooldown = (o.cooldown ?? 0) as number;
    this.cooldownCounter = 0;
    this.best = 0;
    this.numBadEpochs = 0;
    this.eps = (o.eps ?? 1e-8) as number;
    this.lastEpoch = 0;
    this.initIsBetter((o.mode ?? 'min') as 'min' | 'max', (o.threshold ?? 1e-4) as number, (o.thresholdMode ?? 'rel') as 'rel' | 'abs');
    this.reset();
    this._lastLr = this.groups.map((g) => g.lr);
  }

  private get groups(): SchedulerGroup[] {
    return this.optimizer.paramGroups as unknown as SchedulerGroup[];
  }

  private reset(): void {
    this.best = this.modeWorse;
    this.cooldownCounter = 0;
    this.numBadEpochs = 0;
  }

  /** Records this epoch's metric (a number or a 0-dim tensor) and reduces the lr on a plateau. */
  step(metrics: number | Tensor, epoch?: number): void {
    let current: number;
    if (metrics instanceof Tensor) {
      if (!metrics.backend.readSync) throw new Error(`ReduceLROnPlateau.step: read the metric first on ${metrics.device} (await metric.itemAsync())`);
      current = metrics.item();
    } else current = Number(metrics);
    if (epoch === undefined) epoch = this.lastEpoch + 1;
    else warn(EPOCH_DEPRECATION_WARNING);
    this.lastEpoch = epoch;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr(epoch);
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = this.groups.map((g) => g.lr);
  }

  /** The learning rates after the last step, one per parameter group. */
  getLastLr(): number[] {
    return this._lastLr;
  }

  private reduceLr(epoch: number): void {
    this.groups.forEach((g, i) => {
      const oldLr = Number(g.lr);
      const newLr = Math.max(oldLr * this.factor, this.minLrs[i]!);
      if (oldLr - newLr > this.eps) {
        g.lr = newLr;
        if (this.verbose) {
          const epochStr = Number.isInteger(epoch) ? String(epoch).padStart(5, '0') : epoch.toFixed(2);
          const [m, e] = newLr.toExponential(4).split('e') as [string, string];
          console.log(`Epoch ${epochStr}: reducing learning rate of group ${i} to ${m}e${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(2, '0')}.`);
        }
      }
    });
  }

  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Whether metric a improves on best by more than the threshold. */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min' && this.thresholdMode === 'abs') return a < best - this.threshold;
    if (this.mode === 'max' && this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  private initIsBetter(mode: 'min' | 'max', threshold: number, thresholdMode: 'rel' | 'abs'): void {
    if (mode !== 'min' && mode !== 'max') throw new Error(`mode ${String(mode)} is unknown!`);
    if (thresholdMode !== 'rel' && thresholdMode !== 'abs') throw new Error(`threshold mode ${String(thresholdMode)} is unknown!`);
    this.modeWorse = mode === 'min' ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
  }

  /** The scheduler's state with PyTorch's names (`best`, `num_bad_epochs`, `mode_worse`, …). */
  stateDict(): Record<string, unknown> {
    const sd: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'optimizer' && v !== undefined && typeof v !== 'function') sd[toSnake(k)] = v;
    return sd;
  }

  loadStateDict(stateDict: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(stateDict)) (this as Record<string, unknown>)[toCamel(k)] = v;
    this.initIsBetter(this.mode, this.threshold, this.thresholdMode);
  }
}
