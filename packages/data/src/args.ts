/** Python-style call arguments: positional in PyTorch's order, or keywords in one trailing options object. */

/** Whether x is a plain options object (`{ … }`), as opposed to a value passed positionally. */
export function isOptionsObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Merges positional arguments, named by `positional` in PyTorch's order, with a trailing options
 * object that may also name `keywordOnly` parameters. Like Python it rejects too many positionals,
 * an argument given twice, and an unknown keyword.
 */
export function parseArgs<T extends object>(
  fn: string,
  args: readonly unknown[],
  positional: readonly (keyof T & string)[],
  keywordOnly: readonly (keyof T & string)[] = [],
): Partial<T> {
  const last = args[args.length - 1];
  const options = args.length > 0 && isOptionsObject(last) ? last : undefined;
  const values = options ? args.slice(0, -1) : args;
  if (values.length > positional.length) {
    throw new TypeError(`${fn}() takes at most ${positional.length} positional arguments but ${values.length} were given`);
  }
  const out: Record<string, unknown> = {};
  if (options) {
    const known = new Set<string>([...positional, ...keywordOnly]);
    for (const key of Object.keys(options)) {
      if (!known.has(key)) throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'`);
      out[key] = options[key];
    }
  }
  values.forEach((value, i) => {
    const name = positional[i]!;
    if (options && name in options) throw new TypeError(`${fn}() got multiple values for argument '${name}'`);
    out[name] = value;
  });
  return out as Partial<T>;
}

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
