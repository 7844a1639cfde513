/**
 * Losses against real PyTorch 1.13 (tools/gen_loss_fixtures.py → fixtures/losses.json): values and
 * input gradients of every loss in every reduction, through both the functional and the module
 * form; PyTorch's messages for bad input; the seed's printed examples; printing and buffers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import '@x/autograd';
import { decodeTensor, decodeValues, valuesMismatch, type FixtureTensor } from '@x/tensor/testing';
import * as nn from '../src/index';

const F = nn.functional;

type Arg = FixtureTensor | { list: number[] };
interface LossCase {
  name: string;
  fn: string;
  module: string | null;
  args: Arg[];
  options: Record<string, unknown>;
  out: FixtureTensor;
  upstream: FixtureTensor;
  grads: (FixtureTensor | null)[];
  noGrad?: boolean;
}
interface Fixture {
  torch: string;
  cases: LossCase[];
  seed: Record<string, number | number[] | string>;
  errors: Record<string, string>;
}

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/losses.json', import.meta.url), 'utf8')) as Fixture;

function decodeArg(a: Arg): Tensor | number[] {
  return 'list' in a ? a.list : decodeTensor(a);
}

function decodeOptions(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = v !== null && typeof v === 'object' && 'dtype' in v ? decodeTensor(v as FixtureTensor) : v;
  return out;
}

function values(t: Tensor): number[] {
  return Array.from(t.detach().contiguous().numpy() as ArrayLike<number>, Number);
}

/** Same shape, and values within tolerance (NaN matching NaN, infinities exactly). */
function expectClose(actual: Tensor, expected: FixtureTensor, what: string, loose = false): void {
  expect([...actual.shape], `${what}: shape`).toEqual(expected.shape);
  const f64 = expected.dtype === 'float64';
  const tol = { rtol: f64 ? 1e-9 : 1e-4, atol: f64 ? 1e-10 : loose ? 2e-5 : 1e-5 };
  expect(valuesMismatch(values(actual), decodeValues(expected.data), tol), what).toBeNull();
}

type Fn = (...args: unknown[]) => Tensor;
const functional = F as unknown as Record<string, Fn>;
const modules = nn as unknown as Record<string, new (...args: unknown[]) => { forward: (...args: unknown[]) => Tensor }>;

function runCase(c: LossCase, form: 'functional' | 'module'): void {
  const args = c.args.map(decodeArg);
  const options = decodeOptions(c.options);
  const out = form === 'functional' ? functional[c.fn]!(...args, options) : new modules[c.module!]!(options).forward(...args);
  const loose = c.fn === 'ctcLoss';
  expectClose(out, c.out, `${form} value`, loose);
  if (c.noGrad || c.grads.every((g) => g === null)) return;
  out.backward(decodeTensor(c.upstream));
  c.grads.forEach((g, i) => {
    if (g === null) return;
    const leaf = args[i] as Tensor;
    expect(leaf.grad, `${form} grad of arg ${i}`).not.toBeNull();
    expectClose(leaf.grad!, g, `${form} grad of arg ${i}`, loose);
  });
}

// Warnings (legacy arguments, KL 'mean', size mismatches) are collected, not printed; each distinct
// one is shown once per process, as Python's default filter shows it once per call site.
const warnings: string[] = [];
vi.spyOn(console, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));

describe('losses match PyTorch 1.13 (values and input gradients)', () => {
  it('the fixture comes from PyTorch 1.13 and covers every loss in every reduction', () => {
    expect(FIXTURE.torch.startsWith('1.13')).toBe(true);
    const byFn = new Map<string, Set<unknown>>();
    for (const c of FIXTURE.cases) {
      if (!byFn.has(c.fn)) byFn.set(c.fn, new Set());
      byFn.get(c.fn)!.add(c.options.reduction);
    }
    expect(byFn.size).toBe(21);
    for (const [fn, reductions] of byFn) {
      for (const r of ['none', 'sum', 'mean']) expect(reductions.has(r), `${fn} ${r}`).toBe(true);
    }
  });

  for (const c of FIXTURE.cases) {
    it(`F.${c.fn}: ${c.name}`, () => runCase(c, 'functional'));
    if (c.module !== null) it(`nn.${c.module}: ${c.name}`, () => runCase(c, 'module'));
  }
});

describe("PyTorch's errors for bad input", () => {
  const x35 = (): Tensor => torch.randn(3, 5);
  const t3 = (): Tensor => torch.tensor([1, 2, 3]);
  const long = (data: number[] | number[][]): Tensor => torch.tensor(data, { dtype: 'int64' });
  const lp6 = (): Tensor => torch.randn(6, 3, 4).logSoftmax(2);
  const tg6 = (): Tensor => torch.randint(1, 4, [3, 3]);
  const il6 = (): Tensor => long([6, 5, 4]);
  const tl6 = (): Tensor => long([3, 2, 0]);
  const CALLS: Record<string, () => unknown> = {
    'ce batch size': () => F.crossEntropy(x35(), long([1, 2, 3, 4])),
    'ce int32 target': () => F.crossEntropy(x35(), t3().int()),
    'ce float target': () => F.crossEntropy(x35(), t3().float()),
    'ce target out of bounds': () => F.crossEntropy(x35(), long([1, 2, 7])),
    'ce negative target': () => F.crossEntropy(x35(), long([1, 2, -3])),
    'ce 2d target': () => F.crossEntropy(x35(), t3().reshape(3, 1)),
    'ce weight size': () => F.crossEntropy(x35(), t3(), { weight: torch.ones(4) }),
    'ce probabilities weight size': () => F.crossEntropy(x35(), torch.rand(3, 5), { weight: torch.ones(4) }),
    'ce probabilities ignore_index': () => F.crossEntropy(x35(), torch.rand(3, 5), { ignoreIndex: 1 }),
    'ce probabilities long': () => F.crossEntropy(x35(), torch.ones(3, 5, { dtype: 'int64' })),
    'ce label_smoothing > 1': () => F.crossEntropy(x35(), t3(), { labelSmoothing: 1.5 }),
    'ce 3d target size': () => F.crossEntropy(torch.randn(2, 3, 4), torch.zeros(2, 5, { dtype: 'int64' })),
    'ce 4d target size': () => F.crossEntropy(torch.randn(2, 3, 4, 4), torch.zeros(2, 5, 4, { dtype: 'int64' })),
    'ce 4d target dims': () => F.crossEntropy(torch.randn(2, 3, 4, 4), torch.zeros(2, 4, { dtype: 'int64' })),
    'ce 5d target size': () => F.crossEntropy(torch.randn(2, 3, 4, 4, 2), torch.zeros(2, 4, 4, 3, { dtype: 'int64' })),
    'ce 0d input': () => F.crossEntropy(torch.tensor(1.0), torch.tensor(0)),
    'ce 1d input, target [1]': () => F.crossEntropy(torch.randn(5), long([2])),
    'nll weight size': () => F.nllLoss(x35(), t3(), { weight: torch.ones(6) }),
    'bce size': () => F.binaryCrossEntropy(torch.rand(3), torch.rand(3, 1)),
    'bce range': () => F.binaryCrossEntropy(torch.tensor([1.5]), torch.rand(1)),
    'bce weight broadcast': () => F.binaryCrossEntropy(torch.rand(3, 2), torch.rand(3, 2), { weight: torch.rand(3) }),
    'bceLogits size': () => F.binaryCrossEntropyWithLogits(torch.rand(3), torch.rand(3, 1)),
    'mse broadcast': () => F.mseLoss(torch.rand(3), torch.rand(4)),
    reduction: () => F.mseLoss(torch.rand(3), torch.rand(3), { reduction: 'sun' as 'sum' }),
    'smoothL1 beta': () => F.smoothL1Loss(torch.rand(3), torch.rand(3), { beta: -1 }),
    'huber delta': () => F.huberLoss(torch.rand(3), torch.rand(3), { delta: 0 }),
    'multiMargin p': () => F.multiMarginLoss(x35(), t3(), { p: 3 }),
    'multiMargin weight dims': () => F.multiMarginLoss(x35(), t3(), { weight: torch.ones(1, 5) }),
    'multiMargin target size': () => F.multiMarginLoss(x35(), long([1, 2, 3, 4])),
    'multiMargin target range': () => F.multiMarginLoss(x35(), long([1, 2, 5])),
    'multiMargin float target': () => F.multiMarginLoss(x35(), t3().float()),
    'multiMargin 3d input': () => F.multiMarginLoss(torch.randn(2, 3, 4), long([1, 2])),
    'multilabelMargin target size': () => F.multilabelMarginLoss(x35(), t3()),
    'multilabelMargin target range': () => F.multilabelMarginLoss(x35(), torch.full([3, 5], 7)),
    'multilabelMargin target -2': () => F.multilabelMarginLoss(x35(), torch.full([3, 5], -2)),
    'multilabelMargin float target': () => F.multilabelMarginLoss(x35(), torch.full([3, 5], -1, { dtype: 'float32' })),
    'cosineEmbedding 2d target': () => F.cosineEmbeddingLoss(x35(), x35(), torch.ones(1, 3)),
    'cosineEmbedding 1d target, 1d input': () => F.cosineEmbeddingLoss(torch.randn(3), x35(), torch.ones(3)),
    'cosineEmbedding 0d target, 2d inputs': () => F.cosineEmbeddingLoss(x35(), x35(), torch.tensor(1.0)),
    'marginRanking dims': () => F.marginRankingLoss(torch.randn(3), torch.randn(3), torch.ones(1, 3)),
    'tripletMargin dims': () => F.tripletMarginLoss(torch.randn(3, 4), torch.randn(3, 4), torch.randn(4)),
    'gaussian var size': () => F.gaussianNllLoss(x35(), x35(), torch.ones(3, 4)),
    'gaussian negative var': () => F.gaussianNllLoss(x35(), x35(), torch.ones(3, 5).neg()),
    'gaussian reduction': () => F.gaussianNllLoss(x35(), x35(), torch.ones(3, 5), { reduction: 'x' as 'sum' }),
    'klDiv reduction': () => F.klDiv(x35(), x35(), { reduction: 'x' as 'sum' }),
    'poisson reduction': () => F.poissonNllLoss(x35(), x35(), { reduction: 'x' as 'sum' }),
    'multilabelSoftMargin reduction': () => F.multilabelSoftMarginLoss(x35(), x35(), { reduction: 'x' as 'sum' }),
    'MultiMarginLoss p': () => new nn.MultiMarginLoss({ p: 3 }),
    'ctc log_probs dims': () => F.ctcLoss(torch.randn(2, 3, 4, 5), tg6(), il6(), tl6()),
    'ctc blank': () => F.ctcLoss(lp6(), tg6(), il6(), tl6(), { blank: 4 }),
    'ctc input_lengths size': () => F.ctcLoss(lp6(), tg6(), long([6, 6]), tl6()),
    'ctc target_lengths size': () => F.ctcLoss(lp6(), tg6(), il6(), long([1, 1])),
    'ctc input_lengths too long': () => F.ctcLoss(lp6(), tg6(), long([7, 1, 1]), tl6()),
    'ctc padded targets too short': () => F.ctcLoss(lp6(), tg6().narrow(1, 0, 2), il6(), tl6()),
    'ctc padded targets rows': () => F.ctcLoss(lp6(), tg6().narrow(0, 0, 2), il6(), tl6()),
    'ctc concatenated targets size': () => F.ctcLoss(lp6(), long([1, 2, 3]), il6(), tl6()),
    'ctc float input_lengths': () => F.ctcLoss(lp6(), tg6(), il6().float(), tl6()),
    'ctc float target_lengths': () => F.ctcLoss(lp6(), tg6(), il6(), tl6().float()),
  };

  it('every recorded PyTorch error has a call here', () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(FIXTURE.errors).sort());
  });
  for (const [id, message] of Object.entries(FIXTURE.errors)) {
    it(id, () => {
      expect(CALLS[id]).toBeDefined();
      let thrown: unknown = null;
      try {
        CALLS[id]!();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, `${id} did not throw`).toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe(message);
    });
  }

  it("a module's errors name it, as every module error does", () => {
    const ce = new nn.CrossEntropyLoss();
    expect(() => ce.forward(torch.randn(3, 5), long([1, 2, 3, 4]))).toThrow(
      'CrossEntropyLoss: Expected input batch_size (3) to match target batch_size (4).',
    );
  });

  it('unknown or doubled options are TypeErrors with PyTorch’s parameter names', () => {
    expect(() => new nn.CrossEntropyLoss({ label_smoothing: 0.1 } as never)).toThrow(
      "CrossEntropyLoss() got an unexpected keyword argument 'label_smoothing' (did you mean 'labelSmoothing'?)",
    );
    expect(() => new nn.HingeEmbeddingLoss(2, { margin: 3 })).toThrow("HingeEmbeddingLoss() got multiple values for argument 'margin'");
    expect(() => F.mseLoss(torch.rand(2), torch.rand(2), { ignoreIndex: 1 } as never)).toThrow("mseLoss() got an unexpected keyword argument 'ignoreIndex'");
  });
});

describe("the seed's printed examples (INVENTORY.md section 7)", () => {
  const seed = FIXTURE.seed;
  const close = (t: Tensor, printed: number, pytorch: number): void => {
    const v = t.item();
    expect(Math.abs(v - pytorch)).toBeLessThan(1e-6);
    expect(v.toFixed(4)).toBe(printed.toFixed(4));
  };

  it('KLDivLoss: -0.3335 (mean), -1.0006 (batchmean), -2.0012 (sum)', () => {
    const inputs = torch.tensor([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]]);
    const target = torch.tensor([[0.9, 0.05, 0.05], [0.1, 0.7, 0.2]]);
    close(new nn.KLDivLoss().forward(inputs, target), -0.3335, seed['KLDivLoss mean'] as number);
    expect(warnings).toContain(
      "UserWarning: reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.",
    );
    close(new nn.KLDivLoss({ reduction: 'batchmean' }).forward(inputs, target), -1.0006, seed['KLDivLoss batchmean'] as number);
    close(new nn.KLDivLoss({ reduction: 'sum' }).forward(inputs, target), -2.0012, seed['KLDivLoss sum'] as number);
  });

  it('MultiLabelMarginLoss: 0.4500', () => {
    const loss = new nn.MultiLabelMarginLoss();
    close(loss.forward(torch.tensor([[0.9, 0.2, 0.4, 0.8]]), torch.tensor([[3, 0, -1, 1]])), 0.45, seed.MultiLabelMarginLoss as number);
  });

  it('SoftMarginLoss: 0.6764', () => {
    const loss = new nn.SoftMarginLoss();
    close(loss.forward(torch.tensor([[0.3, 0.7], [0.5, 0.5]]), torch.tensor([[-1.0, 1.0], [1.0, -1.0]])), 0.6764, seed.SoftMarginLoss as number);
  });

  it('MultiMarginLoss: 0.6000', () => {
    const loss = new nn.MultiMarginLoss();
    close(loss.forward(torch.tensor([[0.3, 0.7], [0.5, 0.5]]), torch.tensor([0, 1], { dtype: 'int64' })), 0.6, seed.MultiMarginLoss as number);
  });

  it('HingeEmbeddingLoss: 0.7667 (int target)', () => {
    const loss = new nn.HingeEmbeddingLoss();
    close(loss.forward(torch.tensor([[1.0, 0.8, 0.5]]), torch.tensor([[1, 1, -1]])), 0.7667, seed.HingeEmbeddingLoss as number);
  });

  it('CosineEmbeddingLoss: 0.5000 with target [1, -1]; the seed’s (1, 2) target raises PyTorch’s error', () => {
    const a = torch.tensor([[0.3, 0.5, 0.7], [0.3, 0.5, 0.7]]);
    const b = torch.tensor([[0.1, 0.3, 0.5], [0.1, 0.3, 0.5]]);
    const loss = new nn.CosineEmbeddingLoss();
    close(loss.forward(a, b, torch.tensor([1, -1])), 0.5, seed.CosineEmbeddingLoss as number);
    expect(() => loss.forward(a, b, torch.tensor([[1, -1]], { dtype: 'float32' }))).toThrow(
      `CosineEmbeddingLoss: ${seed['CosineEmbeddingLoss (1,2) target error'] as string}`,
    );
  });

  it('SmoothL1Loss: [0.5, 1, 2] against 0 gives [0.1250, 0.5000, 1.5000]', () => {
    const out = new nn.SmoothL1Loss({ reduction: 'none' }).forward(torch.tensor([0.5, 1, 2]), torch.zeros(3));
    expect(out.tolist()).toEqual(seed['SmoothL1Loss none']);
    expect(String(out)).toBe('tensor([0.1250, 0.5000, 1.5000])');
  });

  it('the seed’s CTC example: padded and un-padded targets, a finite mean loss and gradient', () => {
    const [T, C, N, S, Smin] = [50, 20, 16, 30, 10];
    const input = torch.randn(T, N, C).logSoftmax(2).detach().requiresGrad_();
    const ctc = new nn.CTCLoss();
    const padded = ctc.forward(
      input,
      torch.randint(1, C, [N, S]),
      torch.full([N], T),
      torch.randint(Smin, S, [N]),
    );
    padded.backward();
    expect(Number.isFinite(padded.item())).toBe(true);
    expect(values(input.grad!).every(Number.isFinite)).toBe(true);
    const targetLengths = torch.randint(1, T, [N]);
    const total = values(targetLengths).reduce((a, b) => a + b, 0);
    const unpadded = F.ctcLoss(input, torch.randint(1, C, [total]), torch.full([N], T), targetLengths);
    expect(unpadded.shape).toEqual([]);
  });
});

describe('loss modules', () => {
  const NAMES = [
    'L1Loss', 'MSELoss', 'SmoothL1Loss', 'HuberLoss', 'PoissonNLLLoss', 'GaussianNLLLoss', 'KLDivLoss', 'BCELoss', 'BCEWithLogitsLoss', 'NLLLoss',
    'CrossEntropyLoss', 'MarginRankingLoss', 'HingeEmbeddingLoss', 'CosineEmbeddingLoss', 'SoftMarginLoss', 'MultiLabelSoftMarginLoss',
    'MultiLabelMarginLoss', 'MultiMarginLoss', 'TripletMarginLoss', 'CTCLoss',
  ];

  it("print as PyTorch's: the class name and empty parentheses", () => {
    for (const name of NAMES) expect(String(new modules[name]!())).toBe(`${name}()`);
    expect(String(new nn.CrossEntropyLoss({ weight: torch.ones(3), labelSmoothing: 0.1 }))).toBe('CrossEntropyLoss()');
    expect(String(new nn.Sequential(new nn.L1Loss()))).toBe('Sequential(\n  (0): L1Loss()\n)');
  });

  it('are _Loss / _WeightedLoss modules with reduction "mean" by default', () => {
    for (const name of NAMES) {
      const m = new modules[name]!() as unknown as nn._Loss;
      expect(m).toBeInstanceOf(nn._Loss);
      expect(m).toBeInstanceOf(nn.Module);
      expect(m.reduction).toBe('mean');
    }
    for (const name of ['BCELoss', 'NLLLoss', 'CrossEntropyLoss', 'MultiLabelSoftMarginLoss', 'MultiMarginLoss']) {
      expect(new modules[name]!()).toBeInstanceOf(nn._WeightedLoss);
    }
  });

  it('keep weight (and pos_weight) as buffers: in stateDict when set, moved by to()', () => {
    const w = torch.tensor([1, 2, 3], { dtype: 'float32' });
    const ce = new nn.CrossEntropyLoss(w);
    expect(Object.keys(ce.stateDict())).toEqual(['weight']);
    expect(ce.weight!.tolist()).toEqual([1, 2, 3]);
    expect(Object.keys(new nn.CrossEntropyLoss().stateDict())).toEqual([]);
    const bce = new nn.BCEWithLogitsLoss({ posWeight: torch.ones(3) });
    expect(Object.keys(bce.stateDict())).toEqual(['pos_weight']);
    bce.to('float64');
    expect(bce.posWeight!.dtype).toBe('float64');
    expect([...ce.parameters()]).toHaveLength(0);
  });

  it("take PyTorch's positional arguments, or the same as options", () => {
    const w = torch.ones(4);
    const ce = new nn.CrossEntropyLoss(w, null, 2, null, 'sum', 0.2);
    expect([ce.weight, ce.ignoreIndex, ce.reduction, ce.labelSmoothing]).toEqual([w, 2, 'sum', 0.2]);
    const mm = new nn.MultiMarginLoss(2, 0.5, null, { reduction: 'none' });
    expect([mm.p, mm.margin, mm.weight, mm.reduction]).toEqual([2, 0.5, null, 'none']);
    const ctc = new nn.CTCLoss(3, 'sum', true);
    expect([ctc.blank, ctc.reduction, ctc.zeroInfinity]).toEqual([3, 'sum', true]);
    expect(new nn.HingeEmbeddingLoss(2).margin).toBe(2);
    expect(new nn.HuberLoss('sum', 2).delta).toBe(2);
    expect(new nn.SmoothL1Loss({ beta: 0.5 }).beta).toBe(0.5);
    const t = new nn.TripletMarginLoss(0.5, 1, 1e-3, true);
    expect([t.margin, t.p, t.eps, t.swap]).toEqual([0.5, 1, 1e-3, true]);
    expect(new nn.PoissonNLLLoss(false, true).logInput).toBe(false);
    expect(new nn.KLDivLoss({ reduction: 'batchmean', logTarget: true }).logTarget).toBe(true);
    expect(new nn.GaussianNLLLoss({ full: true, eps: 0.1 }).eps).toBe(0.1);
    // positional arguments to the functional forms too: weight, size_average, ignore_index, …
    const x = torch.randn(4, 3);
    const y = torch.tensor([0, 1, 2, 1], { dtype: 'int64' });
    expect(F.crossEntropy(x, y, null, null, 1).item()).toBeCloseTo(F.crossEntropy(x, y, { ignoreIndex: 1 }).item(), 6);
  });

  it('map the legacy sizeAverage / reduce to a reduction, with the deprecation warning', () => {
    expect(new nn.MSELoss({ sizeAverage: false }).reduction).toBe('sum');
    expect(warnings).toContain("UserWarning: size_average and reduce args will be deprecated, please use reduction='sum' instead.");
    expect(new nn.MSELoss(null, false).reduction).toBe('none');
    expect(new nn.CrossEntropyLoss({ sizeAverage: true, reduce: true }).reduction).toBe('mean');
    const x = torch.randn(3);
    const y = torch.randn(3);
    expect(F.l1Loss(x, y, { reduce: false }).shape).toEqual([3]);
  });

  it('warn when a target size differs from the input size (and broadcast)', () => {
    const out = F.mseLoss(torch.zeros(3, 1), torch.ones(3), { reduction: 'none' });
    expect(out.shape).toEqual([3, 3]);
    expect(warnings).toContain(
      'UserWarning: Using a target size (torch.Size([3])) that is different to the input size (torch.Size([3, 1])). ' +
        'This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.',
    );
  });

  it('saturated BCE inputs (0 and 1) give the clamped −100 log and PyTorch\'s finite ±1e12 gradient', () => {
    // binary_cross_entropy_backward: (x − y) / max(x(1 − x), 1e-12), so ∓1e12 where the log saturates.
    const x = torch.tensor([0, 1, 0.5]).requiresGrad_();
    const loss = F.binaryCrossEntropy(x, torch.tensor([1, 0, 1]), { reduction: 'sum' });
    expect(loss.item()).toBeCloseTo(200 + Math.LN2, 4);
    expect(loss.gradFn!.name).toBe('BinaryCrossEntropyBackward0');
    loss.backward();
    const [a, b, c] = values(x.grad!);
    expect(a! / -1e12).toBeCloseTo(1, 6);
    expect(b! / 1e12).toBeCloseTo(1, 6);
    expect(c).toBe(-2);
  });

  it('CTC: an alignment that cannot fit is inf (0 with zeroInfinity) and passes no NaN into the gradient', () => {
    const lp = torch.randn(4, 2, 3).logSoftmax(2).detach().requiresGrad_();
    const targets = torch.tensor([[1, 1, 2], [1, 2, 2]], { dtype: 'int64' });
    const inf = F.ctcLoss(lp, targets, [4, 2], [3, 3], { reduction: 'none' });
    expect(inf.tolist()).toEqual([expect.any(Number), Infinity]);
    const zeroed = F.ctcLoss(lp, targets, [4, 2], [3, 3], { reduction: 'sum', zeroInfinity: true });
    zeroed.backward();
    expect(values(lp.grad!).every(Number.isFinite)).toBe(true);
    expect(values(lp.grad!.select(1, 1)).every((v) => v === 0)).toBe(true);
  });

  it('train a classifier: CrossEntropyLoss decreases under plain gradient steps', () => {
    torch.manualSeed(0);
    const x = torch.randn(32, 4);
    const y = x.argmax(1);
    const w = torch.zeros(4, 4).requiresGrad_();
    const ce = new nn.CrossEntropyLoss();
    const first = ce.forward(x.matmul(w), y);
    let last = first;
    for (let i = 0; i < 20; i++) {
      const loss = ce.forward(x.matmul(w), y);
      loss.backward();
      w.data.sub_(w.grad!.mul(0.5));
      w.grad = null;
      last = loss;
    }
    expect(first.item()).toBeCloseTo(Math.log(4), 5);
    expect(last.item()).toBeLessThan(first.item() * 0.6);
  });
});
