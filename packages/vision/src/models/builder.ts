/**
 * How a builder (`models.resnet18(options)`) is made: its options object is checked against the
 * keywords torchvision's builder takes (an unknown key is refused, the right spelling suggested),
 * and asking for weights makes it return a Promise of the loaded model.
 */
import { suggestName } from '@x/tensor';
import type { Module } from '@x/nn';
import { buildWithWeights, requestedWeights, type LoadHooks, type WeightsOptions, type WithWeights } from './weights';

/** A builder: the model, or with `weights` (a local `.pth` path) a Promise of the loaded model. */
export interface Builder<O, M extends Module> {
  (options: O & WeightsOptions & WithWeights): Promise<M>;
  (options?: O & WeightsOptions): M;
}

/** What a builder does around loading weights; afterLoad also sees the caller's options. */
export interface BuilderHooks<M extends Module, O> {
  prepareState?: LoadHooks<M>['prepareState'];
  afterLoad?: (model: M, options: O) => void;
}

const WEIGHTS_KEYS = ['weights', 'pretrained', 'progress'] as const;

/**
 * Defines builder `name`. `keys` are the model's own option names; `make` builds the model from
 * them, told whether weights will be loaded (torchvision then skips initialisation, and some models
 * change defaults, as inception_v3's transformInput). `hooks` adapt the loaded state dict or the
 * loaded model.
 */
export function defineBuilder<O extends object, M extends Module>(
  name: string,
  weightsEnum: string,
  keys: readonly (keyof O & string)[],
  make: (options: O, loadsWeights: boolean) => M,
  hooks: BuilderHooks<M, O> = {},
): Builder<O, M> {
  const known: readonly string[] = [...keys, ...WEIGHTS_KEYS];
  function builder(options: O & WeightsOptions = {} as O & WeightsOptions): M | Promise<M> {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError(`${name}(): expected an options object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
    }
    for (const key of Object.keys(options)) {
      if (known.includes(key)) continue;
      const suggestion = suggestName(key, known);
      throw new TypeError(`${name}() got an unexpected keyword argument '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
    }
    const weights = requestedWeights(options);
    const own = Object.fromEntries(Object.entries(options).filter(([k]) => !(WEIGHTS_KEYS as readonly string[]).includes(k))) as O;
    return buildWithWeights(name, weightsEnum, weights, () => make(own, weights !== null), {
      prepareState: hooks.prepareState,
      afterLoad: (model) => hooks.afterLoad?.(model, own),
    });
  }
  return builder as Builder<O, M>;
}
