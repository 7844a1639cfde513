/** Recording: how a traced op of @x/tensor becomes a node of the graph. */
import { isFloatingPoint, type OpAttrs, type Tensor } from '@x/tensor';
import { FORMULAS } from './formulas';
import { noGrad } from './mode';
import { edgeOf, OpNode } from './node';
import { SavedTensor } from './saved';

function nodeName(op: string, attrs: OpAttrs, inputs: readonly (Tensor | null)[]): string {
  const f = FORMULAS[op];
  if (!f) return `${op[0]!.toUpperCase()}${op.slice(1)}Backward0`;
  return typeof f.name === 'function' ? f.name(attrs, { inputShapes: inputs.map((t) => t?.shape ?? null) }) : f.name;
}

/** Runs forward without recording and attaches one node to its floating-point outputs. */
export function record<R extends Tensor | readonly Tensor[]>(op: string, inputs: readonly (Tensor | null)[], attrs: OpAttrs, forward: () => R): R {
  const result = noGrad(forward);
  const outputs: readonly Tensor[] = Array.isArray(result) ? (result as readonly Tensor[]) : [result as Tensor];
  if (!outputs.some((o) => isFloatingPoint(o.dtype))) return result;
  const formula = FORMULAS[op];
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
  return result;
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
  if (target._base !== null && target._base.requiresGrad) {
    throw new Error(
      'an in-place operation on a view of a tensor that requires grad is not supported yet: apply the op out of place ' +
        '(e.g. y = x.index(...).mul(2)) or under noGrad()',
    );
  }
  // The op reads a recorded copy of the target (CloneBackward0 carries the target's history), so a
  // formula that saves its input keeps the value from before the write.
  const self = target.clone();
  const value = outOfPlace(self);
  self.dispose();
  noGrad(() => target.backend.copy(value, target));
  target._version.value++;
  target.gradFn = value.gradFn;
  target._outputNr = value._outputNr;
  value.dispose();
}
