/**
 * The other half of worker-source: the package's classes by name, and the function a DataLoader
 * worker calls to rebuild an augmenter, a parameter or a random state from its class name and fields
 * (without running the constructor again, as pickle does).
 */
import * as augmenters from './augmenters/index';
import * as parameters from './parameters/index';
import { RandomState } from './random/random-state';
import { TRAVELLING_CLASSES } from './worker-source';

for (const [name, value] of [...Object.entries(augmenters), ...Object.entries(parameters), ['RandomState', RandomState] as const]) {
  if (typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value))) TRAVELLING_CLASSES.set(value, name);
}

const BY_NAME = new Map([...TRAVELLING_CLASSES].map(([cls, name]) => [name, cls]));

/**
 * @internal A DataLoader worker's call: the object of class `name` with `fields`, made without its constructor.
 */
export function reviveAugmentObject(name: string, fields: Record<string, unknown>): object {
  const cls = BY_NAME.get(name);
  if (cls === undefined) throw new Error(`@x/augment has no class ${name} to rebuild in this DataLoader worker (its classes: ${[...BY_NAME.keys()].join(', ')})`);
  return Object.assign(Object.create(cls.prototype as object) as object, fields);
}
