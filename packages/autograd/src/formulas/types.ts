/**
 * The shape of a derivative: one entry per recorded op of @x/tensor (the op names `traced` passes),
 * like PyTorch's tools/autograd/derivatives.yaml. Backward formulas are written with tensor ops, so
 * they run on every backend and, under createGraph, are themselves differentiable.
 */
import type { DifferentiableOp, DType, OpAttrs, Tensor } from '@x/tensor';

export interface BackwardContext {
  /** Input i as the forward saw it (only inputs listed in `saves.inputs` are available). */
  input(i: number): Tensor;
  /** Output i of the op (only when `saves.outputs` is set). */
  output(i?: number): Tensor;
  /** Shape and dtype of every input (null for non-tensor arguments); always available. */
  readonly inputShapes: readonly (readonly number[] | null)[];
  readonly inputDTypes: readonly (DType | null)[];
  /** Shape of every output. */
  readonly outputShapes: readonly (readonly number[])[];
  readonly attrs: OpAttrs;
  /** Which inputs need a gradient (compute only those; return null for the rest). */
  readonly needsInputGrad: readonly boolean[];
}

/** What a node name may depend on besides the attrs (PyTorch picks overloads by input kinds). */
export interface NameInfo {
  readonly inputShapes: readonly (readonly number[] | null)[];
}

export interface Formula {
  /** PyTorch's node name (AddBackward0, …), or a function of the attrs when it depends on the overload. */
  readonly name: string | ((attrs: OpAttrs, info: NameInfo) => string);
  /** What backward reads: input indices, and whether it reads the outputs. Nothing else is kept alive. */
  readonly saves?: { readonly inputs?: readonly number[]; readonly outputs?: boolean };
  /**
   * Gradients w.r.t. each input, given the gradients w.r.t. each output (always materialized: zeros
   * for an output that received none). Each returned gradient has its input's shape and dtype.
   */
  backward(grads: readonly Tensor[], ctx: BackwardContext): readonly (Tensor | null | undefined)[];
}

/**
 * What a node is recorded under: an op of @x/tensor, or CopySlices, the node autograd itself makes
 * for an in-place write through a view.
 */
export type RecordedOp = DifferentiableOp | 'copySlices';

/** A part of the derivative table: formulas keyed by the ops they differentiate (a key that is no op fails to compile). */
export type FormulaTable = Partial<Record<RecordedOp, Formula>>;
