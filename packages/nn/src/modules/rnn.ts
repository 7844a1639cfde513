/**
 * Recurrent layers: nn.RNN (tanh / relu), nn.LSTM, nn.GRU and their single-step cells, as PyTorch 1.13
 * defines them: the same constructor, parameter names, shapes and order (`weight_ih_l0`,
 * `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, `weight_hr_l0` with `proj_size`, `…_reverse`), the same
 * init, gate order (LSTM i, f, g, o; GRU r, z, n), inter-layer dropout, printed form and error texts.
 *
 * Composed from @x/tensor ops, so autograd records them: each layer and direction projects the whole
 * sequence's inputs with one matmul, then runs the recurrence step by step. The cells and the
 * multi-layer modules share one definition of each step.
 */
import { Tensor, cat, empty, stack, zeros, signature } from '@x/tensor';
import type { Args } from '@x/tensor';
import { dropout as functionalDropout } from '../functional/dropout';
import { warnOnce } from '../functional/warn';
import * as init from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { factoryKwargs, type FactoryOptions } from './factory';
import { pyBool, pyFloat } from './pyrepr';

function checkSize(cls: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new TypeError(`${cls}(): ${name} must be a non-negative integer, got ${String(v)}`);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// One definition of each recurrence step, shared by the cells and the multi-layer modules.

type Activation = 'tanh' | 'relu';

/**
 * x W_ih^T + b_ih (+ b_hh): the input half of every gate, for many time steps at once. The hidden
 * bias is folded in here where the cell adds it unchanged (RNN, LSTM); GRU scales part of it by r.
 */
function projectInput(x: Tensor, wIh: Tensor, bIh: Tensor | null, foldedBHh: Tensor | null): Tensor {
  const lead = x.shape.slice(0, -1);
  let gi = x.reshape(-1, x.shape[x.ndim - 1]!).matmul(wIh.t());
  if (bIh) gi = gi.add(foldedBHh ? bIh.add(foldedBHh) : bIh);
  else if (foldedBHh) gi = gi.add(foldedBHh);
  return lead.length === 1 ? gi : gi.reshape(...lead, wIh.shape[0]!);
}

/** Elman step: h' = act(gi + h W_hh^T). */
function rnnStep(gi: Tensor, h: Tensor, wHhT: Tensor, act: Activation): Tensor {
  const pre = gi.add(h.matmul(wHhT));
  return act === 'tanh' ? pre.tanh() : pre.relu();
}

/** LSTM step with PyTorch's gate order i, f, g, o; the optional projection maps h to proj_size. */
function lstmStep(gi: Tensor, h: Tensor, c: Tensor, wHhT: Tensor, wHrT: Tensor | null): [Tensor, Tensor] {
  const [i, f, g, o] = gi.add(h.matmul(wHhT)).chunk(4, 1) as [Tensor, Tensor, Tensor, Tensor];
  const cNext = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
  const hNext = o.sigmoid().mul(cNext.tanh());
  return [wHrT ? hNext.matmul(wHrT) : hNext, cNext];
}

/** GRU step, gate order r, z, n; as PyTorch, r multiplies (h W_hn^T + b_hn), bias included. */
function gruStep(gi: Tensor, h: Tensor, wHhT: Tensor, bHh: Tensor | null): Tensor {
  let gh = h.matmul(wHhT);
  if (bHh) gh = gh.add(bHh);
  const [ir, iz, inn] = gi.chunk(3, 1) as [Tensor, Tensor, Tensor];
  const [hr, hz, hn] = gh.chunk(3, 1) as [Tensor, Tensor, Tensor];
  const r = ir.add(hr).sigmoid();
  const z = iz.add(hz).sigmoid();
  const n = inn.add(r.mul(hn)).tanh();
  // (1 - z) * n + z * h
  return n.add(z.mul(h.sub(n)));
}

/** PyTorch's mm dtype check, raised before any arithmetic mixes dtypes silently. */
function checkSameDType(a: Tensor, weight: Tensor): void {
  if (a.dtype !== weight.dtype) throw new Error('mat1 and mat2 must have the same dtype');
}

// ---------------------------------------------------------------------------------------------
// RNNBase: nn.RNN, nn.LSTM, nn.GRU.

export type RNNMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

export interface RNNBaseOptions extends FactoryOptions {
  inputSize?: number;
  hiddenSize?: number;
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
}

interface LayerWeights {
  wIh: Parameter;
  wHh: Parameter;
  bIh: Parameter | null;
  bHh: Parameter | null;
  wHr: Parameter | null;
}

/**
 * The shared machinery of nn.RNN, nn.LSTM and nn.GRU (PyTorch's RNNBase): parameters
 * `weight_ih_l{k}[_reverse]`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` (and `weight_hr_l{k}`
 * for an LSTM with projSize), initialised from U(-1/√hidden_size, 1/√hidden_size).
 */
export abstract class RNNBase extends Module {
  readonly mode: RNNMode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly projSize: number;

  // The first layer's parameters, typed for convenience; the others are reached by name.
  declare weight_ih_l0: Parameter;
  declare weight_hh_l0: Parameter;
  declare bias_ih_l0: Parameter;
  declare bias_hh_l0: Parameter;

  /** The parameter names per layer and direction, in PyTorch's order (its `_all_weights`). */
  private readonly weightNames: string[][];

  protected constructor(mode: RNNMode, cls: string, o: Record<string, unknown>) {
    super();
    const inputSize = checkSize(cls, 'inputSize', o.inputSize);
    const hiddenSize = checkSize(cls, 'hiddenSize', o.hiddenSize);
    const numLayers = checkSize(cls, 'numLayers', o.numLayers ?? 1);
    if (numLayers < 1) throw new RangeError(`${cls}(): numLayers must be at least 1, got ${numLayers}`);
    const dropout = o.dropout ?? 0;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
      throw new RangeError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
    }
    const projSize = o.projSize ?? 0;
    if (typeof projSize !== 'number' || !Number.isInteger(projSize)) throw new TypeError(`${cls}(): projSize must be an integer, got ${String(projSize)}`);
    if (projSize < 0) throw new RangeError('proj_size should be a positive integer or zero to disable projections');
    if (projSize >= hiddenSize && projSize !== 0) throw new RangeError('proj_size has to be smaller than hidden_size');
    if (dropout > 0 && numLayers === 1) {
      warnOnce(
        'dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects ' +
          `num_layers greater than 1, but got dropout=${dropout} and num_layers=${numLayers}`,
      );
    }
    this.mode = mode;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.bias = (o.bias ?? true) as boolean;
    this.batchFirst = (o.batchFirst ?? false) as boolean;
    this.dropout = dropout;
    this.bidirectional = (o.bidirectional ?? false) as boolean;
    this.projSize = projSize;

    const gateSize = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 }[mode] * hiddenSize;
    const factory = factoryKwargs(o as FactoryOptions);
    const directions = this.bidirectional ? 2 : 1;
    const realHidden = projSize > 0 ? projSize : hiddenSize;
    this.weightNames = [];
    for (let layer = 0; layer < numLayers; layer++) {
      for (let dir = 0; dir < directions; dir++) {
        const layerInput = layer === 0 ? inputSize : realHidden * directions;
        const suffix = `_l${layer}${dir === 1 ? '_reverse' : ''}`;
        const shapes: [string, number[]][] = [
          [`weight_ih${suffix}`, [gateSize, layerInput]],
          [`weight_hh${suffix}`, [gateSize, realHidden]],
        ];
        if (this.bias) shapes.push([`bias_ih${suffix}`, [gateSize]], [`bias_hh${suffix}`, [gateSize]]);
        if (projSize > 0) shapes.push([`weight_hr${suffix}`, [projSize, hiddenSize]]);
        for (const [name, shape] of shapes) this.registerParameter(name, new Parameter(empty(shape, factory)));
        this.weightNames.push(shapes.map(([name]) => name));
      }
    }
    this.resetParameters();
  }

  /** PyTorch's init: every weight and bias from U(-1/√hidden_size, 1/√hidden_size). */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const p of this.parameters()) init.uniform_(p, -stdv, stdv);
  }

  /** No-op kept for PyTorch compatibility (it compacts cuDNN weights there). */
  flattenParameters(): void {}

  /** The parameters per layer and direction (PyTorch's `all_weights`). */
  get allWeights(): Parameter[][] {
    return this.weightNames.map((names) => names.map((n) => this.param(n)!));
  }

  private param(name: string): Parameter | null {
    const v = (this as unknown as Record<string, unknown>)[name];
    return v instanceof Parameter ? v : null;
  }

  private layerWeights(layer: number, dir: number): LayerWeights {
    const suffix = `_l${layer}${dir === 1 ? '_reverse' : ''}`;
    return {
      wIh: this.param(`weight_ih${suffix}`)!,
      wHh: this.param(`weight_hh${suffix}`)!,
      bIh: this.param(`bias_ih${suffix}`),
      bHh: this.param(`bias_hh${suffix}`),
      wHr: this.param(`weight_hr${suffix}`),
    };
  }

  /** The hidden state's feature size: projSize when projecting, else hiddenSize. */
  protected get realHiddenSize(): number {
    return this.projSize > 0 ? this.projSize : this.hiddenSize;
  }

  protected get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** PyTorch's check_input and the expected size of h_0 (`get_expected_hidden_size`). */
  protected checkInput(input: Tensor): void {
    if (input.ndim !== 3) throw new Error(`input must have 3 dimensions, got ${input.ndim}`);
    const last = input.shape[2]!;
    if (last !== this.inputSize) {
      throw new Error(`input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${last}`);
    }
  }

  protected checkHiddenSize(hx: Tensor, expected: readonly number[], what = 'hidden'): void {
    if (hx.ndim !== expected.length || hx.shape.some((d, i) => d !== expected[i])) {
      throw new Error(`Expected ${what} size (${expected.join(', ')}), got [${hx.shape.join(', ')}]`);
    }
  }

  protected batchSize(input: Tensor): number {
    return input.shape[this.batchFirst ? 0 : 1]!;
  }

  /**
   * Runs every layer and direction on a batched input (batch_first already honoured by the caller
   * passing `input` as given): returns the last layer's output and the final state per layer and
   * direction, stacked as PyTorch's h_n (and c_n for an LSTM).
   */
  protected runLayers(input: Tensor, hx: Tensor, cx: Tensor | null): [Tensor, Tensor, Tensor | null] {
    const w0 = this.weight_ih_l0;
    checkSameDType(input, w0);
    checkSameDType(hx, w0);
    if (cx) checkSameDType(cx, w0);
    let x = this.batchFirst ? input.transpose(0, 1) : input;
    const hLast: Tensor[] = [];
    const cLast: Tensor[] = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outs: Tensor[] = [];
      for (let dir = 0; dir < this.numDirections; dir++) {
        const k = layer * this.numDirections + dir;
        const [out, h, c] = this.runDirection(x, this.layerWeights(layer, dir), hx.select(0, k), cx ? cx.select(0, k) : null, dir === 1);
        outs.push(out);
        hLast.push(h);
        if (c) cLast.push(c);
      }
      x = outs.length === 1 ? outs[0]! : cat(outs, 2);
      // As PyTorch: dropout on each layer's output except the last, in training only.
      if (this.training && this.dropout > 0 && layer < this.numLayers - 1) x = functionalDropout(x, this.dropout, true);
    }
    const output = this.batchFirst ? x.transpose(0, 1) : x;
    return [output, stack(hLast, 0), cx ? stack(cLast, 0) : null];
  }

  /** One layer in one direction over a time-major sequence (T, B, features). */
  private runDirection(x: Tensor, w: LayerWeights, h0: Tensor, c0: Tensor | null, reverse: boolean): [Tensor, Tensor, Tensor | null] {
    const steps = x.shape[0]!;
    const isGRU = this.mode === 'GRU';
    // One UnbindBackward for the whole sequence: a select per step would make backward build a
    // sequence-sized gradient at every step.
    const gi = projectInput(x, w.wIh, w.bIh, isGRU ? null : w.bHh).unbind(0);
    const wHhT = w.wHh.t();
    const wHrT = w.wHr ? w.wHr.t() : null;
    const outputs = new Array<Tensor>(steps);
    let h = h0;
    let c = c0;
    for (let s = 0; s < steps; s++) {
      const t = reverse ? steps - 1 - s : s;
      const git = gi[t]!;
      if (this.mode === 'LSTM') [h, c] = lstmStep(git, h, c!, wHhT, wHrT);
      else if (isGRU) h = gruStep(git, h, wHhT, w.bHh);
      else h = rnnStep(git, h, wHhT, this.mode === 'RNN_TANH' ? 'tanh' : 'relu');
      outputs[t] = h;
    }
    return [stack(outputs, 0), h, c];
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (this.bias !== true) s += `, bias=${pyBool(this.bias)}`;
    if (this.batchFirst !== false) s += `, batch_first=${pyBool(this.batchFirst)}`;
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional !== false) s += `, bidirectional=${pyBool(this.bidirectional)}`;
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// nn.RNN

export type Nonlinearity = 'tanh' | 'relu';

export interface RNNOptions extends RNNBaseOptions {
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: Nonlinearity;
}

type RNNPositional = [inputSize: number, hiddenSize: number, numLayers: number, nonlinearity: Nonlinearity, bias: boolean, batchFirst: boolean, dropout: number, bidirectional: boolean];
export type RNNArgs = Args<RNNPositional, RNNOptions>;


/**
 * Common forward of the modules with one hidden state (RNN, GRU): PyTorch's unbatched-input
 * handling and checks, in PyTorch's order.
 */
function singleStateForward(m: SingleStateRNN, input: Tensor, hx: Tensor | null | undefined): [Tensor, Tensor] {
  const batched = input.ndim === 3;
  const batchDim = m.batchFirst ? 0 : 1;
  let x = input;
  let h = hx ?? null;
  if (!batched) {
    x = input.unsqueeze(batchDim);
    if (h) {
      if (h.ndim !== 2) throw new Error(`For unbatched 2-D input, hx should also be 2-D but got ${h.ndim}-D tensor`);
      h = h.unsqueeze(1);
    }
  } else if (h && h.ndim !== 3) {
    throw new Error(`For batched 3-D input, hx should also be 3-D but got ${h.ndim}-D tensor`);
  }
  const [output, hN] = m.run(x, h);
  return batched ? [output, hN] : [output.squeeze(batchDim), hN.squeeze(1)];
}

/** The modules with one hidden state (RNN and GRU). */
abstract class SingleStateRNN extends RNNBase {
  /** @internal */
  run(x: Tensor, hx: Tensor | null): [Tensor, Tensor] {
    const expected = [this.numLayers * this.numDirections, this.batchSize(x), this.hiddenSize];
    const h = hx ?? zeros(expected, { dtype: x.dtype, device: x.device });
    this.checkInput(x);
    this.checkHiddenSize(h, expected);
    const [output, hN] = this.runLayers(x, h, null);
    return [output, hN];
  }
}

// PyTorch 1.13 takes nonlinearity by keyword only: (inputSize, hiddenSize, numLayers, bias, …);
// PyTorch 2 takes it fourth (RNN_2_SIGNATURE).
const RNN_SIGNATURE = signature("RNN(int inputSize, int hiddenSize, int numLayers=1, bool bias=True, bool batchFirst=False, float dropout=0, bool bidirectional=False, *, str nonlinearity='tanh', int? projSize=None, device? device=None, dtype? dtype=None)");
const RNN_2_SIGNATURE = signature("RNN(int inputSize, int hiddenSize, int numLayers=1, str nonlinearity='tanh', bool bias=True, bool batchFirst=False, float dropout=0, bool bidirectional=False, *, int? projSize=None, device? device=None, dtype? dtype=None)");

/**
 * nn.RNN: a multi-layer Elman RNN, h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) (or relu).
 * `forward(input, h0?)` returns `[output, h_n]`; input is (L, N, H_in), (N, L, H_in) with
 * batchFirst, or unbatched (L, H_in).
 *
 * @example
 * const rnn = new nn.RNN(10, 20, 2);
 * const [output, hn] = rnn.forward(torch.randn(5, 3, 10), torch.randn(2, 3, 20));
 * output.shape; // [5, 3, 20]
 */
export class RNN extends SingleStateRNN {
  readonly nonlinearity: Nonlinearity;

  constructor(...args: RNNArgs) {
    // PyTorch 2 takes nonlinearity 4th; 1.13 takes bias there: a boolean in 4th place means 1.13's order.
    const o = typeof args[3] === 'boolean'
      ? RNN_SIGNATURE.parse<Record<string, unknown>>(args)
      : RNN_2_SIGNATURE.parse<Record<string, unknown>>(args);
    if (o.projSize !== null) throw new Error('proj_size argument is only supported for LSTM, not RNN or GRU');
    const nonlinearity = (o.nonlinearity ?? 'tanh') as string;
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new Error(`Unknown nonlinearity '${nonlinearity}'`);
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', 'RNN', o);
    this.nonlinearity = nonlinearity;
  }

  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor] {
    return singleStateForward(this, input, hx);
  }
}

// ---------------------------------------------------------------------------------------------
// nn.GRU

export type GRUOptions = RNNBaseOptions;
type GRUPositional = [inputSize: number, hiddenSize: number, numLayers: number, bias: boolean, batchFirst: boolean, dropout: number, bidirectional: boolean];
export type GRUArgs = Args<GRUPositional, GRUOptions>;

const GRU_SIGNATURE = signature('GRU(int inputSize, int hiddenSize, int numLayers=1, bool bias=True, bool batchFirst=False, float dropout=0, bool bidirectional=False, *, int? projSize=None, device? device=None, dtype? dtype=None)');

/**
 * nn.GRU: a multi-layer gated recurrent unit with PyTorch's gates r, z, n, where
 * n = tanh(W_in x + b_in + r * (W_hn h + b_hn)) and h' = (1 - z) * n + z * h.
 * `forward(input, h0?)` returns `[output, h_n]`.
 *
 * @example
 * const gru = new nn.GRU(10, 20, 2, { batchFirst: true });
 * const [output, hn] = gru.forward(torch.randn(3, 5, 10));
 * hn.shape; // [2, 3, 20]
 */
export class GRU extends SingleStateRNN {
  constructor(...args: GRUArgs) {
    const o = GRU_SIGNATURE.parse<Record<string, unknown>>(args);
    if (o.projSize !== null) throw new Error('proj_size argument is only supported for LSTM, not RNN or GRU');
    super('GRU', 'GRU', o);
  }

  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor] {
    return singleStateForward(this, input, hx);
  }
}

// ---------------------------------------------------------------------------------------------
// nn.LSTM

export interface LSTMOptions extends RNNBaseOptions {
  /** Projects each hidden state to this size (0: no projection), as PyTorch's proj_size. */
  projSize?: number;
}
type LSTMPositional = [...GRUPositional, projSize: number];
export type LSTMArgs = Args<LSTMPositional, LSTMOptions>;

const LSTM_SIGNATURE = signature('LSTM(int inputSize, int hiddenSize, int numLayers=1, bool bias=True, bool batchFirst=False, float dropout=0, bool bidirectional=False, int projSize=0, *, device? device=None, dtype? dtype=None)');

/**
 * nn.LSTM: a multi-layer long short-term memory RNN with PyTorch's gate order i, f, g, o.
 * `forward(input, [h0, c0]?)` returns `[output, [h_n, c_n]]`.
 *
 * @example
 * const lstm = new nn.LSTM(10, 20, 2);
 * const [output, [hn, cn]] = lstm.forward(torch.randn(5, 3, 10));
 * output.shape; // [5, 3, 20]
 */
export class LSTM extends RNNBase {
  constructor(...args: LSTMArgs) {
    super('LSTM', 'LSTM', LSTM_SIGNATURE.parse<Record<string, unknown>>(args));
  }

  forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]] {
    const batched = input.ndim === 3;
    const batchDim = this.batchFirst ? 0 : 1;
    const x = batched ? input : input.unsqueeze(batchDim);
    const batch = this.batchSize(x);
    const layers = this.numLayers * this.numDirections;
    let h: Tensor;
    let c: Tensor;
    if (hx == null) {
      h = zeros([layers, batch, this.realHiddenSize], { dtype: x.dtype, device: x.device });
      c = zeros([layers, batch, this.hiddenSize], { dtype: x.dtype, device: x.device });
    } else {
      [h, c] = hx;
      if (batched) {
        if (h.ndim !== 3 || c.ndim !== 3) {
          throw new Error(`For batched 3-D input, hx and cx should also be 3-D but got (${h.ndim}-D, ${c.ndim}-D) tensors`);
        }
      } else {
        if (h.ndim !== 2 || c.ndim !== 2) {
          throw new Error(`For unbatched 2-D input, hx and cx should also be 2-D but got (${h.ndim}-D, ${c.ndim}-D) tensors`);
        }
        h = h.unsqueeze(1);
        c = c.unsqueeze(1);
      }
    }
    this.checkInput(x);
    this.checkHiddenSize(h, [layers, batch, this.realHiddenSize], 'hidden[0]');
    this.checkHiddenSize(c, [layers, batch, this.hiddenSize], 'hidden[1]');
    const [output, hN, cN] = this.runLayers(x, h, c);
    if (batched) return [output, [hN, cN!]];
    return [output.squeeze(batchDim), [hN.squeeze(1), cN!.squeeze(1)]];
  }
}

// ---------------------------------------------------------------------------------------------
// Cells: one time step.

export interface RNNCellBaseOptions extends FactoryOptions {
  inputSize?: number;
  hiddenSize?: number;
  bias?: boolean;
}

/**
 * The shared part of the cells (PyTorch's RNNCellBase): `weight_ih` (chunks·hidden, input),
 * `weight_hh` (chunks·hidden, hidden), `bias_ih`, `bias_hh` (or null without bias).
 */
export abstract class RNNCellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null;
  bias_hh: Parameter | null;

  protected constructor(cls: string, o: Record<string, unknown>, numChunks: number) {
    super();
    this.inputSize = checkSize(cls, 'inputSize', o.inputSize);
    this.hiddenSize = checkSize(cls, 'hiddenSize', o.hiddenSize);
    this.bias = (o.bias ?? true) as boolean;
    const factory = factoryKwargs(o as FactoryOptions);
    const gates = numChunks * this.hiddenSize;
    this.weight_ih = new Parameter(empty([gates, this.inputSize], factory));
    this.weight_hh = new Parameter(empty([gates, this.hiddenSize], factory));
    this.bias_ih = this.bias ? new Parameter(empty([gates], factory)) : null;
    this.bias_hh = this.bias ? new Parameter(empty([gates], factory)) : null;
    this.resetParameters();
  }

  /** PyTorch's init: every weight and bias from U(-1/√hidden_size, 1/√hidden_size). */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const p of this.parameters()) init.uniform_(p, -stdv, stdv);
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.bias !== true) s += `, bias=${pyBool(this.bias)}`;
    return s;
  }

  /**
   * PyTorch's cell preamble: 1-D or 2-D input (unbatched input gains a batch dimension), the
   * states default to zeros, then ATen's size checks (which name every state `hidden0`).
   */
  protected prepare(input: Tensor, states: readonly (Tensor | null | undefined)[] | null, count: number): [Tensor, Tensor[], boolean] {
    if (input.ndim !== 1 && input.ndim !== 2) {
      // The module wrapper prefixes the class name, giving PyTorch's `RNNCell: Expected input …`.
      throw new Error(`Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor`);
    }
    const batched = input.ndim === 2;
    const x = batched ? input : input.unsqueeze(0);
    const batch = x.shape[0]!;
    let hs: Tensor[];
    if (states == null) {
      const z = zeros([batch, this.hiddenSize], { dtype: x.dtype, device: x.device });
      hs = new Array<Tensor>(count).fill(z);
    } else {
      hs = states.map((s) => {
        if (!(s instanceof Tensor)) throw new TypeError('expected the hidden state as a Tensor');
        if (s.ndim !== input.ndim) {
          throw new Error(`Expected hidden state to be ${input.ndim}-D for ${input.ndim}-D input but received ${s.ndim}-D tensor`);
        }
        return batched ? s : s.unsqueeze(0);
      });
    }
    if (x.shape[1] !== this.inputSize) {
      throw new Error(`input has inconsistent input_size: got ${x.shape[1]} expected ${this.inputSize}`);
    }
    for (const h of hs) {
      if (h.shape[0] !== batch) throw new Error(`Input batch size ${batch} doesn't match hidden0 batch size ${h.shape[0]}`);
      if (h.shape[1] !== this.hiddenSize) {
        throw new Error(`hidden0 has inconsistent hidden_size: got ${h.shape[1]}, expected ${this.hiddenSize}`);
      }
    }
    checkSameDType(x, this.weight_ih);
    for (const h of hs) checkSameDType(h, this.weight_hh);
    return [x, hs, batched];
  }
}

type CellPositional = [inputSize: number, hiddenSize: number, bias: boolean];
export type RNNCellOptions = RNNCellBaseOptions & { nonlinearity?: Nonlinearity };
export type RNNCellArgs = Args<[...CellPositional, nonlinearity: Nonlinearity], RNNCellOptions>;
export type LSTMCellArgs = Args<CellPositional, RNNCellBaseOptions>;
export type GRUCellArgs = Args<CellPositional, RNNCellBaseOptions>;

const RNN_CELL_SIGNATURE = signature("RNNCell(int inputSize, int hiddenSize, bool bias=True, str nonlinearity='tanh', *, device? device=None, dtype? dtype=None)");

/**
 * nn.RNNCell: one Elman step, h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (or relu).
 *
 * @example
 * const cell = new nn.RNNCell(10, 20);
 * let h = torch.zeros(3, 20);
 * for (const x of torch.randn(6, 3, 10).unbind(0)) h = cell.forward(x, h);
 */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: Nonlinearity;

  constructor(...args: RNNCellArgs) {
    const o = RNN_CELL_SIGNATURE.parse<Record<string, unknown>>(args);
    const nonlinearity = (o.nonlinearity ?? 'tanh') as string;
    // PyTorch only notices at the first forward; failing at construction is the earlier, clearer place.
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new Error(`Unknown nonlinearity: ${nonlinearity}`);
    super('RNNCell', o, 1);
    this.nonlinearity = nonlinearity;
  }

  forward(input: Tensor, hx?: Tensor | null): Tensor {
    const [x, [h], batched] = this.prepare(input, hx == null ? null : [hx], 1);
    const gi = projectInput(x, this.weight_ih, this.bias_ih, this.bias_hh);
    const out = rnnStep(gi, h!, this.weight_hh.t(), this.nonlinearity);
    return batched ? out : out.squeeze(0);
  }

  override extraRepr(): string {
    const s = super.extraRepr();
    return this.nonlinearity !== 'tanh' ? `${s}, nonlinearity=${this.nonlinearity}` : s;
  }
}

const LSTM_CELL_SIGNATURE = signature('LSTMCell(int inputSize, int hiddenSize, bool bias=True, *, device? device=None, dtype? dtype=None)');

/**
 * nn.LSTMCell: one LSTM step; `forward(input, [h, c]?)` returns `[h', c']`.
 *
 * @example
 * const cell = new nn.LSTMCell(10, 20);
 * let [h, c] = cell.forward(torch.randn(3, 10));
 */
export class LSTMCell extends RNNCellBase {
  constructor(...args: LSTMCellArgs) {
    super('LSTMCell', LSTM_CELL_SIGNATURE.parse<Record<string, unknown>>(args), 4);
  }

  forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, Tensor] {
    const [x, [h, c], batched] = this.prepare(input, hx ?? null, 2);
    const gi = projectInput(x, this.weight_ih, this.bias_ih, this.bias_hh);
    const [hNext, cNext] = lstmStep(gi, h!, c!, this.weight_hh.t(), null);
    return batched ? [hNext, cNext] : [hNext.squeeze(0), cNext.squeeze(0)];
  }
}

const GRU_CELL_SIGNATURE = signature('GRUCell(int inputSize, int hiddenSize, bool bias=True, *, device? device=None, dtype? dtype=None)');

/**
 * nn.GRUCell: one GRU step (gates r, z, n as nn.GRU).
 *
 * @example
 * const cell = new nn.GRUCell(10, 20);
 * const h = cell.forward(torch.randn(3, 10));
 */
export class GRUCell extends RNNCellBase {
  constructor(...args: GRUCellArgs) {
    super('GRUCell', GRU_CELL_SIGNATURE.parse<Record<string, unknown>>(args), 3);
  }

  forward(input: Tensor, hx?: Tensor | null): Tensor {
    const [x, [h], batched] = this.prepare(input, hx == null ? null : [hx], 1);
    const gi = projectInput(x, this.weight_ih, this.bias_ih, null);
    const out = gruStep(gi, h!, this.weight_hh.t(), this.bias_hh);
    return batched ? out : out.squeeze(0);
  }
}
