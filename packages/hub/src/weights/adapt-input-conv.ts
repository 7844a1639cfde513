/**
 * timm's adapt_input_conv: RGB first-convolution weights [O, 3, kH, kW] for another number of input
 * channels. One channel: the sum over RGB (for a space-to-depth stem with 3k inputs, the sum within
 * each group of 3). More: RGB repeated until there are enough, cut to inChans, scaled by 3 / inChans
 * so the activations keep their size.
 */
import { Tensor } from '@x/tensor';

export class InputConvNotAdaptable extends Error {}

export function adaptInputConv(inChans: number, convWeight: Tensor): Tensor {
  if (!Number.isInteger(inChans) || inChans < 1) throw new RangeError(`adaptInputConv: expected a positive whole number of input channels, got ${inChans}`);
  if (!(convWeight instanceof Tensor)) throw new TypeError(`adaptInputConv: expected the convolution's weight tensor, got ${typeof convWeight}`);
  if (convWeight.dim() !== 4) throw new InputConvNotAdaptable(`adaptInputConv: expected a 4-D Conv2d weight [out, in, kH, kW], got shape [${convWeight.shape}]`);
  const dtype = convWeight.dtype;
  // Half-precision weights are summed in float32 (as timm does on the CPU).
  let w = convWeight.float();
  const [O, I, J, K] = w.shape as [number, number, number, number];
  if (inChans === 1) {
    if (I > 3) {
      if (I % 3 !== 0) throw new InputConvNotAdaptable(`adaptInputConv: a stem with ${I} input channels is not a multiple of 3`);
      w = w.reshape([O, I / 3, 3, J, K]).sum(2);
    } else {
      w = w.sum(1, true);
    }
  } else if (inChans !== 3) {
    if (I !== 3) throw new InputConvNotAdaptable(`adaptInputConv: only 3-channel weights convert to ${inChans} channels, these have ${I}`);
    const repeat = Math.ceil(inChans / 3);
    w = w.repeat(1, repeat, 1, 1).narrow(1, 0, inChans).mul(3 / inChans);
  }
  return w.to(dtype);
}
