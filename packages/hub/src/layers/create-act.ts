/**
 * timm's activation layers by name (layers/create_act.py): get_act_layer resolves a name ('relu',
 * 'swish', 'hard_sigmoid', ...) to a layer maker; an activation that has no in-place form ignores
 * the request, as timm's create_act_layer does.
 */
import * as nn from '@x/nn';

/** Makes an activation layer, in place when asked and the layer can. */
export type ActLayer = (inplace?: boolean) => nn.Module;

const ACT_LAYERS: Record<string, ActLayer> = {
  relu: (inplace = false) => new nn.ReLU(inplace),
  relu6: (inplace = false) => new nn.ReLU6(inplace),
  leaky_relu: (inplace = false) => new nn.LeakyReLU({ inplace }),
  elu: (inplace = false) => new nn.ELU({ inplace }),
  celu: (inplace = false) => new nn.CELU({ inplace }),
  selu: (inplace = false) => new nn.SELU(inplace),
  silu: (inplace = false) => new nn.SiLU(inplace),
  swish: (inplace = false) => new nn.SiLU(inplace),
  mish: (inplace = false) => new nn.Mish(inplace),
  hard_swish: (inplace = false) => new nn.Hardswish(inplace),
  hardswish: (inplace = false) => new nn.Hardswish(inplace),
  hard_sigmoid: (inplace = false) => new nn.Hardsigmoid(inplace),
  hardsigmoid: (inplace = false) => new nn.Hardsigmoid(inplace),
  sigmoid: () => new nn.Sigmoid(),
  tanh: () => new nn.Tanh(),
  identity: () => new nn.Identity(),
};

/** timm's get_act_layer: a name (any case) or a layer maker → the layer maker. */
export function getActLayer(name: string | ActLayer): ActLayer {
  if (typeof name === 'function') return name;
  if (typeof name !== 'string') throw new TypeError(`getActLayer: expected an activation name or a layer maker, got ${typeof name}`);
  const act = ACT_LAYERS[name.toLowerCase()];
  if (!act) throw new Error(`unknown activation '${name}'; expected one of ${Object.keys(ACT_LAYERS).join(', ')}`);
  return act;
}

/** timm's create_act_layer: the activation layer itself. */
export function createActLayer(name: string | ActLayer, inplace = false): nn.Module {
  return getActLayer(name)(inplace);
}
