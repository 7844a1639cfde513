/**
 * How @x/augment's objects travel to DataLoader workers without the user exporting anything: an
 * augmenter, a parameter or a random state describes itself (@x/data's `workerSource`, pickle's
 * `__reduce__`) as "call this package's `reviveAugmentObject` with my class name and my fields", and
 * the worker, importing this package, rebuilds it. The package's classes are listed here when its
 * entry is loaded (worker-revive); an object of another class (a user's subclass) is sent the
 * ordinary way, by its own module.
 *
 * No imports here: base classes use this, and the list of classes is filled from outside, so no
 * import cycle runs through the augmenters' modules.
 */

/** The package's classes that travel by name. */
export const TRAVELLING_CLASSES = new Map<Function, string>();

/** This package's entry beside the running file: src/index.ts from source, dist/index.js or .cjs built. */
function packageEntryUrl(): URL {
  const here = new URL(import.meta.url);
  const ext = /\.[cm]?[jt]s$/.exec(here.pathname)?.[0] ?? '.js';
  return new URL(`./index${ext}`, here);
}

/** What @x/data's worker codec asks an object for: how a worker rebuilds it, or undefined to send it the ordinary way. */
export function workerSourceOf(obj: object): { module: URL; export: string; args: unknown[] } | undefined {
  const name = TRAVELLING_CLASSES.get(obj.constructor);
  if (name === undefined) return undefined;
  return { module: packageEntryUrl(), export: 'reviveAugmentObject', args: [name, Object.fromEntries(Object.entries(obj))] };
}
