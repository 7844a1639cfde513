/**
 * The strong-Wolfe line search of PyTorch's LBFGS (torch/optim/lbfgs.py, ported there from
 * torch/optim's lswolfe.lua), with its scalars typed as Python types them (see py-scalar.ts).
 */
import type { Tensor } from '@x/tensor';
import { readScalar, type Coroutine } from './coroutine';
import { Temps } from './pointwise';
import { TensorScalar, abs, add, div, ge, gt, le, lt, max, min, mul, sqrt, sub, type PyScalar } from './py-scalar';

/** a·b as a 0-dim tensor scalar. */
export function* dotOf(a: Tensor, b: Tensor): Coroutine<TensorScalar> {
  return new TensorScalar(yield* readScalar(a.dot(b)), a.dtype);
}

/** max |t|. */
export function* absMaxOf(t: Tensor): Coroutine<TensorScalar> {
  const a = t.abs();
  const m = a.max();
  a.dispose();
  return new TensorScalar(yield* readScalar(m), t.dtype);
}

/** Σ |t|. */
export function* absSumOf(t: Tensor): Coroutine<TensorScalar> {
  const a = t.abs();
  const s = a.sum();
  a.dispose();
  return new TensorScalar(yield* readScalar(s), t.dtype);
}

/** Minimizer of the cubic interpolating (x1, f1, g1) and (x2, f2, g2), within bounds. */
export function cubicInterpolate(
  x1: PyScalar, f1: PyScalar, g1: PyScalar, x2: PyScalar, f2: PyScalar, g2: PyScalar, bounds?: [PyScalar, PyScalar],
): PyScalar {
  const [xminBound, xmaxBound] = bounds ?? (le(x1, x2) ? [x1, x2] : [x2, x1]);
  const d1 = sub(add(g1, g2), div(mul(3, sub(f1, f2)), sub(x1, x2)));
  const d2Square = sub(mul(d1, d1), mul(g1, g2));
  if (ge(d2Square, 0)) {
    const d2 = sqrt(d2Square);
    const minPos = le(x1, x2)
      ? sub(x2, mul(sub(x2, x1), div(sub(add(g2, d2), d1), add(sub(g2, g1), mul(2, d2)))))
      : sub(x1, mul(sub(x1, x2), div(sub(add(g1, d2), d1), add(sub(g1, g2), mul(2, d2)))));
    return min(max(minPos, xminBound), xmaxBound);
  }
  return div(add(xminBound, xmaxBound), 2);
}

/** Evaluates the objective at x + t·d: the loss (a Python float) and the flat gradient. */
export type Objective = (x: Tensor[], t: PyScalar, d: Tensor) => Coroutine<[number, Tensor]>;

export interface LineSearchResult {
  loss: number;
  flatGrad: Tensor;
  t: PyScalar;
  funcEvals: number;
}

/**
 * Finds a step t along d satisfying the strong Wolfe conditions. The returned flat gradient is a
 * new tensor the caller owns; every other tensor made here is freed.
 */
export function* strongWolfe(
  objective: Objective, x: Tensor[], t0: PyScalar, d: Tensor, f: number, g0: Tensor, gtd: PyScalar,
  c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25,
): Coroutine<LineSearchResult> {
  const temps = new Temps();
  let t = t0;
  const dNorm = yield* absMaxOf(d);
  const g = temps.add(g0.clone());
  let [fNew, gNew] = yield* objective(x, t, d);
  temps.add(gNew);
  let lsFuncEvals = 1;
  let gtdNew: PyScalar = yield* dotOf(gNew, d);

  let tPrev: PyScalar = 0;
  let fPrev = f;
  let gPrev = g;
  let gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let bracket: PyScalar[] = [];
  let bracketF: number[] = [];
  let bracketG: Tensor[] = [];
  let bracketGtd: PyScalar[] = [];
  while (lsIter < maxLs) {
    if (gt(fNew, add(f, mul(mul(c1, t), gtd))) || (lsIter > 1 && fNew >= fPrev)) {
      bracket = [tPrev, t];
      bracketF = [fPrev, fNew];
      bracketG = [gPrev, temps.add(gNew.clone())];
      bracketGtd = [gtdPrev, gtdNew];
      break;
    }
    if (le(abs(gtdNew), mul(-c2, gtd))) {
      bracket = [t];
      bracketF = [fNew];
      bracketG = [gNew];
      done = true;
      break;
    }
    if (ge(gtdNew, 0)) {
      bracket = [tPrev, t];
      bracketF = [fPrev, fNew];
      bracketG = [gPrev, temps.add(gNew.clone())];
      bracketGtd = [gtdPrev, gtdNew];
      break;
    }
    const minStep = add(t, mul(0.01, sub(t, tPrev)));
    const maxStep = mul(t, 10);
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = temps.add(gNew.clone());
    gtdPrev = gtdNew;
    [fNew, gNew] = yield* objective(x, t, d);
    temps.add(gNew);
    lsFuncEvals += 1;
    gtdNew = yield* dotOf(gNew, d);
    lsIter += 1;
    temps.dispose([g, gPrev, gNew]);
  }
  if (lsIter === maxLs) {
    bracket = [0, t];
    bracketF = [f, fNew];
    bracketG = [g, gNew];
  }

  let insufProgress = false;
  let [lowPos, highPos] = bracketF[0]! <= bracketF[bracketF.length - 1]! ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (lt(mul(abs(sub(bracket[1]!, bracket[0]!)), dNorm), toleranceChange)) break;
    t = cubicInterpolate(bracket[0]!, bracketF[0]!, bracketGtd[0]!, bracket[1]!, bracketF[1]!, bracketGtd[1]!);
    const eps = mul(0.1, sub(max(...bracket), min(...bracket)));
    if (lt(min(sub(max(...bracket), t), sub(t, min(...bracket))), eps)) {
      if (insufProgress || ge(t, max(...bracket)) || le(t, min(...bracket))) {
        if (lt(abs(sub(t, max(...bracket))), abs(sub(t, min(...bracket))))) t = sub(max(...bracket), eps);
        else t = add(min(...bracket), eps);
        insufProgress = false;
      } else {
        insufProgress = true;
      }
    } else {
      insufProgress = false;
    }
    [fNew, gNew] = yield* objective(x, t, d);
    temps.add(gNew);
    lsFuncEvals += 1;
    gtdNew = yield* dotOf(gNew, d);
    lsIter += 1;
    if (gt(fNew, add(f, mul(mul(c1, t), gtd))) || fNew >= bracketF[lowPos]!) {
      bracket[highPos] = t;
      bracketF[highPos] = fNew;
      bracketG[highPos] = temps.add(gNew.clone());
      bracketGtd[highPos] = gtdNew;
      [lowPos, highPos] = bracketF[0]! <= bracketF[1]! ? [0, 1] : [1, 0];
    } else {
      if (le(abs(gtdNew), mul(-c2, gtd))) {
        done = true;
      } else if (ge(mul(gtdNew, sub(bracket[highPos]!, bracket[lowPos]!)), 0)) {
        bracket[highPos] = bracket[lowPos]!;
        bracketF[highPos] = bracketF[lowPos]!;
        bracketG[highPos] = bracketG[lowPos]!;
        bracketGtd[highPos] = bracketGtd[lowPos]!;
      }
      bracket[lowPos] = t;
      bracketF[lowPos] = fNew;
      bracketG[lowPos] = temps.add(gNew.clone());
      bracketGtd[lowPos] = gtdNew;
    }
    temps.dispose([g, ...bracketG]);
  }
  const result = { loss: bracketF[lowPos]!, flatGrad: bracketG[lowPos]!, t: bracket[lowPos]!, funcEvals: lsFuncEvals };
  temps.dispose([result.flatGrad]);
  return result;
}
