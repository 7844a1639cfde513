/** lr_scheduler.CosineAnnealingLR: cosine annealing from the initial lr to etaMin over TMax epochs (SGDR without restarts). */
import { signature } from '@x/tensor';
import { LRScheduler, type AnyOptimizer } from './lr-scheduler';

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const COSINE_ANNEALING_LR_SIGNATURE = signature('CosineAnnealingLR(any optimizer, int TMax, float etaMin=0, int lastEpoch=-1, bool verbose=False)');

/**
 * Anneals each group's lr along a cosine from its initial value to etaMin over TMax epochs (and
 * back up, periodically, past TMax), in PyTorch's recursive form.
 *
 * @example
 * const scheduler = new lrScheduler.CosineAnnealingLR(optimizer, 100, { etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;

  constructor(optimizer: AnyOptimizer, TMax: number, etaMin?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, TMax: number, options?: { etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { TMax: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, ...args: unknown[]) {
    const o = COSINE_ANNEALING_LR_SIGNATURE.parse<Record<string, unknown>>([optimizer, ...args]);
    super(optimizer, (o.lastEpoch ?? -1) as number, (o.verbose ?? false) as boolean);
    this.TMax = o.TMax as number;
    this.etaMin = (o.etaMin ?? 0) as number;
    this._initialStep();
  }

  getLr(): number[] {
    this.warnIfOutsideStep();
    const { lastEpoch: e, TMax: T, etaMin } = this;
    if (e === 0) return this.groups.map((g) => g.lr);
    if (this._stepCount === 1 && e > 0) {
      return this.baseLrs.map((b) => etaMin + ((b - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    }
    if (pyMod(e - 1 - T, 2 * T) === 0) {
      return this.groups.map((g, i) => g.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return this.groups.map((g) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (g.lr - etaMin) + etaMin);
  }

  /** @internal */
  _getClosedFormLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.TMax))) / 2);
  }
}

/** Python's %: the result takes the divisor's sign. */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
