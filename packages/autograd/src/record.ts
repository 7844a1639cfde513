/** Recording: how a traced op of @x/tensor becomes a node of the graph. */
import { isFloatingPoint, type OpAttrs, type Tensor, type TracedOp } from '@x/tensor';
import { FORMULAS, type Formula, type RecordedOp } from './formulas';
import { noGrad } from './mode';
import { edgeOf, OpNode } from './node';
import { SavedTensor } from './saved';

/** The derivatives by op; the elementwise ops that never record (their results are not floating point) have none. */
const DERIVATIVES: Partial<Record<TracedOp | RecordedOp, Formula>> = FORMULAS;

function nodeName(op: TracedOp | RecordedOp, attrs: OpAttrs, inputs: readonly (Tensor | null)[]): string {
  const f = DERIVATIVES[op];
  if (!f) return `${op[0]!.toUpperCase()}${op.slice(1)}Backward0`;
  return typeof f.name === 'function' ? f.name(attrs, { inputShapes: inputs.map((t) => t?.shape ?? null) }) : f.name;
}

/** Runs forward without recording and attaches one node to its floating-point outputs. */
export function record<R extends Tensor | readonly Tensor[]>(op: TracedOp, inputs: readonly (Tensor | null)[], attrs: OpAttrs, forward: () => R): R {
  for (const t of inputs) if (t !== null) refreshView(t);
  const result = noGrad(forward);
  attach(op, inputs, attrs, Array.isArray(result) ? (result as readonly Tensor[]) : [result as Tensor]);
  return result;
}

/**
 * A view whose base was modified in place since the view was made describes, through its gradFn,
 * the old values: as PyTorch does, its history is regenerated as an as_strided view of the base's
 * current history before it is used.
 */
function refreshView(t: Tensor): void {
  const base = t._base;
  if (base === null || !base.requiresGrad || t._viewVersion === t._version.value) return;
  attach('asStrided', [base], viewGeometry(t, base), [t]);
  t._viewVersion = t._version.value;
}

function viewGeometry(view: Tensor, base: Tensor): OpAttrs {
  return { size: view.shape, stride: view.strides, storageOffset: view.offset, inputStrides: base.strides, inputOffset: base.offset };
}

/** Builds the node of op from inputs (their current history) and makes it the gradFn of the outputs. */
function attach(op: TracedOp | RecordedOp, inputs: readonly (Tensor | null)[], attrs: OpAttrs, outputs: readonly Tensor[]): void {
  if (!outputs.some((o) => isFloatingPoint(o.dtype))) return;
  const formula = DERIVATIVES[op];
  const name = nodeName(op, attrs, inputs);
  const describeOutput = (i: number) => () => `output ${i} of ${name}`;
  const saveIdx = new Set(formula?.saves?.inputs ?? []);
  const savedInputs = inputs.map((t, i) => {
    if (t === null || !saveIdx.has(i)) return null;
    const producer = t.gradFn ? `output ${t._outputNr} of ${t.gradFn.name}` : 'a leaf tensor';
    return new SavedTensor(t, () => producer);
  });
  const node = new OpNode(
    op,
    name,
    formula,
    inputs.map(edgeOf),
    inputs.map((t) => (t === null ? null : t.shape)),
    inputs.map((t) => (t === null ? null : t.dtype)),
    outputs.map((o) => ({ shape: o.shape, dtype: o.dtype, device: o.device })),
    attrs,
    savedInputs,
    [],
  );
  outputs.forEach((o, i) => {
    if (!isFloatingPoint(o.dtype)) return;
    o.gradFn = node;
    o._outputNr = i;
  });
  if (formula?.saves?.outputs) node.setSavedOutputs(outputs.map((o, i) => new SavedTensor(o, describeOutput(i))));
}

/**
 * An in-place op under recording. The new value is computed out of place from a copy of the target
 * (so saved values stay intact), written into the target, and the target takes over its history.
 */
export function recordInplace(target: Tensor, inputs: readonly (Tensor | null)[], outOfPlace: (self: Tensor) => Tensor): void {
  void inputs;
  if (target.isLeaf && target.requiresGrad) {
    throw new Error('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  const base = target._base;
  if (base !== null && base.isLeaf && base.requiresGrad) {
    throw new Error('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
  refreshView(target);
  // The op reads a recorded copy of the target (CloneBackward0 carries the target's history), so a
  // formula that saves its input keeps the value from before the write.
  const self = target.clone();
  const value = outOfPlace(self);
  self.dispose();
  noGrad(() => target.backend.copy(value, target));
  if (base !== null && (base.requiresGrad || value.requiresGrad)) {
    // Writing through a view changes its base: the base's new history is PyTorch's CopySlices (the
    // old base outside the view's elements, the new value inside), and the view becomes an
    // as_strided view of that.
    attach('copySlices', [base, value], viewGeometry(target, base), [base]);
    target._version.value++;
    attach('asStrided', [base], viewGeometry(target, base), [target]);
    target._viewVersion = target._version.value;
  } else {
    target._version.value++;
    target.gradFn = value.gradFn;
    target._outputNr = value._outputNr;
  }
  value.dispose();
}
