/**
 * torchvision's builders take "a callable returning a module" for their norm and activation layers
 * (`norm_layer=nn.BatchNorm2d`, `partial(nn.BatchNorm2d, eps=0.001)`). Here such a callable is a
 * Module class (`nn.BatchNorm2d`, built with `new`) or a plain function returning a module
 * (`(c) => new nn.BatchNorm2d(c, { eps: 0.001 })`).
 */
import { isOptionsObject } from '@x/tensor';
import { Module } from '@x/nn';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LayerFactory = (abstract new (...args: any[]) => Module) | ((...args: any[]) => Module);

/** Builds a layer from a Module class or a function returning a Module, checking what came back. */
export function buildLayer(factory: LayerFactory, ...args: unknown[]): Module {
  const isClass = (factory as { prototype?: unknown }).prototype instanceof Module;
  const made: unknown = isClass
    ? new (factory as new (...a: unknown[]) => Module)(...args)
    : (factory as (...a: unknown[]) => unknown)(...args);
  if (!(made instanceof Module)) {
    const name = (factory as { name?: string }).name || 'the layer factory';
    throw new TypeError(`${name}(${args.map(String).join(', ')}) must return an nn.Module, but it returned ${made === null ? 'null' : typeof made}`);
  }
  return made;
}

/**
 * Whether the caller gave the parameter at `position` (positionally or by `key` in the trailing
 * options object): `null` there means "no layer", while a parameter not given takes its default layer.
 */
export function argGiven(args: readonly unknown[], position: number, key: string): boolean {
  const last = args[args.length - 1];
  const hasOptions = args.length > 0 && isOptionsObject(last);
  const positional = hasOptions ? args.length - 1 : args.length;
  if (position < positional && args[position] !== undefined) return true;
  return hasOptions && (last as Record<string, unknown>)[key] !== undefined;
}
