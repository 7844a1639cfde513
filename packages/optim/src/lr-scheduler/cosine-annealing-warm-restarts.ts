/** lr_scheduler.CosineAnnealingWarmRestarts: SGDR (Loshchilov & Hutter), cosine annealing restarted every T_i epochs. */
import { signature } from '@x/tensor';
import { pyRepr } from '../python';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const COSINE_ANNEALING_WARM_RESTARTS_SIGNATURE = signature('CosineAnnealingWarmRestarts(any optimizer, int T0, int TMult=1, float etaMin=0, int lastEpoch=-1, bool verbose=False)');

/**
 * Anneals each group's lr along a cosine to etaMin over T0 epochs, then restarts, each period
 * TMult times longer than the last. step(epoch) may take fractional epochs (per-batch stepping).
 *
 * @example
 * const scheduler = new lrScheduler.CosineAnnealingWarmRestarts(optimizer, 10, { TMult: 2 });
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T0: number;
  TI: number;
  TMult: number;
  etaMin: number;
  TCur: number;

  constructor(optimizer: AnyOptimizer, T0: number, TMult?: number, etaMin?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, T0: number, options?: { TMult?: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { T0: number; TMult?: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = COSINE_ANNEALING_WARM_RESTARTS_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    const T0 = o.T0 as number;
    const TMult = (o.TMult ?? 1) as number;
    if (!Number.isInteger(T0) || T0 <= 0) throw new Error(`Expected positive integer T_0, but got ${pyRepr(T0)}`);
    if (!Number.isInteger(TMult) || TMult < 1) throw new Error(`Expected integer T_mult >= 1, but got ${pyRepr(TMult)}`);
    const lastEpoch = (o.lastEpoch ?? -1) as number;
    super(optimizer, lastEpoch, (o.verbose ?? false) as boolean);
    this.T0 = T0;
    this.TI = T0;
    this.TMult = TMult;
    this.etaMin = (o.etaMin ?? 0) as number;
    this.TCur = lastEpoch;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.TCur) / this.TI))) / 2);
  }

  /** Advances one epoch, or jumps to `epoch` (fractions allowed: call it per batch with epoch + i / iters). */
  override step(epoch?: number): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.TCur = this.TCur + 1;
      if (this.TCur >= this.TI) {
        this.TCur = this.TCur - this.TI;
        this.TI = this.TI * this.TMult;
      }
    } else {
      if (epoch < 0) throw new Error(`Expected non-negative epoch, but got ${pyRepr(epoch)}`);
      if (epoch >= this.T0) {
        if (this.TMult === 1) {
          this.TCur = pyMod(epoch, this.T0);
        } else {
          const n = Math.trunc(Math.log((epoch / this.T0) * (this.TMult - 1) + 1) / Math.log(this.TMult));
          this.TCur = epoch - (this.T0 * (this.TMult ** n - 1)) / (this.TMult - 1);
          this.TI = this.T0 * this.TMult ** n;
        }
      } else {
        this.TI = this.T0;
        this.TCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    this._getLrCalledWithinStep = true;
    try {
      const lrs = this.getLr();
      this.groups.forEach((g, i) => {
        g.lr = lrs[i]!;
        this.printLr(this.verbose, i, lrs[i]!, epoch);
      });
    } finally {
      this._getLrCalledWithinStep = false;
    }
    this._lastLr = this.groups.map((g) => g.lr);
  }
}

/** Python's % on floats: the result takes the divisor's sign. */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
