/**
 * How Python's values look in JavaScript, where JavaScript has no exact twin:
 *
 * - a tuple is an array, remembered as a tuple so it is saved back as one (`tuple(1, 2)` makes one);
 * - a float that happens to be whole (1.0) needs `pyFloat(1)` to be saved as a float, since a JS
 *   number that is an integer is saved as a Python int;
 * - an OrderedDict is an object or Map remembered as ordered (`orderedDict(x)` marks one); PyTorch's
 *   state_dicts carry their module versions in `_metadata`, kept as a non-enumerable property so it
 *   goes back into the file but not into `Object.keys` or `loadStateDict`.
 */

const tuples = new WeakSet<readonly unknown[]>();
const orderedDicts = new WeakSet<object>();

/**
 * A Python tuple: an array that is saved as a tuple rather than a list.
 *
 * @example
 * await save({ betas: tuple(0.9, 0.999) }, 'opt.pth');
 */
export function tuple<T extends unknown[]>(...items: T): T {
  tuples.add(items);
  return items;
}

/** Marks an existing array as a tuple (in place) and returns it. */
export function asTuple<T extends unknown[]>(items: T): T {
  tuples.add(items);
  return items;
}

/** Whether an array is a tuple (made by tuple(), or loaded from a Python tuple). */
export function isTuple(x: unknown): boolean {
  return Array.isArray(x) && tuples.has(x);
}

/**
 * Marks a plain object or Map as an OrderedDict (in place) and returns it; `metadata` becomes its
 * `_metadata`, as PyTorch's `state_dict()` has.
 */
export function orderedDict<T extends object>(dict: T, metadata?: unknown): T {
  orderedDicts.add(dict);
  if (metadata !== undefined) setHiddenAttribute(dict, '_metadata', metadata);
  return dict;
}

/** Whether an object or Map was loaded from, or marked as, an OrderedDict. */
export function isOrderedDict(x: unknown): boolean {
  return typeof x === 'object' && x !== null && orderedDicts.has(x);
}

/** Attaches a Python attribute of a dict (like `_metadata`) without making it a key. */
export function setHiddenAttribute(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: false, writable: true, configurable: true });
}

/** The Python attributes of a dict that were attached with setHiddenAttribute (loaded `_metadata`, …). */
export function hiddenAttributes(target: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const name of Object.getOwnPropertyNames(target)) {
    const d = Object.getOwnPropertyDescriptor(target, name)!;
    if (!d.enumerable && 'value' in d && !(Array.isArray(target) && name === 'length')) out.push([name, d.value]);
  }
  return out;
}

/** A number to be saved as a Python float even when it is whole. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

/**
 * Saves x as a Python float (a JS number that is an integer is otherwise saved as an int).
 *
 * @example
 * await save({ lr: pyFloat(1) }, 'cfg.pth'); // Python sees 1.0, not 1
 */
export function pyFloat(x: number): PyFloat {
  return new PyFloat(x);
}

/** Keys a loaded Python dict can keep as a plain object's keys without changing their order or type. */
export function keysFitObject(keys: Iterable<unknown>): boolean {
  for (const k of keys) {
    if (typeof k !== 'string' || k === '__proto__' || isArrayIndex(k)) return false;
  }
  return true;
}

// Plain objects list integer-like keys first, in numeric order: such keys go in a Map to keep Python's order.
function isArrayIndex(k: string): boolean {
  if (k.length === 0 || k.length > 10) return false;
  if (!/^(0|[1-9][0-9]*)$/.test(k)) return false;
  return Number(k) < 4294967295;
}
