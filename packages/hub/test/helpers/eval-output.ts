/** A model's eval-mode output, without autograd, on the deterministic input of `shape`. */
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import { deterministicInput } from '../../../vision/test/helpers/deterministic-weights';

export function evalOutput(model: { eval(): unknown; forward(x: Tensor): unknown }, shape: readonly number[]): Tensor {
  model.eval();
  return noGrad(() => model.forward(deterministicInput([...shape])) as Tensor);
}
