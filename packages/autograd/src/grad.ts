/** torch.autograd.grad: gradients of outputs w.r.t. inputs, returned instead of accumulated. */
import { onesLike, type Tensor } from '@x/tensor';
import { runBackward } from './engine';

export interface GradOptions {
  /** The gradient of each output (PyTorch's grad_outputs); implicit ones for scalar outputs. */
  gradOutputs?: Tensor | readonly (Tensor | null)[] | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  /** Return null for inputs the outputs do not depend on, instead of raising. */
  allowUnused?: boolean;
}

/**
 * @example
 * const [dx] = torch.autograd.grad(y, [x], { createGraph: true }); // then dx can be differentiated again
 */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradOptions = {}): (Tensor | null)[] {
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
