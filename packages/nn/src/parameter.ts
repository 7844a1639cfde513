/** nn.Parameter: a tensor that is a module's learnable state (requires grad by default). */
import { Tensor } from '@x/tensor';

export class Parameter extends Tensor {
  /**
   * Wraps data's storage (no copy) as a parameter, as torch.nn.Parameter(data, requires_grad).
   *
   * @example
   * this.scale = new nn.Parameter(torch.ones(3));
   */
  constructor(data: Tensor, requiresGrad = true) {
    super(data.storage, data.shape, data.strides, data.offset, data.dtype, null);
    if (requiresGrad) this.requiresGrad_(true);
  }

  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}

export function isParameter(x: unknown): x is Parameter {
  return x instanceof Parameter;
}
