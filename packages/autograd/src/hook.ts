/** The AutogradHook @x/autograd installs into @x/tensor: recording, in-place recording, backward. */
import { bound, onesLike, setAutogradHook, type Args, type AutogradHook, type BackwardOptions, type BoundFunction, type Tensor } from '@x/tensor';
import { runBackward } from './engine';
import { isGradEnabled } from './mode';
import { record, recordInplace } from './record';

/** Backward from several tensors at once (each with its gradient, implicit ones for scalars). */
function backwardMany(tensors: readonly Tensor[], gradients: readonly (Tensor | null | undefined)[], options: BackwardOptions): void {
  const made: Tensor[] = [];
  const grads = tensors.map((t, i) => {
    if (!t.requiresGrad) throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = gradients[i];
    if (g == null) {
      if (t.numel() !== 1) throw new Error('grad can be implicitly created only for scalar outputs');
      const ones = onesLike(t);
      made.push(ones);
      return ones;
    }
    if (g.shape.length !== t.shape.length || g.shape.some((d, j) => d !== t.shape[j])) {
      throw new Error(`Mismatch in shape: grad_output[${i}] has a shape of [${g.shape.join(', ')}] and output[${i}] has a shape of [${t.shape.join(', ')}].`);
    }
    return g;
  });
  const createGraph = options.createGraph ?? false;
  try {
    runBackward(tensors, grads, {
      retainGraph: options.retainGraph ?? createGraph,
      createGraph,
      ...(options.inputs ? { mode: 'accumulateInputs' as const, inputs: options.inputs } : { mode: 'accumulate' as const }),
    });
  } finally {
    for (const t of made) t.dispose();
  }
}

type Tensors = Tensor | readonly Tensor[];
const list = <V>(x: V | readonly V[] | null | undefined): readonly V[] => (x == null ? [] : Array.isArray(x) ? (x as readonly V[]) : [x as V]);

export type BackwardArgs = Args<
  [gradTensors: Tensor | readonly (Tensor | null)[] | null, retainGraph: boolean | null, createGraph: boolean, gradVariables: null, inputs: Tensors | null],
  { gradTensors?: Tensor | readonly (Tensor | null)[] | null; retainGraph?: boolean | null; createGraph?: boolean; inputs?: Tensors | null }
>;

/**
 * torch.autograd.backward(tensors, gradTensors?, retainGraph?, createGraph?, gradVariables?,
 * inputs?): accumulates into the leaves' .grad the gradients of the sum of tensors (each weighted by
 * its gradient), as t.backward() does for one tensor.
 *
 * @example
 * torch.autograd.backward([loss1, loss2]);
 * torch.autograd.backward(y, torch.onesLike(y), { retainGraph: true });
 */
export const backward: BoundFunction<[tensors: Tensors, ...BackwardArgs], void> = bound(
  'backward(Tensor|Tensor[] tensors, Tensor|(Tensor|None)[]? gradTensors=None, bool? retainGraph=None, bool createGraph=False, any gradVariables=None, Tensor|Tensor[]? inputs=None)',
  (tensors: Tensors, gradTensors: Tensor | readonly (Tensor | null)[] | null | undefined, retainGraph: boolean | null | undefined, createGraph: boolean, gradVariables: unknown, inputs: Tensors | null | undefined): void => {
    if (gradVariables != null) throw new Error("backward(): 'gradVariables' is deprecated in PyTorch; use 'gradTensors'");
    backwardMany(list(tensors), list(gradTensors), { retainGraph: retainGraph ?? undefined, createGraph, inputs: inputs == null ? undefined : list(inputs) });
  },
);

export const hook: AutogradHook = {
  isEnabled: isGradEnabled,
  record,
  recordInplace,
  backward: (t, gradient, options) => backwardMany([t], [gradient], options),
};

export function install(): void {
  setAutogradHook(hook);
}
