/**
 * A torchvision builder (`mobilenet_v2(*, weights=None, progress=True, **kwargs)`): the model's own
 * options plus `weights` / `pretrained` / `progress`; with weights (a local `.pth`) it returns a
 * Promise of the loaded model, without them the model itself.
 */
import type { Module } from '@x/nn';
import { buildWithWeights, requestedWeights, type WeightsOptions, type WithWeights } from './weights';

export interface Builder<O, M extends Module> {
  (options: O & WeightsOptions & WithWeights): Promise<M>;
  (options?: O & WeightsOptions): M;
}

/** The builder `name` (its weights enum `weightsEnum` names them in errors) making models with `make`. */
export function defineBuilder<O extends object, M extends Module>(name: string, weightsEnum: string, make: (options: O) => M): Builder<O, M> {
  function builder(options: O & WeightsOptions & WithWeights): Promise<M>;
  function builder(options?: O & WeightsOptions): M;
  function builder(options: O & WeightsOptions = {} as O): M | Promise<M> {
    const { weights: _weights, pretrained: _pretrained, progress: _progress, ...rest } = options;
    return buildWithWeights(name, weightsEnum, requestedWeights(options), () => make(rest as unknown as O));
  }
  return builder;
}
