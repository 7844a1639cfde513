/**
 * LRScheduler: PyTorch's torch.optim.lr_scheduler._LRScheduler. It records each group's initial
 * lr, counts optimizer.step() calls to warn about the wrong call order, and sets the groups' lr
 * from getLr() on every step().
 */
import { pythonObjectRepr } from '@x/tensor';
import { Optimizer } from '../optimizer';
import { toCamel, toSnake } from '../keys';
import { typename } from '../python';
import { warn } from '../warn';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOptimizer = Optimizer<any>;

type CountedStep = ((...args: unknown[]) => unknown) & { _withCounter?: boolean };

export const EPOCH_DEPRECATION_WARNING =
  'The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use ' +
  '`scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form ' +
  'is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate ' +
  'your use case: https://github.com/pytorch/pytorch/issues/new/choose.';

const GET_LAST_LR_WARNING = 'To get the last learning rate computed by the scheduler, please use `getLastLr()`.';

/** A parameter group as schedulers see it: lr and the keys schedulers add (`initialLr`, …). */
export type SchedulerGroup = Record<string, unknown> & { lr: number };

/** Python's '{:.4e}'. */
function formatE4(x: number): string {
  const [m, e] = x.toExponential(4).split('e') as [string, string];
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** PyTorch's `_format_param`: one value per group, or a list of them. */
export function formatParam<T>(name: string, optimizer: AnyOptimizer, param: T | readonly T[]): T[] {
  const n = optimizer.paramGroups.length;
  if (Array.isArray(param)) {
    if (param.length !== n) throw new Error(`expected ${n} values for ${name}, got ${param.length}`);
    return [...(param as T[])];
  }
  return new Array<T>(n).fill(param as T);
}

/** Throws PyTorch's TypeError unless x is an Optimizer. */
export function checkOptimizer(x: unknown): asserts x is AnyOptimizer {
  if (!(x instanceof Optimizer)) throw new TypeError(`${typename(x)} is not an Optimizer`);
}

// PyTorch's schedulers (torch.optim.lr_scheduler): a program's own subclass prints as __main__.<Name>.
const PYTORCH_SCHEDULERS = new Set([
  'LambdaLR', 'MultiplicativeLR', 'StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'SequentialLR', 'PolynomialLR',
  'CosineAnnealingLR', 'ChainedScheduler', 'ReduceLROnPlateau', 'CyclicLR', 'OneCycleLR', 'CosineAnnealingWarmRestarts',
]);

/** What PyTorch prints for a scheduler: `<torch.optim.lr_scheduler.StepLR object at 0x…>`. */
export function schedulerRepr(s: object): string {
  const name = s.constructor.name;
  return pythonObjectRepr(s, PYTORCH_SCHEDULERS.has(name) ? `torch.optim.lr_scheduler.${name}` : `__main__.${name}`);
}

/**
 * Base class of the epoch-based schedulers (PyTorch's `_LRScheduler`). A subclass sets its own
 * fields after `super(…)` and then calls `this._initialStep()` (PyTorch sets them before
 * `super().__init__`, which JavaScript does not allow).
 */
export abstract class LRScheduler {
  optimizer: AnyOptimizer;
  baseLrs!: number[];
  lastEpoch!: number;
  verbose!: boolean;
  /** @internal */ _stepCount!: number;
  /** @internal */ _getLrCalledWithinStep!: boolean;
  /** @internal */ _lastLr!: number[];

  /**
   * @param attach false for the schedulers that compose others (SequentialLR, ChainedScheduler),
   * which PyTorch builds without `_LRScheduler.__init__`.
   */
  constructor(optimizer: AnyOptimizer, lastEpoch = -1, verbose = false, attach = true) {
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    if (!attach) return;
    const groups = this.groups;
    if (lastEpoch === -1) {
      for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) throw new Error(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
    // PyTorch wraps optimizer.step to count its calls (pytorch/pytorch#20124), so step() can warn
    // when the scheduler is stepped first.
    const opt = optimizer as unknown as { step: CountedStep; _stepCount?: number };
    if (!opt.step._withCounter) {
      const original = opt.step;
      const counted: CountedStep = (...args: unknown[]) => {
        opt._stepCount = (opt._stepCount ?? 0) + 1;
        return original.apply(optimizer, args);
      };
      counted._withCounter = true;
      opt.step = counted;
    }
    this.verbose = verbose;
  }

  /** The optimizer's parameter groups. */
  protected get groups(): SchedulerGroup[] {
    return this.optimizer.paramGroups as unknown as SchedulerGroup[];
  }

  /** @internal PyTorch's `_initial_step`: resets the counters and takes the first step. */
  _initialStep(): void {
    this.optimizer._stepCount = 0;
    this._stepCount = 0;
    this.step();
  }

  /** The learning rates the last step() set, one per parameter group. */
  getLastLr(): number[] {
    return this._lastLr;
  }

  /** The learning rates for the current lastEpoch (the chainable form), one per group. */
  abstract getLr(): number[];

  /** @internal Warns as PyTorch does when getLr() is called outside step(). */
  protected warnIfOutsideStep(): void {
    if (!this._getLrCalledWithinStep) warn(GET_LAST_LR_WARNING);
  }

  /** Prints the group's new lr when verbose (PyTorch's `print_lr`). */
  printLr(isVerbose: boolean, group: number, lr: number, epoch?: number): void {
    if (!isVerbose) return;
    if (epoch === undefined) console.log(`Adjusting learning rate of group ${group} to ${formatE4(lr)}.`);
    else {
      const epochStr = Number.isInteger(epoch) ? String(epoch).padStart(5, '0') : epoch.toFixed(2);
      console.log(`Epoch ${epochStr}: adjusting learning rate of group ${group} to ${formatE4(lr)}.`);
    }
  }

  /**
   * Advances the schedule by one epoch (or, deprecated, to `epoch`) and sets every group's lr.
   * Call it after `optimizer.step()`.
   */
  step(epoch?: number): void {
    if (this._stepCount === 1) {
      const s = this.optimizer.step as unknown as CountedStep;
      if (!s._withCounter) {
        warn(
          'Seems like `optimizer.step()` has been overridden after learning rate scheduler initialization. Please, make sure ' +
            'to call `optimizer.step()` before `lr_scheduler.step()`. See more details at ' +
            'https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate',
        );
      } else if ((this.optimizer._stepCount ?? 0) < 1) {
        warn(
          'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call ' +
            'them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in ' +
            'PyTorch skipping the first value of the learning rate schedule. See more details at ' +
            'https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate',
        );
      }
    }
    this._stepCount += 1;
    let values: number[];
    this._getLrCalledWithinStep = true;
    try {
      if (epoch === undefined || epoch === null) {
        this.lastEpoch += 1;
        values = this.getLr();
      } else {
        warn(EPOCH_DEPRECATION_WARNING);
        this.lastEpoch = epoch;
        const closed = (this as unknown as { _getClosedFormLr?: () => number[] })._getClosedFormLr;
        values = closed ? closed.call(this) : this.getLr();
      }
    } finally {
      this._getLrCalledWithinStep = false;
    }
    const groups = this.groups;
    for (let i = 0; i < Math.min(groups.length, values.length); i++) {
      groups[i]!.lr = values[i]!;
      this.printLr(this.verbose, i, values[i]!, epoch);
    }
    this._lastLr = groups.map((g) => g.lr);
  }

  /** Fields that stateDict leaves out (beyond the optimizer and functions). */
  protected stateDictExcludes(): readonly string[] {
    return [];
  }

  /**
   * The scheduler's state with PyTorch's names (`last_epoch`, `base_lrs`, `_step_count`, …):
   * every field except the optimizer and functions.
   */
  stateDict(): Record<string, unknown> {
    const excluded = new Set(['optimizer', ...this.stateDictExcludes()]);
    const sd: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) {
      if (excluded.has(k) || v === undefined || typeof v === 'function') continue;
      sd[toSnake(k)] = v;
    }
    return sd;
  }

  /** Restores a state from stateDict() (PyTorch's `__dict__.update`). */
  loadStateDict(stateDict: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(stateDict)) (this as Record<string, unknown>)[toCamel(k)] = v;
  }

  /** What PyTorch prints for a scheduler: `<torch.optim.lr_scheduler.StepLR object at 0x…>`. */
  toString(): string {
    return schedulerRepr(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
