/** Misuse fails at once with PyTorch's message (tools/gen_optim_fixtures.py records PyTorch 1.13's). */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import * as optim from '@x/optim';
import { captureWarnings, fixture } from './helpers';

const { lrScheduler: S } = optim;
const E = fixture<Record<string, { error?: string; message?: string; warnings?: string[] }>>('errors.json');

const p = (): torch.Tensor[] => [torch.zeros(2, { requiresGrad: true })];
const sgd = (): optim.SGD => new optim.SGD(p(), { lr: 0.1 });
type Any = never;

/** One step of optimizer `name` on a weight whose gradient is sparse (an embedding with sparse: true). */
function sparseStep(name: string, options: Record<string, unknown> = {}): () => void {
  return () => {
    const w = torch.randn(6, 3).requiresGrad_();
    const Ctor = (optim as unknown as Record<string, new (p: torch.Tensor[], o: Record<string, unknown>) => optim.Optimizer>)[name]!;
    const opt = new Ctor([w], options);
    torch.embeddingLookup(w, torch.tensor([1, 3, 1]), { paddingIdx: -1, scaleGradByFreq: false, sparse: true }).sum().backward();
    opt.step();
  };
}
const sparseParam = (): torch.Tensor => torch.sparseCooTensor(torch.tensor([[0]]), torch.ones(1), [3]);

const CASES: Record<string, () => unknown> = {
  'sgd-lr': () => new optim.SGD(p(), { lr: -1 }),
  'sgd-momentum': () => new optim.SGD(p(), { lr: 0.1, momentum: -0.5 }),
  'sgd-weight-decay': () => new optim.SGD(p(), { lr: 0.1, weightDecay: -0.25 }),
  'sgd-nesterov': () => new optim.SGD(p(), { lr: 0.1, nesterov: true }),
  'sgd-no-lr': () => new optim.SGD(p()),
  'adam-lr': () => new optim.Adam(p(), { lr: -0.5 }),
  'adam-nan-lr': () => new optim.Adam(p(), { lr: NaN }),
  'adam-eps': () => new optim.Adam(p(), { eps: -0.5 }),
  'adam-beta0': () => new optim.Adam(p(), { betas: [1.5, 0.999] }),
  'adam-beta1': () => new optim.Adam(p(), { betas: [0.9, -0.5] }),
  'adam-weight-decay': () => new optim.Adam(p(), { weightDecay: -0.1 }),
  'adamw-beta1': () => new optim.AdamW(p(), { betas: [0.9, 1.5] }),
  'adamax-eps': () => new optim.Adamax(p(), { eps: -0.5 }),
  'nadam-momentum-decay': () => new optim.NAdam(p(), { momentumDecay: -0.5 }),
  'radam-weight-decay': () => new optim.RAdam(p(), { weightDecay: -0.5 }),
  'adagrad-lr-decay': () => new optim.Adagrad(p(), { lrDecay: -0.5 }),
  'adagrad-initial-accumulator': () => new optim.Adagrad(p(), { initialAccumulatorValue: -0.5 }),
  'adadelta-rho': () => new optim.Adadelta(p(), { rho: 1.5 }),
  'rmsprop-alpha': () => new optim.RMSprop(p(), { alpha: -0.5 }),
  'rmsprop-momentum': () => new optim.RMSprop(p(), { momentum: -0.5 }),
  'rprop-etas': () => new optim.Rprop(p(), { etas: [1.5, 2.5] }),
  'asgd-weight-decay': () => new optim.ASGD(p(), { weightDecay: -0.5 }),
  'sparse-adam-lr': () => new optim.SparseAdam(p(), { lr: 0 }),
  'sparse-adam-eps': () => new optim.SparseAdam(p(), { eps: 0 }),
  ...Object.fromEntries(['Adam', 'AdamW', 'Adamax', 'NAdam', 'RAdam', 'RMSprop', 'Adadelta', 'Rprop', 'ASGD'].map((name) => [`sparse-grad-${name}`, sparseStep(name)])),
  'sparse-grad-SGD-weight-decay': sparseStep('SGD', { lr: 0.1, weightDecay: 0.1 }),
  'sparse-grad-Adagrad-weight-decay': sparseStep('Adagrad', { weightDecay: 0.1 }),
  'sparse-adam-dense-grad': () => {
    const w = torch.randn(6, 3).requiresGrad_();
    const opt = new optim.SparseAdam([w]);
    w.mul(2).sum().backward();
    opt.step();
  },
  'sparse-adam-sparse-params': () => new optim.SparseAdam([torch.zeros(2, { requiresGrad: true }), sparseParam()]),
  'sparse-adam-sparse-params-groups': () =>
    new optim.SparseAdam([{ params: [torch.zeros(2, { requiresGrad: true })] }, { params: [torch.zeros(2, { requiresGrad: true }), sparseParam()] }]),
  'params-tensor': () => new optim.SGD(torch.zeros(2, { requiresGrad: true }) as Any, { lr: 0.1 }),
  'params-empty': () => new optim.SGD([], { lr: 0.1 }),
  'group-not-dict': () => sgd().addParamGroup([torch.zeros(2, { requiresGrad: true })] as Any),
  'group-set': () => sgd().addParamGroup({ params: new Set([torch.zeros(2, { requiresGrad: true })]) }),
  'group-not-tensor': () => sgd().addParamGroup({ params: [1] as Any }),
  'group-not-tensor-str': () => sgd().addParamGroup({ params: ['w'] as Any }),
  'group-non-leaf': () => sgd().addParamGroup({ params: [torch.zeros(2, { requiresGrad: true }).mul(2)] }),
  'group-overlap': () => {
    const w = torch.zeros(2, { requiresGrad: true });
    new optim.SGD([w], { lr: 0.1 }).addParamGroup({ params: [w], lr: 0.01 });
  },
  'group-duplicate': () => {
    const w = torch.zeros(2, { requiresGrad: true });
    return new optim.SGD([w, w], { lr: 0.1 });
  },
  'load-group-count': () => {
    const src = new optim.SGD([{ params: p() }, { params: p() }], { lr: 0.1 });
    sgd().loadStateDict(src.stateDict());
  },
  'load-group-size': () => {
    const src = new optim.SGD([...p(), ...p()], { lr: 0.1 });
    sgd().loadStateDict(src.stateDict());
  },
  'lbfgs-groups': () => new optim.LBFGS([{ params: p() }, { params: p() }]),
  'lbfgs-line-search': () => {
    const w = torch.ones(2, { requiresGrad: true });
    const opt = new optim.LBFGS([w], { lineSearchFn: 'foo' as Any });
    opt.step(() => {
      opt.zeroGrad();
      const l = w.mul(w).sum();
      l.backward();
      return l;
    });
  },
  'sched-not-optimizer': () => new S.StepLR({} as Any, 3),
  'sched-resume': () => new S.StepLR(sgd(), 3, { lastEpoch: 5 }),
  'lambda-count': () => new S.LambdaLR(new optim.SGD([{ params: p() }, { params: p() }], { lr: 0.1 }), [() => 1.0]),
  'constant-factor': () => new S.ConstantLR(sgd(), { factor: 1.5 }),
  'linear-start': () => new S.LinearLR(sgd(), { startFactor: 1.5 }),
  'linear-end': () => new S.LinearLR(sgd(), { endFactor: -0.5 }),
  'plateau-factor': () => new S.ReduceLROnPlateau(sgd(), { factor: 1.5 }),
  'plateau-mode': () => new S.ReduceLROnPlateau(sgd(), { mode: 'foo' as Any }),
  'plateau-threshold-mode': () => new S.ReduceLROnPlateau(sgd(), { thresholdMode: 'foo' as Any }),
  'plateau-min-lr': () => new S.ReduceLROnPlateau(sgd(), { minLr: [0.1, 0.2] }),
  'cyclic-mode': () => new S.CyclicLR(sgd(), 0.01, 0.1, { mode: 'foo' as Any }),
  'cyclic-momentum': () => new S.CyclicLR(new optim.Adam(p()), 0.01, 0.1),
  'cyclic-base-lr': () => new S.CyclicLR(sgd(), [0.01, 0.02], 0.1),
  'onecycle-steps': () => new S.OneCycleLR(sgd(), 0.1),
  'onecycle-total': () => new S.OneCycleLR(sgd(), 0.1, { totalSteps: 0 }),
  'onecycle-epochs': () => new S.OneCycleLR(sgd(), 0.1, { epochs: -1, stepsPerEpoch: 3 }),
  'onecycle-pct': () => new S.OneCycleLR(sgd(), 0.1, { totalSteps: 10, pctStart: 1.5 }),
  'onecycle-anneal': () => new S.OneCycleLR(sgd(), 0.1, { totalSteps: 10, annealStrategy: 'foo' as Any }),
  'onecycle-past': () => {
    const o = sgd();
    const s = new S.OneCycleLR(o, 0.1, { totalSteps: 10 });
    for (let i = 0; i < 11; i++) {
      o.step();
      s.step();
    }
  },
  'warm-restarts-t0': () => new S.CosineAnnealingWarmRestarts(sgd(), 0),
  'warm-restarts-tmult': () => new S.CosineAnnealingWarmRestarts(sgd(), 5, { TMult: 0 }),
  'warm-restarts-epoch': () => new S.CosineAnnealingWarmRestarts(sgd(), 5).step(-1),
  'sequential-milestones': () => {
    const o = sgd();
    return new S.SequentialLR(o, [new S.ConstantLR(o), new S.ExponentialLR(o, 0.9)], [3, 6]);
  },
  'sequential-optimizer': () => {
    const o = sgd();
    return new S.SequentialLR(o, [new S.ConstantLR(o), new S.ExponentialLR(sgd(), 0.9)], [3]);
  },
  'chained-optimizer': () => new S.ChainedScheduler([new S.ConstantLR(sgd()), new S.ExponentialLR(sgd(), 0.9)]),
  'warn-order': () => {
    const o = sgd();
    const s = new S.StepLR(o, 3);
    s.step();
    o.step();
  },
  'warn-get-lr': () => new S.StepLR(sgd(), 3).getLr(),
};

/** Where @x's words differ from PyTorch's on purpose: they name @x's method. */
const RENAMED: Record<string, [string, string]> = {
  'warn-get-lr': ['`get_last_lr()`', '`getLastLr()`'],
};

describe("misuse gives PyTorch's message", () => {
  it('every recorded case has a check here', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(E).sort());
  });

  it.each(Object.keys(E))('%s', (key) => {
    const expected = E[key]!;
    const rename = (m: string): string => (RENAMED[key] ? m.replace(RENAMED[key][0], RENAMED[key][1]) : m);
    if (expected.error !== undefined) {
      const { warnings } = captureWarnings(() => expect(CASES[key]!).toThrow(rename(expected.message!)));
      expect(warnings).toEqual([]);
      let thrown: unknown;
      captureWarnings(() => {
        try {
          CASES[key]!();
        } catch (e) {
          thrown = e;
        }
      });
      expect((thrown as Error).message).toBe(rename(expected.message!));
      if (expected.error === 'TypeError') expect(thrown).toBeInstanceOf(TypeError);
    } else {
      const { warnings } = captureWarnings(() => CASES[key]!());
      expect(warnings).toEqual(expected.warnings!.map((w) => `UserWarning: ${rename(w)}`));
    }
  });
});

describe('@x refuses more than PyTorch 1.13 does', () => {
  it('a non-finite learning rate, for every optimizer (PyTorch lets inf, and NaN for SGD, through)', () => {
    expect(() => new optim.SGD(p(), { lr: NaN })).toThrow('Invalid learning rate: nan');
    expect(() => new optim.SGD(p(), { lr: Infinity })).toThrow('Invalid learning rate: inf');
    expect(() => new optim.Adam(p(), { lr: Infinity })).toThrow('Invalid learning rate: inf');
    expect(() => new optim.RMSprop(p(), { lr: -Infinity })).toThrow('Invalid learning rate: -inf');
    expect(() => new optim.SGD(p(), { lr: 0.1, momentum: NaN })).toThrow('Invalid momentum value: nan');
  });

  it('unknown or snake_case options, as Python refuses unknown keywords', () => {
    expect(() => new optim.SGD(p(), { lr: 0.1, weight_decay: 0.1 } as Any)).toThrow("SGD() got an unexpected keyword argument 'weight_decay'");
    expect(() => new optim.Adam(p(), 0.1, { lr: 0.2 } as Any)).toThrow("Adam() got multiple values for argument 'lr'");
    expect(() => new S.StepLR(sgd(), { gamma: 0.5 } as Any)).toThrow("StepLR() missing 1 required positional argument: 'stepSize'");
  });

  it('numbers in messages print as Python prints them', () => {
    expect(() => new optim.SGD(p(), { lr: -1e-5 })).toThrow('Invalid learning rate: -1e-05');
    expect(() => new optim.Adam(p(), { eps: -2.5e-20 })).toThrow('Invalid epsilon value: -2.5e-20');
  });

  it('step() without a closure on LBFGS', () => {
    const w = torch.ones(2, { requiresGrad: true });
    expect(() => new optim.LBFGS([w]).step()).toThrow("LBFGS.step() missing 1 required positional argument: 'closure'");
  });
});

describe('params that are not a list of tensors', () => {
  it("a string of params fails on its first character, as Python's list('w') does", () => {
    expect(() => sgd().addParamGroup({ params: 'w' as Any })).toThrow('optimizer can only optimize Tensors, but one of the params is str');
    expect(() => sgd().addParamGroup({ params: 5 as Any })).toThrow("'int' object is not iterable");
  });
});
