/**
 * nn.RNN / LSTM / GRU and the cells against real PyTorch 1.13 (tools/gen_rnn_fixtures.py →
 * fixtures/rnn.json): the same weights loaded into both, then outputs, final states, and the
 * gradients of input, initial state and every parameter; PyTorch's printed forms and error texts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as torch from '@x/tensor';
import '@x/autograd';
import { decodeTensor, decodeValues, valuesMismatch, type FixtureTensor as Enc } from '@x/tensor/testing';
import { GRU, GRUCell, LSTM, LSTMCell, Module, RNN, RNNCell, Sequential } from '../src/index';

interface Case {
  name: string;
  module: string;
  args: unknown[];
  options: Record<string, unknown>;
  dtype: torch.DType;
  repr: string;
  params: [string, Enc][];
  input: Enc;
  hx: Enc[] | null;
  outs: Enc[];
  upstream: Enc[];
  grads: { input: Enc; hx: Enc[] | null; params: Record<string, Enc> };
}
interface ErrorCase {
  name: string;
  module: string;
  args: unknown[];
  options: Record<string, unknown>;
  input: number[];
  hx: number[][] | null;
  dtype: torch.DType;
  message: string;
}
interface Fixture {
  cases: Case[];
  errors: ErrorCase[];
  ctorErrors: Omit<ErrorCase, 'input' | 'hx' | 'dtype'>[];
  reprs: { module: string; args: unknown[]; options: Record<string, unknown>; repr: string }[];
}

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/rnn.json', import.meta.url), 'utf8')) as Fixture;

const CLASSES: Record<string, unknown> = { RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell };

function build(module: string, args: unknown[], options: Record<string, unknown>): Module {
  const Cls = CLASSES[module]! as unknown as new (...args: unknown[]) => Module;
  return Object.keys(options).length > 0 ? new Cls(...args, options) : new Cls(...args);
}

function expectClose(actual: torch.Tensor | null | undefined, expected: Enc, what: string): void {
  expect(actual, what).toBeTruthy();
  expect(actual!.shape, `${what} shape`).toEqual(expected.shape);
  expect(actual!.dtype, `${what} dtype`).toBe(expected.dtype);
  const tol = expected.dtype === 'float64' ? 1e-10 : 2e-5;
  expect(valuesMismatch(actual!.contiguous().numpy() as ArrayLike<number>, decodeValues(expected.data), { rtol: tol, atol: tol }), what).toBeNull();
}

/** The forward's tensors flattened as the generator did: output, h_n[, c_n] or h[, c]. */
function flatOuts(result: unknown): torch.Tensor[] {
  const out: torch.Tensor[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof torch.Tensor) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(result);
  return out;
}

function runCase(c: Case): { m: Module; input: torch.Tensor; hx: torch.Tensor[] | null; outs: torch.Tensor[] } {
  const m = build(c.module, c.args, c.options).to(c.dtype);
  m.loadStateDict(Object.fromEntries(c.params.map(([n, t]) => [n, decodeTensor(t)])));
  m.eval();
  const input = decodeTensor(c.input).requiresGrad_();
  const hx = c.hx ? c.hx.map((h) => decodeTensor(h).requiresGrad_()) : null;
  const fwd = m.forward as (...a: unknown[]) => unknown;
  const result = hx === null ? fwd(input) : c.module.startsWith('LSTM') ? fwd(input, [hx[0], hx[1]]) : fwd(input, hx[0]);
  const outs = flatOuts(result);
  let loss: torch.Tensor | null = null;
  outs.forEach((o, i) => {
    const term = o.mul(decodeTensor(c.upstream[i]!)).sum();
    loss = loss ? loss.add(term) : term;
  });
  loss!.backward();
  return { m, input, hx, outs };
}

describe('RNN, LSTM, GRU and cells match PyTorch 1.13 (fixtures/rnn.json)', () => {
  it.each(FIXTURE.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { m, input, hx, outs } = runCase(c);
    expect(String(m)).toBe(c.repr);
    expect([...m.namedParameters()].map(([n, p]) => [n, p.shape])).toEqual(c.params.map(([n, t]) => [n, t.shape]));
    expect(Object.keys(m.stateDict())).toEqual(c.params.map(([n]) => n));
    expect(outs.length).toBe(c.outs.length);
    c.outs.forEach((e, i) => expectClose(outs[i], e, `out ${i}`));
    expectClose(input.grad, c.grads.input, 'input.grad');
    c.grads.hx?.forEach((e, i) => expectClose(hx![i]!.grad, e, `hx[${i}].grad`));
    const params = new Map(m.namedParameters());
    for (const [n, e] of Object.entries(c.grads.params)) expectClose(params.get(n)!.grad, e, `${n}.grad`);
  });
});

describe('printing', () => {
  it.each(FIXTURE.reprs.map((r) => [r.repr, r] as const))('%s', (repr, r) => {
    expect(String(build(r.module, r.args, r.options))).toBe(repr);
  });

  it('prints inside a container as PyTorch', () => {
    const net = new Sequential(new LSTM(10, 20, { numLayers: 2, batchFirst: true }), new GRUCell(3, 4));
    expect(String(net)).toBe('Sequential(\n  (0): LSTM(10, 20, num_layers=2, batch_first=True)\n  (1): GRUCell(3, 4)\n)');
  });
});

describe('errors in PyTorch words', () => {
  it.each(FIXTURE.errors.map((e) => [e.name, e] as const))('%s', (_name, e) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const m = build(e.module, e.args, e.options);
    const x = torch.randn(e.input, { dtype: e.dtype });
    const fwd = m.forward as (...a: unknown[]) => unknown;
    const hx = e.hx?.map((s) => torch.randn(s));
    const call = (): unknown => (hx === undefined ? fwd(x) : e.module.startsWith('LSTM') ? fwd(x, [hx[0], hx[1]]) : fwd(x, hx[0]));
    expect(call).toThrow(e.message);
  });

  it.each(FIXTURE.ctorErrors.map((e) => [e.name, e] as const))('constructor: %s', (_name, e) => {
    expect(() => build(e.module, e.args, e.options)).toThrow(e.message);
  });

  it('names the module path and the module', () => {
    const net = new Sequential(new LSTM(10, 20));
    expect(() => net.forward(torch.randn(5, 3, 7))).toThrow('0 (LSTM): input.size(-1) must be equal to input_size. Expected 10, got 7');
  });

  it('rejects unknown and duplicated arguments', () => {
    expect(() => new LSTM(10, 20, { batch_first: true } as never)).toThrow("LSTM() got an unexpected keyword argument 'batch_first' (did you mean 'batchFirst'?)");
    expect(() => new LSTM(10, 20, 2, { numLayers: 3 })).toThrow("LSTM() got multiple values for argument 'numLayers'");
    expect(() => new GRU(10 as never)).toThrow("GRU() missing 1 required positional argument: 'hiddenSize'");
    expect(() => new RNNCell(10, 20, true, 'gelu' as never)).toThrow('Unknown nonlinearity: gelu');
  });

  it('warns, as PyTorch, when dropout is set on a single layer', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    new LSTM(10, 20, { dropout: 0.375 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('non-zero dropout expects num_layers greater than 1, but got dropout=0.375 and num_layers=1'));
    warn.mockRestore();
  });
});

describe('constructor', () => {
  it('takes PyTorch positional order or options, in any mix', () => {
    const a = new LSTM(10, 20, 2, false, true, 0.25, true, 5);
    expect([a.inputSize, a.hiddenSize, a.numLayers, a.bias, a.batchFirst, a.dropout, a.bidirectional, a.projSize]).toEqual([10, 20, 2, false, true, 0.25, true, 5]);
    const b = new LSTM({ inputSize: 10, hiddenSize: 20, numLayers: 2, bidirectional: true });
    expect(String(b)).toBe('LSTM(10, 20, num_layers=2, bidirectional=True)');
    // PyTorch 2's order (nonlinearity 4th) and 1.13's (bias 4th, nonlinearity by keyword) both work.
    expect(new RNN(10, 20, 2, 'relu', false).nonlinearity).toBe('relu');
    const old = new RNN(10, 20, 2, false as never, true as never);
    expect([old.nonlinearity, old.bias, old.batchFirst]).toEqual(['tanh', false, true]);
    expect(new RNNCell(4, 3, false, 'relu').extraRepr()).toBe('4, 3, bias=False, nonlinearity=relu');
  });

  it("names, shapes and orders parameters as PyTorch (stateDict keys match)", () => {
    const lstm = new LSTM(10, 20, { numLayers: 2, bidirectional: true, projSize: 5 });
    expect([...lstm.namedParameters()].map(([n, p]) => `${n}:${p.shape.join('x')}`)).toEqual([
      'weight_ih_l0:80x10', 'weight_hh_l0:80x5', 'bias_ih_l0:80', 'bias_hh_l0:80', 'weight_hr_l0:5x20',
      'weight_ih_l0_reverse:80x10', 'weight_hh_l0_reverse:80x5', 'bias_ih_l0_reverse:80', 'bias_hh_l0_reverse:80', 'weight_hr_l0_reverse:5x20',
      'weight_ih_l1:80x10', 'weight_hh_l1:80x5', 'bias_ih_l1:80', 'bias_hh_l1:80', 'weight_hr_l1:5x20',
      'weight_ih_l1_reverse:80x10', 'weight_hh_l1_reverse:80x5', 'bias_ih_l1_reverse:80', 'bias_hh_l1_reverse:80', 'weight_hr_l1_reverse:5x20',
    ]);
    expect(lstm.allWeights.length).toBe(4);
    expect(lstm.allWeights[0]![0]).toBe(lstm.weight_ih_l0);
    const cell = new GRUCell(3, 4, false);
    expect([...cell.namedParameters()].map(([n]) => n)).toEqual(['weight_ih', 'weight_hh']);
    expect(cell.bias_ih).toBeNull();
    const rnn = new RNN(3, 4, { dtype: 'float64' });
    expect(rnn.weight_hh_l0.dtype).toBe('float64');
    expect(rnn.weight_hh_l0.requiresGrad).toBe(true);
  });

  it('initialises every parameter from U(-1/sqrt(hidden), 1/sqrt(hidden))', () => {
    torch.manualSeed(0);
    const hidden = 64;
    const bound = 1 / Math.sqrt(hidden);
    for (const m of [new LSTM(32, hidden, 2), new GRU(32, hidden), new RNN(32, hidden), new LSTMCell(32, hidden), new GRUCell(32, hidden), new RNNCell(32, hidden)]) {
      const flat = torch.cat([...m.parameters()].map((p) => p.detach().reshape(-1)));
      expect(flat.min().item()).toBeGreaterThanOrEqual(-bound);
      expect(flat.max().item()).toBeLessThanOrEqual(bound);
      expect(Math.abs(flat.mean().item())).toBeLessThan(0.05 * bound);
      // Var of U(-b, b) is b²/3.
      expect(flat.var().item() / (bound * bound / 3)).toBeCloseTo(1, 1);
      expect(flat.min().item()).toBeLessThan(-0.95 * bound);
    }
  });
});

describe('behaviour', () => {
  it('runs the sequence chapter LSTM forward and backward', () => {
    const lstm = new LSTM(10, 20, 2, { batchFirst: true });
    const x = torch.randn(3, 5, 10);
    const [output, [hn, cn]] = lstm.forward(x);
    expect(output.shape).toEqual([3, 5, 20]);
    expect(hn.shape).toEqual([2, 3, 20]);
    expect(cn.shape).toEqual([2, 3, 20]);
    // The last time step of the output is the top layer's h_n.
    expect(output.select(1, 4).allclose(hn.select(0, 1))).toBe(true);
    output.sum().backward();
    for (const [n, p] of lstm.namedParameters()) expect(p.grad?.shape, n).toEqual(p.shape);
  });

  it('the reverse direction ends at t = 0', () => {
    const gru = new GRU(4, 3, { bidirectional: true });
    const [output, hn] = gru.forward(torch.randn(6, 2, 4));
    expect(output.shape).toEqual([6, 2, 6]);
    expect(output.select(0, 5).narrow(1, 0, 3).allclose(hn.select(0, 0))).toBe(true);
    expect(output.select(0, 0).narrow(1, 3, 3).allclose(hn.select(0, 1))).toBe(true);
  });

  it('cells step the same recurrence as the layers', () => {
    const lstm = new LSTM(4, 3, { dtype: 'float64' });
    const cell = new LSTMCell(4, 3, { dtype: 'float64' });
    cell.loadStateDict({ weight_ih: lstm.weight_ih_l0, weight_hh: lstm.weight_hh_l0, bias_ih: lstm.bias_ih_l0, bias_hh: lstm.bias_hh_l0 });
    const x = torch.randn(5, 2, 4, { dtype: 'float64' });
    const [output] = lstm.forward(x);
    let hc: [torch.Tensor, torch.Tensor] | undefined;
    for (let t = 0; t < 5; t++) {
      hc = cell.forward(x.select(0, t), hc);
      expect(hc[0].allclose(output.select(0, t))).toBe(true);
    }
  });

  it('applies dropout between layers in training only', () => {
    torch.manualSeed(1);
    const lstm = new LSTM(4, 3, 2, { dropout: 1 });
    const top = new LSTM(3, 3);
    top.loadStateDict({ weight_ih_l0: lstm.allWeights[1]![0]!, weight_hh_l0: lstm.allWeights[1]![1]!, bias_ih_l0: lstm.allWeights[1]![2]!, bias_hh_l0: lstm.allWeights[1]![3]! });
    const x = torch.randn(5, 2, 4);
    // p = 1 zeroes the first layer's output: the second layer sees only zeros.
    const [train] = lstm.forward(x);
    const [onZeros] = top.forward(torch.zeros(5, 2, 3));
    expect(train.allclose(onZeros)).toBe(true);
    lstm.eval();
    const [evalOut] = lstm.forward(x);
    expect(evalOut.allclose(onZeros)).toBe(false);
    const [evalAgain] = lstm.forward(x);
    expect(evalAgain.equal(evalOut)).toBe(true);

    const half = new GRU(4, 3, 3, { dropout: 0.5 });
    const [a] = half.forward(x);
    const [b] = half.forward(x);
    expect(a.equal(b)).toBe(false);
    half.eval();
    expect(half.forward(x)[0].equal(half.forward(x)[0])).toBe(true);
  });

  it('moves with Module.to and keeps computing in the new dtype', () => {
    const gru = new GRU(4, 3).double();
    const [out, hn] = gru.forward(torch.randn(2, 1, 4, { dtype: 'float64' }));
    expect(out.dtype).toBe('float64');
    expect(hn.dtype).toBe('float64');
  });
});
