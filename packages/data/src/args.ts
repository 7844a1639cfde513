/** Python's checks of DataLoader and sampler arguments, with PyTorch's messages. */

/** Python's `len(x)` for the sized objects this package takes: `length`, or a TypeError naming what came. */
export function lengthOf(x: unknown, what = 'object'): number {
  const n = (x as { length?: unknown } | null | undefined)?.length;
  if (typeof n !== 'number') throw new TypeError(`${what} has no length: expected an object with a numeric 'length', got ${describe(x)}`);
  return n;
}

/** A short description of a value for error messages: its class name, or its type. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object' || typeof x === 'function') {
    const name = (x as { constructor?: { name?: string } }).constructor?.name;
    return typeof x === 'function' ? `function ${x.name || '(anonymous)'}` : name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return typeof x === 'string' ? `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}` : `${typeof x} ${String(x)}`;
}

/** A non-negative integer check with PyTorch's wording: `<name> should be a positive integer value, but got <name>=<value>`. */
export function checkPositiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} should be a positive integer value, but got ${name}=${String(value)}`);
  }
  return value;
}

export function checkBool(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} should be a boolean value, but got ${name}=${String(value)}`);
  return value;
}
