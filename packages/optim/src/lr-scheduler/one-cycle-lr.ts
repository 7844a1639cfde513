/** lr_scheduler.OneCycleLR: the 1cycle policy (Smith & Topin, "Super-Convergence"), stepped per batch. */
import { signature } from '@x/tensor';
import { toCamel } from '../keys';
import { pyRepr } from '../python';
import { checkOptimizer, formatParam, LRScheduler, type AnyOptimizer, type SchedulerGroup } from './lr-scheduler';

export interface OneCycleLROptions {
  maxLr?: number | readonly number[];
  totalSteps?: number | null;
  epochs?: number | null;
  stepsPerEpoch?: number | null;
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  cycleMomentum?: boolean;
  baseMomentum?: number | readonly number[];
  maxMomentum?: number | readonly number[];
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
  lastEpoch?: number;
  verbose?: boolean;
}


/** One phase of the cycle; the lr/momentum entries name parameter-group keys as PyTorch does. */
export interface OneCyclePhase {
  end_step: number;
  start_lr: string;
  end_lr: string;
  start_momentum: string;
  end_momentum: string;
}

function annealCos(start: number, end: number, pct: number): number {
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2.0) * cosOut;
}

function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

function positiveInteger(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x <= 0) throw new Error(`Expected positive integer ${what}, but got ${pyRepr(x)}`);
  return x;
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const ONE_CYCLE_LR_SIGNATURE = signature("OneCycleLR(any optimizer, float|float[] maxLr, int? totalSteps=None, int? epochs=None, int? stepsPerEpoch=None, float pctStart=0.3, str annealStrategy='cos', bool cycleMomentum=True, float|float[] baseMomentum=0.85, float|float[] maxMomentum=0.95, float divFactor=25.0, float finalDivFactor=10000.0, bool threePhase=False, int lastEpoch=-1, bool verbose=False)");

/**
 * Warms each group's lr up from maxLr/divFactor to maxLr, then anneals it to
 * maxLr/(divFactor·finalDivFactor), cycling momentum (or Adam's beta1) the other way.
 *
 * @example
 * const scheduler = new lrScheduler.OneCycleLR(optimizer, 0.01, { totalSteps: 1000 });
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  _schedulePhases: OneCyclePhase[];
  /** @internal 'cos' or 'linear' (PyTorch 2's `_anneal_func_type`). */
  _annealFuncType: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1?: boolean;

  constructor(optimizer: AnyOptimizer, maxLr: number | readonly number[], options?: OneCycleLROptions);
  constructor(optimizer: AnyOptimizer, options: OneCycleLROptions & { maxLr: number | readonly number[] });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = ONE_CYCLE_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    checkOptimizer(optimizer);
    const { totalSteps: ts, epochs, stepsPerEpoch } = o;
    let totalSteps: number;
    if ((ts ?? null) === null && (epochs ?? null) === null && (stepsPerEpoch ?? null) === null) {
      throw new Error('You must define either total_steps OR (epochs AND steps_per_epoch)');
    } else if ((ts ?? null) !== null) {
      totalSteps = positiveInteger(ts, 'total_steps');
    } else {
      totalSteps = positiveInteger(epochs, 'epochs') * positiveInteger(stepsPerEpoch, 'steps_per_epoch');
    }
    const pctStart = (o.pctStart ?? 0.3) as number;
    const phases: OneCyclePhase[] = o.threePhase
      ? [
          { end_step: pctStart * totalSteps - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
          { end_step: 2 * pctStart * totalSteps - 2, start_lr: 'max_lr', end_lr: 'initial_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
          { end_step: totalSteps - 1, start_lr: 'initial_lr', end_lr: 'min_lr', start_momentum: 'max_momentum', end_momentum: 'max_momentum' },
        ]
      : [
          { end_step: pctStart * totalSteps - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
          { end_step: totalSteps - 1, start_lr: 'max_lr', end_lr: 'min_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
        ];
    if (typeof pctStart !== 'number' || pctStart < 0 || pctStart > 1) throw new Error(`Expected float between 0 and 1 pct_start, but got ${pyRepr(pctStart)}`);
    const annealStrategy = (o.annealStrategy ?? 'cos') as string;
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new Error(`anneal_strategy must by one of 'cos' or 'linear', instead got ${annealStrategy}`);
    }
    const lastEpoch = (o.lastEpoch ?? -1) as number;
    const groups = optimizer.paramGroups as unknown as SchedulerGroup[];
    const maxLrs = formatParam('max_lr', optimizer, o.maxLr as number);
    const divFactor = (o.divFactor ?? 25.0) as number;
    const finalDivFactor = (o.finalDivFactor ?? 1e4) as number;
    if (lastEpoch === -1) {
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i]! / divFactor;
        g.maxLr = maxLrs[i]!;
        g.minLr = (g.initialLr as number) / finalDivFactor;
      });
    }
    const cycleMomentum = (o.cycleMomentum ?? true) as boolean;
    let useBeta1: boolean | undefined;
    if (cycleMomentum) {
      if (!('momentum' in optimizer.defaults) && !('betas' in optimizer.defaults)) {
        throw new Error('optimizer must support momentum with `cycle_momentum` option enabled');
      }
      useBeta1 = 'betas' in optimizer.defaults;
      const maxMomentums = formatParam('max_momentum', optimizer, (o.maxMomentum ?? 0.95) as number);
      const baseMomentums = formatParam('base_momentum', optimizer, (o.baseMomentum ?? 0.85) as number);
      if (lastEpoch === -1) {
        groups.forEach((g, i) => {
          if (useBeta1) g.betas = [maxMomentums[i]!, ...(g.betas as number[]).slice(1)];
          else g.momentum = maxMomentums[i]!;
          g.maxMomentum = maxMomentums[i]!;
          g.baseMomentum = baseMomentums[i]!;
        });
      }
    }
    super(optimizer, lastEpoch, (o.verbose ?? false) as boolean);
    this.totalSteps = totalSteps;
    this._schedulePhases = phases;
    this._annealFuncType = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    if (cycleMomentum) this.useBeta1 = useBeta1;
    this._initialStep();
  }

  private anneal(start: number, end: number, pct: number): number {
    return this._annealFuncType === 'cos' ? annealCos(start, end, pct) : annealLinear(start, end, pct);
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new Error(`Tried to step ${stepNum + 1} times. The specified number of total steps is ${this.totalSteps}`);
    }
    const lrs: number[] = [];
    for (const group of this.groups) {
      let startStep = 0;
      let lr = 0;
      let momentum = 0;
      const phases = this._schedulePhases;
      for (let i = 0; i < phases.length; i++) {
        const phase = phases[i]!;
        const endStep = phase.end_step;
        if (stepNum <= endStep || i === phases.length - 1) {
          const pct = (stepNum - startStep) / (endStep - startStep);
          lr = this.anneal(group[toCamel(phase.start_lr)] as number, group[toCamel(phase.end_lr)] as number, pct);
          if (this.cycleMomentum) momentum = this.anneal(group[toCamel(phase.start_momentum)] as number, group[toCamel(phase.end_momentum)] as number, pct);
          break;
        }
        startStep = phase.end_step;
      }
      lrs.push(lr);
      if (this.cycleMomentum) {
        if (this.useBeta1) group.betas = [momentum, ...(group.betas as number[]).slice(1)];
        else group.momentum = momentum;
      }
    }
    return lrs;
  }
}
