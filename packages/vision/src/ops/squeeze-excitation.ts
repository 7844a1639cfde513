/** torchvision.ops.SqueezeExcitation: channel attention from globally pooled features. */
import { signature, type Args, type Tensor } from '@x/tensor';
import { AdaptiveAvgPool2d, Conv2d, Module, ReLU, Sigmoid } from '@x/nn';
import { forwardTensor } from '../module-call';
import { argGiven, buildLayer, type LayerFactory } from './layer-factory';

export interface SqueezeExcitationOptions {
  inputChannels?: number;
  squeezeChannels?: number;
  activation?: LayerFactory;
  scaleActivation?: LayerFactory;
}

const SIGNATURE = signature('SqueezeExcitation(int inputChannels, int squeezeChannels, callable? activation=None, callable? scaleActivation=None)');

/** The layer given, or the default when none was; both activations are required, so null is refused. */
function layerOrDefault(args: readonly unknown[], position: number, key: string, given: LayerFactory | null, fallback: LayerFactory): LayerFactory {
  if (!argGiven(args, position, key)) return fallback;
  if (given === null) throw new TypeError(`SqueezeExcitation: ${key} must be a Module class or a function returning a module, got null`);
  return given;
}

/**
 * Scales each channel by scaleActivation(fc2(activation(fc1(avgpool(x))))), fc1/fc2 being 1×1
 * convolutions through `squeezeChannels` (ReLU and Sigmoid by default, as torchvision's).
 *
 * @example
 * new ops.SqueezeExcitation(64, 16, { scaleActivation: nn.Hardsigmoid });
 */
export class SqueezeExcitation extends Module {
  avgpool: AdaptiveAvgPool2d;
  fc1: Conv2d;
  fc2: Conv2d;
  activation: Module;
  // torchvision's attribute name: it shows in the repr.
  scale_activation: Module;

  constructor(...args: Args<[inputChannels: number, squeezeChannels: number, activation: LayerFactory, scaleActivation: LayerFactory], SqueezeExcitationOptions>) {
    super();
    const o = SIGNATURE.parse<{ inputChannels: number; squeezeChannels: number; activation: LayerFactory | null; scaleActivation: LayerFactory | null }>(args);
    this.avgpool = new AdaptiveAvgPool2d(1);
    this.fc1 = new Conv2d(o.inputChannels, o.squeezeChannels, 1);
    this.fc2 = new Conv2d(o.squeezeChannels, o.inputChannels, 1);
    this.activation = buildLayer(layerOrDefault(args, 2, 'activation', o.activation, ReLU));
    this.scale_activation = buildLayer(layerOrDefault(args, 3, 'scaleActivation', o.scaleActivation, Sigmoid));
  }

  forward(input: Tensor): Tensor {
    const pooled = this.avgpool.forward(input);
    const squeezed = forwardTensor(this.activation, this.fc1.forward(pooled));
    const scale = forwardTensor(this.scale_activation, this.fc2.forward(squeezed));
    return scale.mul(input);
  }
}
