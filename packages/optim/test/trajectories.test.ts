/**
 * Every optimizer and its notable options against PyTorch 1.13 (tools/gen_optim_fixtures.py): the
 * parameters and loss after each of 25 steps on the fixed problems, and the final state dict, on
 * every CPU backend.
 *
 * Tolerance. PyTorch's float32 CPU kernels fuse `a + alpha·b` into one rounding (FMA) where @x
 * rounds twice, and reductions (sum, dot, matmul) add in another order, so the two drift apart by
 * a few ulps per step; how far that drift grows depends on the problem and the optimizer
 * (L-BFGS and the normalized Adam-family steps amplify it where gradients are near zero). So
 * each element is compared with `atol + rtol·|expected| + 4·|ours − shadow|`, where the shadow is
 * the same run in the other float precision: the float32/float64 gap measures how much rounding
 * the trajectory amplifies at that element (scaled by 2^-29, the ratio of the two epsilons, for
 * float64 runs). A wrong formula moves values far more than that. float64 runs also use tight base
 * tolerances (1e-9), which check the formulas and the float32 state scalars PyTorch keeps (`step`,
 * NAdam's `mu_product`, ASGD's `eta`) exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import * as optim from '@x/optim';
import { fixture, isFixtureTensor, problemLoss, toTensor, type DTypeName, type FixtureTensor, type ProblemFixture } from './helpers';

interface Case {
  optimizer: keyof typeof optim;
  problem: string;
  ts: Record<string, unknown>;
  losses: number[];
  trajectory: FixtureTensor[][];
  state: Record<string, Record<string, unknown>>;
  param_groups: Record<string, unknown>[];
}

const F = fixture<{ steps: number; problems: Record<string, ProblemFixture>; cases: Case[] }>('optimizers.json');

const BASE: Record<DTypeName, { rtol: number; atol: number }> = {
  float32: { rtol: 1e-4, atol: 1e-5 },
  float64: { rtol: 1e-9, atol: 1e-9 },
  int64: { rtol: 0, atol: 0 },
};
const K = 4;

/** A run's numbers: losses, parameters after each step, and the final state (tensors as numbers). */
interface Run {
  losses: number[];
  params: number[][][];
  state: Record<string, Record<string, unknown>>;
  groups: Record<string, unknown>[];
}

function plain(v: unknown): unknown {
  // Sparse state (SGD's momentum buffer for a sparse gradient) is compared in its dense form, as the fixture writes it.
  if (v instanceof torch.Tensor) return Array.from((v.isSparse ? v.toDense() : v).numpy() as ArrayLike<number>);
  if (Array.isArray(v)) return { length: v.length };
  return v;
}

/** Runs case c in dtype; `perturb` nudges the initial parameters by 16 float64 ulps, the size of the rounding noise a few steps accumulate. */
function run(c: Case, dtype: DTypeName, perturb = false): Run {
  const problem = F.problems[c.problem]!;
  const loss = problemLoss(c.problem, problem, dtype);
  const params = problem.init.map((p) => {
    const t = toTensor(p, { dtype });
    return (perturb ? t.mul(1 + 2 ** -48) : t).requiresGrad_(true);
  });
  const Ctor = optim[c.optimizer] as unknown as new (p: torch.Tensor[], o: Record<string, unknown>) => optim.Optimizer;
  const opt = new Ctor(params, c.ts);
  const out: Run = { losses: [], params: [], state: {}, groups: [] };
  for (let step = 0; step < F.steps; step++) {
    let l: torch.Tensor;
    if (c.optimizer === 'LBFGS') {
      l = opt.step(() => {
        opt.zeroGrad();
        const value = loss(params, step);
        value.backward();
        return value;
      }) as torch.Tensor;
    } else {
      opt.zeroGrad();
      l = loss(params, step);
      l.backward();
      opt.step();
    }
    out.losses.push(l.item());
    out.params.push(params.map((p) => Array.from(p.numpy() as ArrayLike<number>)));
  }
  const sd = opt.stateDict();
  for (const [k, s] of Object.entries(sd.state)) out.state[k] = Object.fromEntries(Object.entries(s).map(([key, v]) => [key, plain(v)]));
  out.groups = sd.param_groups;
  expect(params[0]!.dtype).toBe(dtype);
  return out;
}

function label(c: Case): string {
  return `${c.optimizer}(${JSON.stringify(c.ts)}) on ${c.problem}`;
}

function dtypeOf(c: Case): DTypeName {
  return F.problems[c.problem]!.init[0]!.dtype as DTypeName;
}

const PAIRS: Record<string, string> = { quadratic32: 'quadratic64', quadratic64: 'quadratic32', mlp: 'mlp64', mlp64: 'mlp' };

/** PyTorch's run of the same optimizer and options in the other precision, where the fixtures have one. */
function pairedCase(c: Case): Case | undefined {
  const other = PAIRS[c.problem];
  const options = JSON.stringify(c.ts);
  return F.cases.find((x) => x.problem === other && x.optimizer === c.optimizer && JSON.stringify(x.ts) === options);
}

function fixtureValues(v: unknown): number[] | null {
  if (isFixtureTensor(v)) return v.data.map(Number);
  if (typeof v === 'number') return [v];
  return null;
}

function asNumbers(v: unknown): number[] {
  return Array.isArray(v) ? (v as number[]) : [Number(v)];
}

/**
 * Elementwise check; `shadow` and `paired` are our and PyTorch's runs in the other precision, whose
 * gaps to `actual` and `expected` measure the rounding noise. Returns a message for the worst element, or null.
 */
function mismatch(
  actual: number[], expected: number[], shadow: number[] | null, dtype: DTypeName, paired: number[] | null = null, base = BASE[dtype],
): string | null {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  const { rtol, atol } = base;
  let worst: string | null = null;
  let worstExcess = 0;
  // The noise of a tensor: its largest gap (rounding differences spread over all its elements).
  let gap = 0;
  for (let i = 0; i < expected.length; i++) {
    if (shadow) gap = Math.max(gap, Math.abs(actual[i]! - shadow[i]!));
    if (paired && paired.length === expected.length) gap = Math.max(gap, Math.abs(expected[i]! - paired[i]!));
  }
  const noise = K * (Number.isFinite(gap) ? gap : 0);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e) + noise);
    if (!(excess <= 0) && (worst === null || excess > worstExcess)) {
      worstExcess = excess;
      worst = `element ${i} is ${a}, expected ${e} (allowed ${atol + rtol * Math.abs(e) + noise})`;
    }
  }
  return worst;
}

const shadows = new Map<string, Run>();

for (const backend of ['reference', 'wasm']) {
  describe(`trajectories match PyTorch on the ${backend} backend`, () => {
    beforeAll(() => {
      if (backend === 'wasm') registerWasmBackend();
      torch.setBackend(backend);
    });
    afterAll(() => {
      torch.setBackend('reference');
    });

    it.each(F.cases.map((c) => [label(c), c] as const))('%s', (name, c) => {
      const dtype = dtypeOf(c);
      const ours = run(c, dtype);
      let shadow = shadows.get(name);
      if (shadow === undefined) {
        shadow = dtype === 'float32' ? run(c, 'float64') : run(c, 'float64', true);
        shadows.set(name, shadow);
      }
      const paired = dtype === 'float32' ? pairedCase(c) : undefined;
      const base = BASE[dtype];
      for (let step = 0; step < F.steps; step++) {
        const lossMiss = mismatch([ours.losses[step]!], [c.losses[step]!], [shadow.losses[step]!], dtype, paired ? [paired.losses[step]!] : null, base);
        if (lossMiss) expect.fail(`${name}: loss at step ${step}: ${lossMiss}`);
        c.trajectory[step]!.forEach((expected, i) => {
          const miss = mismatch(ours.params[step]![i]!, expected.data.map(Number), shadow.params[step]![i]!, dtype, paired ? paired.trajectory[step]![i]!.data.map(Number) : null, base);
          if (miss) expect.fail(`${name}: step ${step}, param ${i}: ${miss}`);
        });
      }
      expect(ours.groups).toEqual(c.param_groups);
      expect(Object.keys(ours.state)).toEqual(Object.keys(c.state));
      for (const [idx, expected] of Object.entries(c.state)) {
        const actual = ours.state[idx]!;
        expect(Object.keys(actual), `${name}: state ${idx} keys`).toEqual(Object.keys(expected));
        for (const [k, v] of Object.entries(expected)) {
          const what = `${name}: state ${idx}.${k}`;
          const values = fixtureValues(v);
          if (values === null) {
            expect(actual[k], what).toEqual(v);
            continue;
          }
          if (isFixtureTensor(v) && !Array.isArray(actual[k])) expect.fail(`${what}: expected a tensor, got ${String(actual[k])}`);
          const pairedValues = paired ? fixtureValues(paired.state[idx]?.[k]) : null;
          const miss = mismatch(asNumbers(actual[k]), values, asNumbers(shadow.state[idx]![k]), dtype, pairedValues, base);
          if (miss) expect.fail(`${what}: ${miss}`);
        }
      }
    });
  });
}
