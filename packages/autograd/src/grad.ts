/** torch.autograd.grad: gradients of outputs w.r.t. inputs, returned instead of accumulated. */
import { bound, onesLike, type Args, type BoundFunction, type Tensor } from '@x/tensor';
import { runBackward } from './engine';

export interface GradOptions {
  /** The gradient of each output (PyTorch's grad_outputs); implicit ones for scalar outputs. */
  gradOutputs?: Tensor | readonly (Tensor | null)[] | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  /** Return null for inputs the outputs do not depend on, instead of raising. */
  allowUnused?: boolean;
}

type Tensors = Tensor | readonly Tensor[];
export type GradArgs = Args<
  [gradOutputs: Tensor | readonly (Tensor | null)[] | null, retainGraph: boolean | null, createGraph: boolean, onlyInputs: boolean, allowUnused: boolean],
  GradOptions & { onlyInputs?: boolean; isGradsBatched?: boolean }
>;

/**
 * torch.autograd.grad(outputs, inputs, gradOutputs?, retainGraph?, createGraph?, onlyInputs?,
 * allowUnused?): the gradients, returned instead of accumulated into .grad.
 *
 * @example
 * const [dx] = torch.autograd.grad(y, [x], { createGraph: true }); // then dx can be differentiated again
 */
export const grad: BoundFunction<[outputs: Tensors, inputs: Tensors, ...GradArgs], (Tensor | null)[]> = bound(
  'grad(Tensor|Tensor[] outputs, Tensor|Tensor[] inputs, Tensor|(Tensor|None)[]? gradOutputs=None, bool? retainGraph=None, bool createGraph=False, bool onlyInputs=True, bool allowUnused=False, bool isGradsBatched=False)',
  (outputs: Tensors, inputs: Tensors, gradOutputs: GradOptions['gradOutputs'], retainGraph: boolean | null | undefined, createGraph: boolean, _onlyInputs: boolean, allowUnused: boolean, isGradsBatched: boolean) => {
    if (isGradsBatched) throw new Error('grad(): isGradsBatched is not supported by @x (it needs vmap)');
    return gradOf(outputs, inputs, { gradOutputs, retainGraph: retainGraph ?? undefined, createGraph, allowUnused });
  },
);

function gradOf(outputs: Tensors, inputs: Tensors, options: GradOptions): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? (outputs as readonly Tensor[]) : [outputs as Tensor];
  const ins = Array.isArray(inputs) ? (inputs as readonly Tensor[]) : [inputs as Tensor];
  const given = options.gradOutputs == null ? [] : Array.isArray(options.gradOutputs) ? (options.gradOutputs as readonly (Tensor | null)[]) : [options.gradOutputs as Tensor];
  ins.forEach((t, i) => {
    if (!t.requiresGrad) throw new Error(`One of the differentiated Tensors (input ${i}) does not require grad`);
  });
  const made: Tensor[] = [];
  const gradOuts = outs.map((o, i) => {
    if (!o.requiresGrad) throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = given[i];
    if (g != null) return g;
    if (o.numel() !== 1) throw new Error('grad can be implicitly created only for scalar outputs');
    const ones = onesLike(o);
    made.push(ones);
    return ones;
  });
  const createGraph = options.createGraph ?? false;
  const result = runBackward(outs, gradOuts, { retainGraph: options.retainGraph ?? createGraph, createGraph, mode: 'return', inputs: ins });
  for (const t of made) t.dispose();
  result.forEach((g, i) => {
    if (g === null && !options.allowUnused) {
      throw new Error(
        `One of the differentiated Tensors (input ${i}) appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior.`,
      );
    }
  });
  return result;
}
