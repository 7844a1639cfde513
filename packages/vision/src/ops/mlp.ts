/** torchvision.ops.MLP: Linear → [norm] → activation → Dropout per hidden layer, then Linear → Dropout. */
import { signature, type Args } from '@x/tensor';
import { Dropout, Linear, type Module, ReLU, Sequential } from '@x/nn';
import { argGiven, buildLayer, type LayerFactory } from './layer-factory';

export interface MLPOptions {
  inChannels?: number;
  hiddenChannels?: readonly number[];
  normLayer?: LayerFactory | null;
  activationLayer?: LayerFactory | null;
  inplace?: boolean | null;
  bias?: boolean;
  dropout?: number;
}

type MLPArgs = Args<
  [inChannels: number, hiddenChannels: readonly number[], normLayer: LayerFactory | null, activationLayer: LayerFactory | null, inplace: boolean | null, bias: boolean, dropout: number],
  MLPOptions
>;

const SIGNATURE = signature('MLP(int inChannels, int[] hiddenChannels, callable? normLayer=None, callable? activationLayer=None, bool? inplace=True, bool bias=True, float dropout=0.0)');

function layers(args: MLPArgs): Module[] {
  const o = SIGNATURE.parse<{ inChannels: number; hiddenChannels: number[]; normLayer: LayerFactory | null; activationLayer: LayerFactory | null; inplace: boolean | null; bias: boolean; dropout: number }>(args);
  if (o.hiddenChannels.length === 0) throw new Error('MLP: hiddenChannels must list at least one layer width, got []');
  const activationLayer = argGiven(args, 3, 'activationLayer') ? o.activationLayer : ReLU;
  const params = o.inplace === null ? [] : [{ inplace: o.inplace }];
  const out: Module[] = [];
  let inDim = o.inChannels;
  for (const hidden of o.hiddenChannels.slice(0, -1)) {
    out.push(new Linear(inDim, hidden, { bias: o.bias }));
    if (o.normLayer !== null) out.push(buildLayer(o.normLayer, hidden));
    // torchvision calls activation_layer(**params) unconditionally: None here is an error there too.
    if (activationLayer === null) throw new TypeError('MLP: activationLayer is required when there are hidden layers, got null');
    out.push(buildLayer(activationLayer, ...params));
    out.push(new Dropout(o.inplace === null ? { p: o.dropout } : { p: o.dropout, inplace: o.inplace }));
    inDim = hidden;
  }
  out.push(new Linear(inDim, o.hiddenChannels[o.hiddenChannels.length - 1]!, { bias: o.bias }));
  out.push(new Dropout(o.inplace === null ? { p: o.dropout } : { p: o.dropout, inplace: o.inplace }));
  return out;
}

/**
 * A multi-layer perceptron over the last dimension: one Linear per entry of `hiddenChannels` (the
 * last being the output width), each but the last followed by the optional norm, the activation
 * (ReLU by default) and Dropout; the last by Dropout.
 *
 * @example
 * new ops.MLP(768, [3072, 768], { activationLayer: nn.GELU, inplace: null, dropout: 0.1 });
 */
export class MLP extends Sequential {
  constructor(...args: MLPArgs) {
    super(...layers(args));
  }
}
