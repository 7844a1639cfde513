/** The Optimizer base and the behaviour every optimizer shares: groups, closures, checkpoints, memory. */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { noGrad, isGradEnabled } from '@x/autograd';
import * as optim from '@x/optim';
import { fromJSON, toJSON, values } from './helpers';

type Ctor = new (params: torch.Tensor[], options?: Record<string, unknown>) => optim.Optimizer;

/** Each optimizer with options that exercise its state. */
const ALL: [string, Ctor, Record<string, unknown>][] = [
  ['SGD', optim.SGD as unknown as Ctor, { lr: 0.05, momentum: 0.9, nesterov: true }],
  ['Adam', optim.Adam as unknown as Ctor, { lr: 0.05, amsgrad: true }],
  ['AdamW', optim.AdamW as unknown as Ctor, { lr: 0.05 }],
  ['Adamax', optim.Adamax as unknown as Ctor, { lr: 0.05 }],
  ['NAdam', optim.NAdam as unknown as Ctor, { lr: 0.05 }],
  ['RAdam', optim.RAdam as unknown as Ctor, { lr: 0.05 }],
  ['Adagrad', optim.Adagrad as unknown as Ctor, { lr: 0.1, lrDecay: 0.01 }],
  ['Adadelta', optim.Adadelta as unknown as Ctor, { lr: 1.0 }],
  ['RMSprop', optim.RMSprop as unknown as Ctor, { lr: 0.01, momentum: 0.5, centered: true }],
  ['Rprop', optim.Rprop as unknown as Ctor, { lr: 0.01 }],
  ['ASGD', optim.ASGD as unknown as Ctor, { lr: 0.05, t0: 2 }],
  ['SparseAdam', optim.SparseAdam as unknown as Ctor, { lr: 0.05 }],
  ['LBFGS', optim.LBFGS as unknown as Ctor, { lr: 1, maxIter: 3, historySize: 2, lineSearchFn: 'strong_wolfe' }],
];

const target = torch.tensor([0.5, -1.5, 2.0, 0.25]);

function lossOf(p: torch.Tensor): torch.Tensor {
  return p.sub(target).pow(2).mul(torch.tensor([1, 2, 3, 4])).sum().add(p.pow(4).sum().mul(0.01));
}

/** Backward of the loss into p.grad; SparseAdam takes sparse gradients only (as an embedding with sparse: true gives). */
function gradOn(opt: optim.Optimizer, p: torch.Tensor): torch.Tensor {
  const l = lossOf(p);
  l.backward();
  if (opt instanceof optim.SparseAdam) p.grad = p.grad!.toSparse();
  return l;
}

/** One optimization step of opt on p (through a closure for LBFGS). */
function stepOn(opt: optim.Optimizer, p: torch.Tensor): void {
  const closure = (): torch.Tensor => {
    opt.zeroGrad();
    return gradOn(opt, p);
  };
  if (opt instanceof optim.LBFGS) opt.step(closure);
  else {
    closure();
    opt.step();
  }
}

describe('parameter groups', () => {
  it("per-layer settings: groups override the defaults, as the seed's resnet example", () => {
    const fc = [torch.zeros(2, { requiresGrad: true }), torch.zeros(1, { requiresGrad: true })];
    const conv = torch.zeros(3, { requiresGrad: true });
    const opt = new optim.SGD([{ params: fc }, { params: conv, lr: 1e-2 }], { lr: 1e-5 });
    expect(opt.paramGroups.map((g) => [g.lr, g.params.length])).toEqual([[1e-5, 2], [1e-2, 1]]);
  });

  it('takes any iterable of tensors, such as a generator (net.parameters())', () => {
    const a = torch.zeros(2, { requiresGrad: true });
    const b = torch.zeros(3, { requiresGrad: true });
    function* parameters(): Generator<torch.Tensor> {
      yield a;
      yield b;
    }
    const opt = new optim.Adam(parameters());
    expect(opt.paramGroups[0]!.params).toEqual([a, b]);
    const grouped = new optim.Adam([{ params: parameters(), lr: 0.1 }]);
    expect(grouped.paramGroups[0]!.params).toEqual([a, b]);
  });

  it('positional arguments in PyTorch order equal the options object', () => {
    const p = [torch.zeros(2, { requiresGrad: true })];
    expect(new optim.SGD(p, 0.1, 0.9).defaults).toEqual(new optim.SGD([torch.zeros(1, { requiresGrad: true })], { lr: 0.1, momentum: 0.9 }).defaults);
    expect(new optim.Adam(p, 0.01, [0.8, 0.9]).defaults).toMatchObject({ lr: 0.01, betas: [0.8, 0.9] });
  });

  it('defaults list the hyperparameters in PyTorch 1.13 order', () => {
    const p = [torch.zeros(2, { requiresGrad: true })];
    expect(Object.keys(new optim.SGD(p, { lr: 0.1 }).defaults)).toEqual(['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov', 'maximize', 'foreach', 'differentiable']);
    expect(Object.keys(new optim.Adam(p).defaults)).toEqual(['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize', 'foreach', 'capturable', 'differentiable', 'fused']);
  });

  it('parameters without a gradient (frozen) are skipped and get no state', () => {
    const live = torch.ones(2, { requiresGrad: true });
    const frozen = torch.ones(2, { requiresGrad: false });
    const opt = new optim.Adam([live, frozen], { lr: 0.1 });
    live.mul(3).sum().backward();
    opt.step();
    expect(values(frozen)).toEqual([1, 1]);
    expect(values(live).every((v) => v < 1)).toBe(true);
    expect(opt.state.has(frozen)).toBe(false);
    expect(Object.keys(opt.stateDict().state)).toEqual(['0']);
  });

  it('zeroGrad({ setToNone: false }) detaches a gradient that has a graph', () => {
    const w = torch.ones(2, { requiresGrad: true });
    const opt = new optim.SGD([w], { lr: 0.1 });
    w.grad = torch.ones(2, { requiresGrad: true }).mul(2);
    expect(w.grad!.gradFn).not.toBeNull();
    opt.zeroGrad({ setToNone: false });
    expect(w.grad!.gradFn).toBeNull();
    expect(values(w.grad!)).toEqual([0, 0]);
    opt.zeroGrad(true);
    expect(w.grad).toBeNull();
  });
});

describe('step(closure)', () => {
  it('runs a sync closure with gradients on, the update with them off, and returns the loss', () => {
    const w = torch.ones(3, { requiresGrad: true });
    const opt = new optim.SGD([w], { lr: 0.1 });
    let enabled: boolean | null = null;
    const loss = noGrad(() =>
      opt.step(() => {
        enabled = isGradEnabled();
        opt.zeroGrad();
        const l = w.mul(w).sum();
        l.backward();
        return l;
      }),
    );
    expect(enabled).toBe(true);
    expect(loss.item()).toBe(3);
    expect(values(w)).toEqual([0.8, 0.8, 0.8].map(Math.fround));
    expect(w.gradFn).toBeNull();
  });

  it('an async closure makes step return a Promise; the update waits for it', async () => {
    const w = torch.ones(3, { requiresGrad: true });
    const opt = new optim.Adam([w], { lr: 0.1 });
    const pending = opt.step(async () => {
      await new Promise((r) => setTimeout(r, 1));
      opt.zeroGrad();
      const l = w.mul(w).sum();
      l.backward();
      return l;
    });
    expect(pending).toBeInstanceOf(Promise);
    expect(values(w)).toEqual([1, 1, 1]);
    const loss = await pending;
    expect(loss.item()).toBe(3);
    for (const v of w.numpy()) expect(v).toBeCloseTo(0.9, 6);
  });

  it('LBFGS with an async closure gives the same result as with a sync one', async () => {
    const run = async (async: boolean): Promise<number[]> => {
      const p = torch.zeros(4, { requiresGrad: true });
      const opt = new optim.LBFGS([p], { lineSearchFn: 'strong_wolfe', maxIter: 5 });
      const body = (): torch.Tensor => {
        opt.zeroGrad();
        const l = lossOf(p);
        l.backward();
        return l;
      };
      for (let i = 0; i < 3; i++) {
        if (async) await opt.step(async () => body());
        else opt.step(body);
      }
      return values(p);
    };
    const sync = await run(false);
    expect(await run(true)).toEqual(sync);
    expect(lossOf(torch.tensor(sync)).item()).toBeLessThan(lossOf(torch.zeros(4)).item() / 10);
  });
});

describe('checkpoints', () => {
  it.each(ALL)('%s: stateDict → JSON → loadStateDict into a fresh optimizer continues bit for bit', (_, Opt, options) => {
    const p = torch.zeros(4, { requiresGrad: true });
    const opt = new Opt([p], options);
    for (let i = 0; i < 4; i++) stepOn(opt, p);
    const saved = toJSON(opt.stateDict());
    const q = p.detach().clone().requiresGrad_(true);
    const fresh = new Opt([q], options);
    fresh.loadStateDict(fromJSON(saved));
    for (let i = 0; i < 4; i++) {
      stepOn(opt, p);
      stepOn(fresh, q);
      expect(values(q)).toEqual(values(p));
    }
    expect(toJSON(fresh.stateDict())).toBe(toJSON(opt.stateDict()));
  });

  it("loading moves floating state to the parameter's dtype, but `step` stays float32 (pytorch#74424)", () => {
    const p = torch.zeros(4, { requiresGrad: true });
    const opt = new optim.Adam([p], { lr: 0.1 });
    stepOn(opt, p);
    const q = torch.zeros(4, { dtype: 'float64', requiresGrad: true });
    const fresh = new optim.Adam([q], { lr: 0.1 });
    fresh.loadStateDict(opt.stateDict());
    const s = fresh.state.get(q)!;
    expect((s.exp_avg as torch.Tensor).dtype).toBe('float64');
    expect((s.step as torch.Tensor).dtype).toBe('float32');
    expect(s.exp_avg).not.toBe(opt.state.get(p)!.exp_avg);
  });

  it('a checkpoint whose step is a plain number (older PyTorch) loads as a tensor', () => {
    const p = torch.zeros(4, { requiresGrad: true });
    const opt = new optim.Adam([p], { lr: 0.1 });
    stepOn(opt, p);
    const sd = opt.stateDict();
    sd.state[0]!.step = 1;
    const fresh = new optim.Adam([torch.zeros(4, { requiresGrad: true })], { lr: 0.1 });
    fresh.loadStateDict(sd);
    expect(fresh.stateDict().state[0]!.step).toBeInstanceOf(torch.Tensor);
  });

  it('loaded hyperparameters replace the constructor ones, params last', () => {
    const src = new optim.SGD([torch.zeros(2, { requiresGrad: true })], { lr: 0.5, momentum: 0.1, weightDecay: 0.01 });
    const p = torch.zeros(2, { requiresGrad: true });
    const dst = new optim.SGD([p], { lr: 0.1 });
    dst.loadStateDict(src.stateDict());
    expect(dst.paramGroups[0]).toMatchObject({ lr: 0.5, momentum: 0.1, weightDecay: 0.01 });
    expect(dst.paramGroups[0]!.params[0]).toBe(p);
    expect(Object.keys(dst.paramGroups[0]!).at(-1)).toBe('params');
  });
});

describe('memory', () => {
  it.each(ALL.filter(([name]) => name !== 'LBFGS'))('%s: a step after the first leaves no tensor behind', (_, Opt, options) => {
    const p = torch.zeros(4, { requiresGrad: true });
    const opt = new Opt([p], options);
    stepOn(opt, p);
    gradOn(opt, p);
    const { leaked } = torch.findLeaks(() => opt.step());
    expect(leaked).toEqual([]);
  });

  it.each(ALL)('%s: state made inside tidy() survives the scope', (_, Opt, options) => {
    const p = torch.zeros(4, { requiresGrad: true });
    const opt = new Opt([p], options);
    for (let i = 0; i < 3; i++) torch.tidy(() => stepOn(opt, p));
    expect(() => toJSON(opt.stateDict())).not.toThrow();
  });

  it('LBFGS frees its per-iteration tensors and the history it drops (live tensors stay flat)', () => {
    // Rosenbrock in 10 dimensions: dozens of iterations from the origin, so every step iterates.
    const x = torch.zeros(10, { requiresGrad: true });
    const rosenbrock = (): torch.Tensor => {
      const head = x.narrow(0, 0, 9);
      return x.narrow(0, 1, 9).sub(head.pow(2)).pow(2).mul(100).sum().add(head.rsub(1).pow(2).sum());
    };
    const opt = new optim.LBFGS([x], { maxIter: 3, historySize: 4, lineSearchFn: 'strong_wolfe' });
    // The closure frees its own intermediates and reuses one gradient tensor; step's loss is disposed after.
    const closure = (): torch.Tensor =>
      torch.tidy(() => {
        opt.zeroGrad({ setToNone: false });
        const l = rosenbrock();
        l.backward();
        return l;
      });
    for (let i = 0; i < 3; i++) opt.step(closure).dispose();
    const before = torch.memory().numTensors;
    const losses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const l = opt.step(closure);
      losses.push(l.item());
      l.dispose();
    }
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect((opt.state.get(x)!.old_dirs as unknown[]).length).toBe(4);
    // Each step returns the closure's first loss; the losses of the other evaluations are the
    // caller's (PyTorch leaves them to the garbage collector too): one per evaluation.
    const evaluations = (opt.state.get(x)!.func_evals as number);
    expect(torch.memory().numTensors - before).toBeLessThanOrEqual(evaluations);
  });
});

describe('printing', () => {
  it("Adam prints its groups as PyTorch's repr", () => {
    const opt = new optim.Adam([torch.zeros(2, { requiresGrad: true })], { lr: 1e-5 });
    expect(String(opt)).toBe(
      'Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    capturable: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n    fused: False\n    lr: 1e-05\n    maximize: False\n    weight_decay: 0\n)',
    );
  });
});
