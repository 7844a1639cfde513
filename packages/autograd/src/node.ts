/**
 * Graph nodes. An OpNode is one recorded op (PyTorch's XxxBackward0): the edges to the nodes that
 * produced its inputs, what its formula saved, and the metadata backward needs. Leaves that require
 * grad get one AccumulateGrad node each, where their gradient lands.
 */
import { objectAddress, type DType, type GradFn, type OpAttrs, type Tensor } from '@x/tensor';
import type { BackwardContext, Formula } from './formulas/types';
import type { SavedTensor } from './saved';

/** Where a gradient goes next: a node and which of its outputs the input was. */
export type Edge = readonly [Node, number];

export abstract class Node implements GradFn {
  abstract readonly name: string;
  abstract readonly edges: readonly (Edge | null)[];
  /** Number of outputs (gradient slots) of this node. */
  abstract readonly numOutputs: number;
  /** Hooks on the gradient of each output slot (Tensor.registerHook on a non-leaf). */
  private hooks: Map<number, ((g: Tensor) => Tensor | void)[]> | null = null;
  /** Non-leaf tensors that asked for retainGrad(), by output slot. */
  private retained: Map<number, Tensor> | null = null;

  get nextFunctions(): readonly (readonly [GradFn | null, number])[] {
    return this.edges.map((e) => (e === null ? [null, 0] : [e[0], e[1]]));
  }

  addHook(slot: number, fn: (g: Tensor) => Tensor | void): { remove(): void } {
    const map = (this.hooks ??= new Map());
    const list = map.get(slot) ?? [];
    list.push(fn);
    map.set(slot, list);
    return {
      remove: () => {
        const i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      },
    };
  }

  retainGrad(slot: number, t: Tensor): void {
    (this.retained ??= new Map()).set(slot, t);
  }

  /** Runs the output hooks on an incoming gradient and fills retained .grad fields. */
  preprocess(slot: number, grad: Tensor, keepTensor: (t: Tensor) => Tensor): Tensor {
    let g = grad;
    for (const fn of this.hooks?.get(slot) ?? []) {
      const r = fn(g);
      if (r !== undefined) g = r;
    }
    const t = this.retained?.get(slot);
    if (t !== undefined) {
      const prev = t._grad;
      // The one replaced is freed if only t held it (nobody read it through `.grad`).
      t._setGrad(keepTensor(prev === null ? g.clone() : prev.add(g)), true);
    }
    return g;
  }

  abstract apply(grads: readonly Tensor[], createGraph: boolean): readonly (Tensor | null | undefined)[];
  /** Frees what the node saved (after a backward without retainGraph). */
  abstract release(): void;

  /** The module path PyTorch prints before the name: 'torch.autograd.function.' for custom Functions' nodes. */
  reprPrefix = '';

  /** What PyTorch prints for a grad_fn: `<MulBackward0 object at 0x7f…>`. */
  toString(): string {
    return `<${this.reprPrefix}${this.name} object at ${objectAddress(this)}>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const SECOND_BACKWARD =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retainGraph: true if you need ' +
  'to backward through the graph a second time or if you need to access saved tensors after calling backward.';

export interface TensorMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly device: string;
}

export class OpNode extends Node implements BackwardContext {
  private released = false;

  constructor(
    readonly op: string,
    readonly name: string,
    private readonly formula: Formula | undefined,
    readonly edges: readonly (Edge | null)[],
    readonly inputShapes: readonly (readonly number[] | null)[],
    readonly inputDTypes: readonly (DType | null)[],
    readonly outputMetas: readonly TensorMeta[],
    readonly attrs: OpAttrs,
    private readonly savedInputs: readonly (SavedTensor | null)[],
    private savedOutputs: readonly (SavedTensor | null)[],
  ) {
    super();
  }

  get numOutputs(): number {
    return this.outputMetas.length;
  }
  get outputShapes(): readonly (readonly number[])[] {
    return this.outputMetas.map((m) => m.shape);
  }
  get needsInputGrad(): readonly boolean[] {
    return this.edges.map((e) => e !== null);
  }

  /** Outputs are saved after the node exists (they point back at it). */
  setSavedOutputs(saved: readonly (SavedTensor | null)[]): void {
    this.savedOutputs = saved;
  }

  input(i: number): Tensor {
    const s = this.savedInputs[i];
    if (!s) throw new Error(`${this.name}: input ${i} was not saved for backward (formula '${this.op}' must list it in saves.inputs)`);
    return s.unpack();
  }

  output(i = 0): Tensor {
    const s = this.savedOutputs[i];
    if (!s) throw new Error(`${this.name}: output ${i} was not saved for backward (formula '${this.op}' must set saves.outputs)`);
    return s.unpack();
  }

  apply(grads: readonly Tensor[]): readonly (Tensor | null | undefined)[] {
    if (this.released) throw new Error(SECOND_BACKWARD);
    if (!this.formula) throw new Error(`the derivative for '${this.op}' is not implemented (node ${this.name})`);
    return this.formula.backward(grads, this);
  }

  release(): void {
    for (const s of this.savedInputs) s?.release();
    for (const s of this.savedOutputs) s?.release();
    this.released = true;
  }
}

/** The sink of a leaf's gradient. */
export class AccumulateGrad extends Node {
  readonly name = 'AccumulateGrad';
  readonly edges: readonly (Edge | null)[] = [];
  readonly numOutputs = 1;
  constructor(readonly variable: Tensor) {
    super();
  }
  apply(): readonly (Tensor | null)[] {
    return [];
  }
  release(): void {}
}

/** The AccumulateGrad node of a leaf that requires grad (one per leaf, made on first use). */
export function accumulatorFor(leaf: Tensor): AccumulateGrad {
  const existing = leaf._accumulator;
  if (existing instanceof AccumulateGrad) return existing;
  const node = new AccumulateGrad(leaf);
  leaf._accumulator = node;
  return node;
}

/** The edge an input tensor contributes: its producer's output slot, its accumulator, or none. */
export function edgeOf(t: Tensor | null): Edge | null {
  if (t === null || !t.requiresGrad) return null;
  if (t.gradFn instanceof Node) return [t.gradFn, t._outputNr];
  return [accumulatorFor(t), 0];
}
