/** The AutogradHook @x/autograd installs into @x/tensor: recording, in-place recording, backward. */
import { onesLike, setAutogradHook, type AutogradHook, type BackwardOptions, type Tensor } from '@x/tensor';
import { runBackward } from './engine';
import { isGradEnabled } from './mode';
import { record, recordInplace } from './record';

/** tensor.backward(gradient?, { retainGraph, createGraph, inputs }) */
export function backward(t: Tensor, gradient: Tensor | undefined, options: BackwardOptions = {}): void {
  if (!t.requiresGrad) throw new Error('element 0 of tensors does not require grad and does not have a grad_fn');
  let g = gradient;
  if (g === undefined) {
    if (t.numel() !== 1) throw new Error('grad can be implicitly created only for scalar outputs');
    g = onesLike(t);
  } else if (g.shape.length !== t.shape.length || g.shape.some((d, i) => d !== t.shape[i])) {
    throw new Error(`Mismatch in shape: grad_output[0] has a shape of [${g.shape.join(', ')}] and output[0] has a shape of [${t.shape.join(', ')}].`);
  }
  const createGraph = options.createGraph ?? false;
  runBackward([t], [g], {
    retainGraph: options.retainGraph ?? createGraph,
    createGraph,
    ...(options.inputs ? { mode: 'accumulateInputs' as const, inputs: options.inputs } : { mode: 'accumulate' as const }),
  });
  if (gradient === undefined) g.dispose();
}

export const hook: AutogradHook = {
  isEnabled: isGradEnabled,
  record,
  recordInplace,
  backward,
};

export function install(): void {
  setAutogradHook(hook);
}
