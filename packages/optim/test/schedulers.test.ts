/** Every learning-rate scheduler's sequence over 120 steps against PyTorch 1.13, to 1e-7 relative. */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import * as optim from '@x/optim';
import { captureWarnings, fixture, fromJSON, toJSON } from './helpers';

const { lrScheduler: S } = optim;

interface SchedulerCase {
  id: string;
  optimizer: 'sgd' | 'adam';
  stepping: null | 'metric' | 'negmetric' | 'fractional' | 'epoch';
  lrs: number[][];
  momentums: (number | null)[][];
  stateDictKeys: string[];
}

const F = fixture<{ steps: number; plateauMetrics: number[]; cases: SchedulerCase[] }>('schedulers.json');

type Scheduler = optim.lrScheduler.LRScheduler | optim.lrScheduler.ReduceLROnPlateau;
type Opt = optim.SGD | optim.Adam;

/** The same lambdas as tools/gen_optim_fixtures.py. */
const LAMBDAS = {
  pow95: (e: number) => 0.95 ** e,
  inv: (e: number) => 1.0 / (1 + e),
  const97: () => 0.97,
  alt: (e: number) => (e % 2 === 0 ? 0.9 : 1.05),
  poly: (x: number) => 1.0 / (1.0 + 0.1 * x),
};

const BUILD: Record<string, (o: Opt) => Scheduler> = {
  LambdaLR: (o) => new S.LambdaLR(o, LAMBDAS.pow95),
  'LambdaLR-list': (o) => new S.LambdaLR(o, [LAMBDAS.pow95, LAMBDAS.inv]),
  MultiplicativeLR: (o) => new S.MultiplicativeLR(o, LAMBDAS.const97),
  'MultiplicativeLR-alt': (o) => new S.MultiplicativeLR(o, LAMBDAS.alt),
  StepLR: (o) => new S.StepLR(o, 30),
  'StepLR-gamma': (o) => new S.StepLR(o, { stepSize: 7, gamma: 0.5 }),
  MultiStepLR: (o) => new S.MultiStepLR(o, [30, 80], { gamma: 0.1 }),
  'MultiStepLR-repeat': (o) => new S.MultiStepLR(o, [10, 10, 50, 90], { gamma: 0.5 }),
  ConstantLR: (o) => new S.ConstantLR(o),
  'ConstantLR-factor': (o) => new S.ConstantLR(o, { factor: 0.5, totalIters: 40 }),
  LinearLR: (o) => new S.LinearLR(o),
  'LinearLR-long': (o) => new S.LinearLR(o, { startFactor: 0.1, endFactor: 0.9, totalIters: 60 }),
  ExponentialLR: (o) => new S.ExponentialLR(o, 0.95),
  PolynomialLR: (o) => new S.PolynomialLR(o),
  'PolynomialLR-power': (o) => new S.PolynomialLR(o, { totalIters: 90, power: 2.5 }),
  CosineAnnealingLR: (o) => new S.CosineAnnealingLR(o, 50),
  'CosineAnnealingLR-etamin': (o) => new S.CosineAnnealingLR(o, { TMax: 30, etaMin: 0.001 }),
  ReduceLROnPlateau: (o) => new S.ReduceLROnPlateau(o, { patience: 3 }),
  'ReduceLROnPlateau-max-abs': (o) =>
    new S.ReduceLROnPlateau(o, { mode: 'max', factor: 0.5, patience: 2, threshold: 0.01, thresholdMode: 'abs', cooldown: 3, minLr: [0.01, 0.001] }),
  CyclicLR: (o) => new S.CyclicLR(o, 0.01, 0.1, { stepSizeUp: 10 }),
  'CyclicLR-triangular2': (o) => new S.CyclicLR(o, [0.01, 0.02], 0.1, { stepSizeUp: 7, stepSizeDown: 13, mode: 'triangular2' }),
  'CyclicLR-exp_range': (o) => new S.CyclicLR(o, 0.01, 0.1, { stepSizeUp: 9, mode: 'exp_range', gamma: 0.99, baseMomentum: 0.7, maxMomentum: 0.95 }),
  'CyclicLR-scale_fn': (o) => new S.CyclicLR(o, 0.01, 0.1, { stepSizeUp: 5, scaleFn: LAMBDAS.poly, scaleMode: 'iterations', cycleMomentum: false }),
  OneCycleLR: (o) => new S.OneCycleLR(o, 0.1, { totalSteps: F.steps }),
  'OneCycleLR-linear-3phase': (o) =>
    new S.OneCycleLR(o, [0.1, 0.2], { epochs: 10, stepsPerEpoch: 12, pctStart: 0.25, annealStrategy: 'linear', threePhase: true, divFactor: 10.0, finalDivFactor: 100.0 }),
  'OneCycleLR-adam': (o) => new S.OneCycleLR(o, 0.01, { totalSteps: F.steps, baseMomentum: 0.8, maxMomentum: 0.9 }),
  CosineAnnealingWarmRestarts: (o) => new S.CosineAnnealingWarmRestarts(o, 10),
  'CosineAnnealingWarmRestarts-mult': (o) => new S.CosineAnnealingWarmRestarts(o, 5, { TMult: 2, etaMin: 0.001 }),
  'CosineAnnealingWarmRestarts-fractional': (o) => new S.CosineAnnealingWarmRestarts(o, 3, { TMult: 2, etaMin: 0.0005 }),
  SequentialLR: (o) => new S.SequentialLR(o, [new S.LinearLR(o, { startFactor: 0.1, totalIters: 10 }), new S.ExponentialLR(o, 0.97)], [10]),
  'SequentialLR-three': (o) =>
    new S.SequentialLR(o, [new S.ConstantLR(o, { factor: 0.5, totalIters: 5 }), new S.StepLR(o, 10, { gamma: 0.5 }), new S.CosineAnnealingLR(o, 40)], [20, 60]),
  ChainedScheduler: (o) => new S.ChainedScheduler([new S.ConstantLR(o, { factor: 0.1, totalIters: 4 }), new S.ExponentialLR(o, 0.98)]),
  'ChainedScheduler-step-cos': (o) => new S.ChainedScheduler([new S.StepLR(o, 25, { gamma: 0.5 }), new S.CosineAnnealingLR(o, 60, { etaMin: 0.0001 })]),
  'StepLR-epoch': (o) => new S.StepLR(o, 9, { gamma: 0.5 }),
  'MultiStepLR-epoch': (o) => new S.MultiStepLR(o, [20, 50, 50], { gamma: 0.3 }),
  'CosineAnnealingLR-epoch': (o) => new S.CosineAnnealingLR(o, 40, { etaMin: 0.001 }),
};

function makeOptimizer(kind: 'sgd' | 'adam'): Opt {
  const groups = [{ params: [torch.zeros(2, { requiresGrad: true })] }, { params: [torch.zeros(3, { requiresGrad: true })], lr: 0.05 }];
  return kind === 'sgd' ? new optim.SGD(groups, { lr: 0.1, momentum: 0.9 }) : new optim.Adam(groups, { lr: 0.1 });
}

function stepOnce(c: SchedulerCase, s: Scheduler, i: number): void {
  switch (c.stepping) {
    case 'metric': return (s as optim.lrScheduler.ReduceLROnPlateau).step(F.plateauMetrics[i]!);
    case 'negmetric': return (s as optim.lrScheduler.ReduceLROnPlateau).step(-F.plateauMetrics[i]!);
    case 'fractional': return (s as optim.lrScheduler.LRScheduler).step(i / 4);
    case 'epoch': return (s as optim.lrScheduler.LRScheduler).step(i + 1);
    default: return (s as optim.lrScheduler.LRScheduler).step();
  }
}

function momentumOf(g: Record<string, unknown>): number | null {
  if (typeof g.momentum === 'number') return g.momentum;
  return Array.isArray(g.betas) ? (g.betas[0] as number) : null;
}

function expectRel(actual: number[], expected: number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (Math.abs(a - e) > 1e-7 * Math.abs(e) + 1e-15) expect.fail(`${what}[${i}]: ${a}, expected ${e} (1e-7 relative)`);
  });
}

describe("schedulers follow PyTorch's learning rates", () => {
  it('every recorded scheduler has a builder here', () => {
    expect(Object.keys(BUILD).sort()).toEqual(F.cases.map((c) => c.id).sort());
  });

  it.each(F.cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const { warnings } = captureWarnings(() => {
      const o = makeOptimizer(c.optimizer);
      const s = BUILD[id]!(o);
      expectRel(o.paramGroups.map((g) => g.lr), c.lrs[0]!, `${id} lr before stepping`);
      for (let i = 0; i < F.steps; i++) {
        o.step();
        stepOnce(c, s, i);
        expectRel(o.paramGroups.map((g) => g.lr), c.lrs[i + 1]!, `${id} lr after step ${i + 1}`);
        expectRel(s.getLastLr(), c.lrs[i + 1]!, `${id} getLastLr() after step ${i + 1}`);
        const moms = o.paramGroups.map((g) => momentumOf(g as Record<string, unknown>));
        if (c.momentums[i + 1]!.every((m) => m !== null)) expectRel(moms as number[], c.momentums[i + 1] as number[], `${id} momentum after step ${i + 1}`);
      }
      // PyTorch 2's name for the annealing function's kind; 1.13 pickles the bound method itself.
      const keys = Object.keys(s.stateDict()).filter((k) => k !== '_anneal_func_type').sort();
      expect(keys).toEqual(c.stateDictKeys);
    });
    // Only the deprecated step(epoch) forms warn (SequentialLR uses step(0) at its milestones, as PyTorch does).
    for (const w of warnings) expect(w).toMatch(/The epoch parameter in `scheduler.step\(\)` was not necessary/);
    if (c.stepping === null && !id.startsWith('Sequential')) expect(warnings).toEqual([]);
  });

  it.each(F.cases.filter((c) => c.stepping !== 'fractional').map((c) => [c.id, c] as const))(
    '%s: stateDict → JSON → loadStateDict continues the same sequence',
    (id, c) => {
      captureWarnings(() => {
        const o = makeOptimizer(c.optimizer);
        const s = BUILD[id]!(o);
        for (let i = 0; i < 45; i++) {
          o.step();
          stepOnce(c, s, i);
        }
        const saved = { optimizer: toJSON(o.stateDict()), scheduler: toJSON(s.stateDict()) };
        const o2 = makeOptimizer(c.optimizer);
        const s2 = BUILD[id]!(o2);
        o2.loadStateDict(fromJSON(saved.optimizer));
        s2.loadStateDict(fromJSON(saved.scheduler));
        for (let i = 45; i < F.steps; i++) {
          o2.step();
          stepOnce(c, s2, i);
          expectRel(o2.paramGroups.map((g) => g.lr), c.lrs[i + 1]!, `${id} (reloaded) lr after step ${i + 1}`);
        }
      });
    },
  );
});

describe('the call-order warning', () => {
  it('warns once when scheduler.step() comes before optimizer.step(), not in the right order', () => {
    const o = makeOptimizer('sgd');
    const s = new S.StepLR(o, 3);
    const wrong = captureWarnings(() => {
      s.step();
      s.step();
    });
    expect(wrong.warnings).toHaveLength(1);
    expect(wrong.warnings[0]).toContain('Detected call of `lr_scheduler.step()` before `optimizer.step()`');
    const o2 = makeOptimizer('sgd');
    const s2 = new S.StepLR(o2, 3);
    const right = captureWarnings(() => {
      for (let i = 0; i < 5; i++) {
        o2.step();
        s2.step();
      }
    });
    expect(right.warnings).toEqual([]);
  });

  it('warns when optimizer.step was replaced after the scheduler attached', () => {
    const o = makeOptimizer('sgd');
    const s = new S.ExponentialLR(o, 0.9);
    (o as unknown as { step: () => void }).step = () => undefined;
    const { warnings } = captureWarnings(() => s.step());
    expect(warnings[0]).toContain('Seems like `optimizer.step()` has been overridden after learning rate scheduler initialization');
  });

  it('the seed\'s adjust_learning_rate pattern: paramGroups[i].lr is writable', () => {
    const o = makeOptimizer('sgd');
    const lrAt = (epoch: number): number => 0.1 * 0.1 ** Math.floor(epoch / 30);
    for (const epoch of [0, 29, 30, 59, 60]) {
      for (const g of o.paramGroups) g.lr = lrAt(epoch);
      expect(o.paramGroups[0]!.lr).toBe(lrAt(epoch));
    }
    expect(lrAt(30)).toBe(0.010000000000000002);
    expect(lrAt(60)).toBe(0.0010000000000000002);
  });
});
