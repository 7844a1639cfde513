/** torch.optim.LBFGS: limited-memory BFGS with an optional strong-Wolfe line search. */
import { cat, keep, Tensor, zeros, signature } from '@x/tensor';
import { enableGrad } from '@x/autograd';
import { drive, readScalar, type Coroutine } from '../coroutine';
import { Optimizer, type OptimizerStateDict, type ParamState, type Params } from '../optimizer';
import { Temps } from '../pointwise';
import * as py from '../py-scalar';
import { TensorScalar, type PyScalar } from '../py-scalar';
import { absMaxOf, absSumOf, dotOf, strongWolfe } from '../strong-wolfe';

export interface LBFGSOptions {
  lr?: number;
  maxIter?: number;
  maxEval?: number | null;
  toleranceGrad?: number;
  toleranceChange?: number;
  historySize?: number;
  lineSearchFn?: 'strong_wolfe' | null;
}

export interface LBFGSHyperparameters {
  lr: number;
  maxIter: number;
  maxEval: number;
  toleranceGrad: number;
  toleranceChange: number;
  historySize: number;
  lineSearchFn: 'strong_wolfe' | null;
}


/** A closure's loss as Python's float(): a tensor is read, a number is taken as is. */
function* lossValue(loss: unknown): Coroutine<number> {
  if (loss instanceof Tensor) return yield* readScalar(loss, false);
  if (typeof loss === 'number') return loss;
  throw new TypeError(`LBFGS: the closure must return the loss (a Tensor or a number), got ${typeof loss}`);
}

/** State values as the algorithm uses them: 0-dim tensors become tensor scalars. */
function* scalarFromState(x: unknown): Coroutine<PyScalar> {
  if (x instanceof Tensor) return new TensorScalar(yield* readScalar(x, false), x.dtype);
  return x as PyScalar;
}

/** The form PyTorch's state holds: tensor scalars as 0-dim tensors. */
function scalarToState(x: unknown, device: string): unknown {
  if (x instanceof TensorScalar) return x.toTensor(device);
  if (Array.isArray(x)) return x.map((v) => scalarToState(v, device));
  return x;
}

/** PyTorch 1.13's signature (the defaults are applied below, with PyTorch's checks). */
const LBFGS_SIGNATURE = signature('LBFGS(any params, float lr=1, int maxIter=20, int? maxEval=None, float toleranceGrad=1e-07, float toleranceChange=1e-09, int historySize=100, str? lineSearchFn=None)');

/**
 * L-BFGS as PyTorch 1.13. `step(closure)` is required: the closure re-evaluates the model, calls
 * backward and returns the loss; step runs up to maxIter iterations and returns the first loss.
 * With an async closure (or on a device without synchronous reads) step returns a Promise.
 * Only one parameter group is supported, as in PyTorch.
 *
 * @example
 * const opt = new optim.LBFGS(net.parameters(), { lr: 1, lineSearchFn: 'strong_wolfe' });
 * opt.step(() => { opt.zeroGrad(); const loss = lossFn(net.forward(x), y); loss.backward(); return loss; });
 */
export class LBFGS extends Optimizer<LBFGSHyperparameters> {
  private readonly params: Tensor[];

  constructor(params: Params, options?: LBFGSOptions);
  constructor(
    params: Params, lr: number, maxIter?: number, maxEval?: number | null, toleranceGrad?: number, toleranceChange?: number,
    historySize?: number, lineSearchFn?: 'strong_wolfe' | null,
  );
  constructor(params: Params, ...args: unknown[]) {
    const o = LBFGS_SIGNATURE.parse<Record<string, unknown>>([params, ...args]);
    const maxIter = (o.maxIter ?? 20) as number;
    super(params, {
      lr: o.lr ?? 1, maxIter, maxEval: o.maxEval ?? Math.floor((maxIter * 5) / 4), toleranceGrad: o.toleranceGrad ?? 1e-7,
      toleranceChange: o.toleranceChange ?? 1e-9, historySize: o.historySize ?? 100, lineSearchFn: o.lineSearchFn ?? null,
    });
    if (this.paramGroups.length !== 1) throw new Error("LBFGS doesn't support per-parameter options (parameter groups)");
    this.params = this.paramGroups[0]!.params;
  }

  override step(): undefined;
  override step<R>(closure: () => R): R;
  override step<R>(closure?: () => R): R | undefined {
    if (typeof closure !== 'function') throw new TypeError("LBFGS.step() missing 1 required positional argument: 'closure'");
    return drive(this.run(), () => enableGrad(closure)) as R;
  }

  private gatherFlatGrad(): Tensor {
    // A sparse gradient is made dense first, as PyTorch's _gather_flat_grad does.
    const dense = this.params.map((p) => (p._grad !== null && p._grad.isSparse ? p._grad.toDense() : null));
    const views = this.params.map((p, i) => (p._grad === null ? zeros(p.numel(), { dtype: p.dtype, device: p.device }) : (dense[i] ?? p._grad).reshape(-1)));
    const flat = cat(views, 0);
    for (const v of views) v.dispose();
    for (const d of dense) d?.dispose();
    return flat;
  }

  /** p += stepSize · (p's slice of update), for every parameter. */
  private addGrad(stepSize: PyScalar, update: Tensor): void {
    let offset = 0;
    for (const p of this.params) {
      const n = p.numel();
      const slice = update.narrow(0, offset, n);
      const view = slice.view(p.shape);
      p.add_(view, { alpha: py.val(stepSize) });
      view.dispose();
      slice.dispose();
      offset += n;
    }
  }

  private *directionalEvaluate(x: Tensor[], t: PyScalar, d: Tensor): Coroutine<[number, Tensor]> {
    this.addGrad(t, d);
    const loss = yield* lossValue(yield { kind: 'closure' });
    const flatGrad = this.gatherFlatGrad();
    this.params.forEach((p, i) => p.copy_(x[i]!));
    return [loss, flatGrad];
  }

  private *run(): Coroutine<unknown> {
    const group = this.paramGroups[0]!;
    const { lr, maxIter, maxEval, toleranceGrad, toleranceChange, lineSearchFn, historySize } = group;
    const state = this.stateOf(this.params[0]!);
    state.func_evals ??= 0;
    state.n_iter ??= 0;
    const temps = new Temps();

    const origLoss: unknown = yield { kind: 'closure' };
    let loss = yield* lossValue(origLoss);
    let currentEvals = 1;
    state.func_evals = (state.func_evals as number) + 1;
    let flatGrad = temps.add(this.gatherFlatGrad());
    let optCond = py.le(yield* absMaxOf(flatGrad), toleranceGrad);
    if (optCond) {
      temps.dispose();
      return origLoss;
    }

    // The tensors the state holds now; those the step drops (old directions, evicted history) are
    // freed at its end, so a long run holds flat memory (PyTorch's reference counting does this).
    const previous = [state.d, state.prev_flat_grad, ...((state.old_dirs ?? []) as unknown[]), ...((state.old_stps ?? []) as unknown[])];
    let d = (state.d ?? null) as Tensor | null;
    let t: PyScalar = yield* scalarFromState(state.t);
    let oldDirs = (state.old_dirs ?? null) as Tensor[] | null;
    let oldStps = (state.old_stps ?? null) as Tensor[] | null;
    let ro: PyScalar[] = [];
    for (const r of (state.ro ?? []) as unknown[]) ro.push(yield* scalarFromState(r));
    let hDiag: PyScalar = yield* scalarFromState(state.H_diag);
    let prevFlatGrad = (state.prev_flat_grad ?? null) as Tensor | null;
    let prevLoss = (state.prev_loss ?? null) as number | null;

    let nIter = 0;
    while (nIter < maxIter) {
      nIter += 1;
      state.n_iter = (state.n_iter as number) + 1;
      if (state.n_iter === 1) {
        d = temps.add(flatGrad.neg());
        oldDirs = [];
        oldStps = [];
        ro = [];
        hDiag = 1;
      } else {
        const y = temps.add(flatGrad.sub(prevFlatGrad!));
        const s = temps.add(d!.mul(py.val(t)));
        const ys = yield* dotOf(y, s);
        if (py.gt(ys, 1e-10)) {
          if (oldDirs!.length === historySize) {
            oldDirs!.shift();
            oldStps!.shift();
            ro.shift();
          }
          oldDirs!.push(y);
          oldStps!.push(s);
          ro.push(py.div(1, ys));
          hDiag = py.div(ys, yield* dotOf(y, y));
        }
        const numOld = oldDirs!.length;
        if (!('al' in state)) state.al = new Array<PyScalar | null>(historySize).fill(null);
        const al = state.al as (PyScalar | null)[];
        for (let i = 0; i < al.length; i++) if (al[i] instanceof Tensor) al[i] = yield* scalarFromState(al[i]);
        const q = temps.add(flatGrad.neg());
        for (let i = numOld - 1; i >= 0; i--) {
          al[i] = py.mul(yield* dotOf(oldStps![i]!, q), ro[i]!);
          q.add_(oldDirs![i]!, { alpha: -py.val(al[i]!) });
        }
        const r = temps.add(q.mul(py.val(hDiag)));
        d = r;
        for (let i = 0; i < numOld; i++) {
          const be = py.mul(yield* dotOf(oldDirs![i]!, r), ro[i]!);
          r.add_(oldStps![i]!, { alpha: py.val(py.sub(al[i]!, be)) });
        }
      }
      if (prevFlatGrad === null) prevFlatGrad = temps.add(flatGrad.clone());
      else prevFlatGrad.copy_(flatGrad);
      prevLoss = loss;

      if (state.n_iter === 1) t = py.mul(py.min(1, py.div(1, yield* absSumOf(flatGrad))), lr);
      else t = lr;

      const gtd = yield* dotOf(flatGrad, d!);
      if (py.gt(gtd, -toleranceChange)) break;

      let lsFuncEvals = 0;
      if (lineSearchFn !== null && lineSearchFn !== undefined) {
        if (lineSearchFn !== 'strong_wolfe') throw new Error("only 'strong_wolfe' is supported");
        const xInit = this.params.map((p) => temps.add(p.clone()));
        const result = yield* strongWolfe((x, tt, dd) => this.directionalEvaluate(x, tt, dd), xInit, t, d!, loss, flatGrad, gtd);
        loss = result.loss;
        flatGrad = temps.add(result.flatGrad);
        t = result.t;
        lsFuncEvals = result.funcEvals;
        this.addGrad(t, d!);
        optCond = py.le(yield* absMaxOf(flatGrad), toleranceGrad);
      } else {
        this.addGrad(t, d!);
        if (nIter !== maxIter) {
          loss = yield* lossValue(yield { kind: 'closure' });
          flatGrad = temps.add(this.gatherFlatGrad());
          optCond = py.le(yield* absMaxOf(flatGrad), toleranceGrad);
          lsFuncEvals = 1;
        }
      }
      currentEvals += lsFuncEvals;
      state.func_evals = (state.func_evals as number) + lsFuncEvals;
      // Free what this iteration no longer needs (PyTorch's reference counting does it there).
      temps.dispose([flatGrad, d, prevFlatGrad, ...oldDirs!, ...oldStps!]);

      if (nIter === maxIter) break;
      if (currentEvals >= maxEval) break;
      if (optCond) break;
      const dt = d!.mul(py.val(t));
      if (py.le(yield* absMaxOf(dt), toleranceChange)) {
        dt.dispose();
        break;
      }
      dt.dispose();
      if (Math.abs(loss - prevLoss!) < toleranceChange) break;
    }

    state.d = d;
    state.t = t;
    state.old_dirs = oldDirs;
    state.old_stps = oldStps;
    state.ro = ro;
    state.H_diag = hDiag;
    state.prev_flat_grad = prevFlatGrad;
    state.prev_loss = prevLoss;
    const live = [d, prevFlatGrad, ...(oldDirs ?? []), ...(oldStps ?? [])];
    for (const x of live) if (x) keep(x);
    temps.dispose(live);
    const stillHeld = new Set(live);
    for (const x of previous) if (x instanceof Tensor && !stillHeld.has(x)) x.dispose();
    return origLoss;
  }

  /** PyTorch's layout: the scalars `t`, `ro`, `al`, `H_diag` as 0-dim tensors where PyTorch has tensors. */
  override stateDict(): OptimizerStateDict {
    const sd = super.stateDict();
    const device = this.params[0]!.device;
    for (const [k, s] of Object.entries(sd.state)) {
      const converted: ParamState = {};
      for (const [key, v] of Object.entries(s)) converted[key] = scalarToState(v, device);
      sd.state[Number(k)] = converted;
    }
    return sd;
  }
}
