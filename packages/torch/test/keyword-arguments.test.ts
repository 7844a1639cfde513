/**
 * Keyword arguments (issue 12): every parameter PyTorch accepts by keyword is accepted in the one
 * trailing options object, in each package, with the values PyTorch gives for the same keyword call
 * (fixtures/keyword-arguments.json, from tools/gen_keyword_fixtures.py), and PyTorch's wording
 * for argument mistakes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/torch';

const { nn, optim } = torch;
const F = nn.functional;
const { lrScheduler } = optim;
const { DataLoader } = torch.utils.data;

interface Encoded {
  shape: number[];
  dtype: torch.DType;
  data: number[];
}
const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/keyword-arguments.json', import.meta.url), 'utf8')) as Record<string, Encoded> & {
  backward_retain_graph: { input: Encoded; grad: Encoded };
  randint_low_high_size: { shape: number[]; dtype: torch.DType };
  nn: Record<string, string> & { leaky_relu: Encoded; cross_entropy: Encoded };
  optim: { sgd_trajectory: number[][]; cosine_lrs: number[] };
  data: { batches: number[][] };
  errors: Record<string, string>;
};

const decode = (e: Encoded): torch.Tensor => torch.tensor(e.data, { dtype: e.dtype }).reshape(e.shape);

/** Same shape, dtype and (close) values as PyTorch's. */
function expectPyTorch(t: torch.Tensor, e: Encoded): void {
  expect([...t.shape]).toEqual(e.shape);
  expect(t.dtype).toBe(e.dtype);
  const got = Array.from(t.reshape(-1).tolist() as number[], Number);
  got.forEach((v, i) => expect(v).toBeCloseTo(e.data[i]!, 5));
}

const x = (): torch.Tensor => decode(FIXTURE.x);

describe("issue 12's calls, each by keyword as PyTorch takes it", () => {
  it('z.backward({ retainGraph: true }) with no gradient', () => {
    const w = decode(FIXTURE.backward_retain_graph.input).requiresGrad_();
    const z = w.mul(w).sum();
    z.backward({ retainGraph: true });
    z.backward(); // the retained graph runs again: the gradient accumulates
    expectPyTorch(w.grad!, FIXTURE.backward_retain_graph.grad);
  });
  it('torch.cat([x, x], { dim: 1 })', () => expectPyTorch(torch.cat([x(), x()], { dim: 1 }), FIXTURE.cat_dim));
  it('x.softmax({ dim: 1 }), logSoftmax, stack, unsqueeze, cumsum, transpose', () => {
    expectPyTorch(x().softmax({ dim: 1 }), FIXTURE.softmax_dim);
    expectPyTorch(x().logSoftmax({ dim: 1 }), FIXTURE.log_softmax_dim);
    expectPyTorch(torch.stack([x(), x()], { dim: 1 }), FIXTURE.stack_dim);
    expectPyTorch(x().unsqueeze({ dim: 1 }), FIXTURE.unsqueeze_dim);
    expectPyTorch(x().cumsum({ dim: 1 }), FIXTURE.cumsum_dim);
    expectPyTorch(x().transpose({ dim0: 0, dim1: 1 }), FIXTURE.transpose_dims);
  });
  it('x.squeeze({ dim: 0 })', () => expectPyTorch(torch.ones(1, 3).squeeze({ dim: 0 }), FIXTURE.squeeze_dim));
  it('torch.linspace(0, 1, { steps: 3 }) and torch.arange({ start, end })', () => {
    expectPyTorch(torch.linspace(0, 1, { steps: 3 }), FIXTURE.linspace_steps);
    expectPyTorch(torch.arange({ start: 1, end: 4 }), FIXTURE.arange_start_end);
  });
  it('torch.zeros({ size: [2] }) is a tensor of size [2], not a scalar', () => expectPyTorch(torch.zeros({ size: [2] }), FIXTURE.zeros_size));
  it('torch.randint({ low: 0, high: 10, size: [3] }) and torch.full({ size: [2], fillValue: 1 })', () => {
    const r = torch.randint({ low: 0, high: 10, size: [3] });
    expect([...r.shape]).toEqual(FIXTURE.randint_low_high_size.shape);
    expect(r.dtype).toBe(FIXTURE.randint_low_high_size.dtype);
    expect((r.tolist() as number[]).every((v) => v >= 0 && v < 10)).toBe(true);
    expectPyTorch(torch.full({ size: [2], fillValue: 1 }), FIXTURE.full_size_fill_value);
  });
});

describe('a representative of each package', () => {
  it('nn: module constructors and functionals by keyword', () => {
    torch.manualSeed(0);
    expect(String(new nn.Conv2d({ inChannels: 1, outChannels: 2, kernelSize: 3, padding: 1, bias: false }))).toBe(FIXTURE.nn.conv_repr);
    expect(String(new nn.Linear({ inFeatures: 3, outFeatures: 2, bias: false }))).toBe(FIXTURE.nn.linear_repr);
    expect(String(new nn.Dropout({ p: 0.3 }))).toBe(FIXTURE.nn.dropout_repr);
    expect(String(new nn.CrossEntropyLoss({ reduction: 'sum', labelSmoothing: 0.1 }))).toBe(FIXTURE.nn.cross_entropy_repr);
    expectPyTorch(F.leakyRelu(x().sub(2), { negativeSlope: 0.2 }), FIXTURE.nn.leaky_relu);
    expectPyTorch(F.crossEntropy(x(), torch.tensor([0, 2]), { reduction: 'sum', labelSmoothing: 0.1 }), FIXTURE.nn.cross_entropy);
    const allByKeyword = F.crossEntropy as unknown as (options: object) => torch.Tensor;
    expectPyTorch(allByKeyword({ input: x(), target: torch.tensor([0, 2]), reduction: 'sum', labelSmoothing: 0.1 }), FIXTURE.nn.cross_entropy);
  });
  it('optim: an optimizer and a scheduler by keyword follow PyTorch step for step', () => {
    const p = torch.tensor([1, -2, 3], { dtype: 'float32', requiresGrad: true });
    const sgd = new optim.SGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true });
    const sched = new lrScheduler.CosineAnnealingLR(sgd, { TMax: 10, etaMin: 0.001 });
    const scale = torch.tensor([1, 2, 3], { dtype: 'float32' });
    FIXTURE.optim.sgd_trajectory.forEach((expected, i) => {
      sgd.zeroGrad();
      p.mul(p).mul(scale).sum().backward();
      sgd.step();
      sched.step();
      (p.tolist() as number[]).forEach((v, j) => expect(v).toBeCloseTo(expected[j]!, 5));
      expect(sched.getLastLr()[0]).toBeCloseTo(FIXTURE.optim.cosine_lrs[i]!, 10);
    });
  });
  it("optim: a scheduler refuses PyTorch's snake_case keyword and names the camelCase one", () => {
    const sgd = new optim.SGD([torch.zeros(1, { requiresGrad: true })], { lr: 0.1 });
    expect(() => new lrScheduler.CosineAnnealingLR(sgd, { T_max: 10 } as never)).toThrow(
      "CosineAnnealingLR() got an unexpected keyword argument 'T_max' (did you mean 'TMax'?)",
    );
  });
  it('data: the DataLoader by keyword', () => {
    const loader = new DataLoader([...Array(10).keys()], { batchSize: 4, dropLast: true });
    expect([...loader].map((b) => (b as torch.Tensor).tolist())).toEqual(FIXTURE.data.batches);
  });
});

describe("argument mistakes in PyTorch's words (with @x's one spelling of each name)", () => {
  const E = FIXTURE.errors;
  it('a wrong type names the function and the parameter (and its position when positional)', () => {
    expect(() => torch.unsqueeze(x(), { dim: 1.5 })).toThrow(E.unsqueeze_dim_float!);
    expect(() => torch.unsqueeze(x(), 'a' as never)).toThrow(E.unsqueeze_dim_str_positional!);
    expect(() => torch.cat([x(), x()], 'a' as never)).toThrow("cat(): argument 'dim' (position 2) must be int, not str");
  });
  it('too many positional arguments', () => {
    expect(() => (torch.softmax as unknown as (...a: unknown[]) => unknown)(x(), 1, null, 3)).toThrow(E.softmax_too_many!);
  });
  it('missing, unexpected and doubled arguments (constructors named as they are called: Linear(), not Linear.__init__())', () => {
    expect(E.linear_missing).toBe("Linear.__init__() missing 1 required positional argument: 'out_features'");
    expect(() => new (nn.Linear as unknown as new (...a: unknown[]) => unknown)(3)).toThrow("Linear() missing 1 required positional argument: 'outFeatures'");
    expect(E.sgd_unexpected).toBe("SGD.__init__() got an unexpected keyword argument 'weightDecay'");
    expect(() => new optim.SGD([torch.zeros(1)], { lr: 0.1, weight_decay: 0.1 } as never)).toThrow(
      "SGD() got an unexpected keyword argument 'weight_decay' (did you mean 'weightDecay'?)",
    );
    expect(E.scheduler_multiple).toBe("StepLR.__init__() got multiple values for argument 'step_size'");
    const sgd = new optim.SGD([torch.zeros(1, { requiresGrad: true })], { lr: 0.1 });
    expect(() => new lrScheduler.StepLR(sgd, 2, { stepSize: 3 } as never)).toThrow("StepLR() got multiple values for argument 'stepSize'");
  });
  it('x.sum with an unknown keyword: PyTorch lists its overloads; @x has one signature, and suggests the name', () => {
    expect(E.sum_unexpected_keyword).toMatch(/^sum\(\) received an invalid combination of arguments - got \(keep_dim=bool, \)/);
    expect(() => x().sum({ keep_dim: true } as never)).toThrow("sum() got an unexpected keyword argument 'keep_dim' (did you mean 'keepdim'?)");
  });
});
