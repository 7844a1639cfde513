/**
 * PyTorch's calling convention in TypeScript (CONVENTIONS.md): positional arguments in PyTorch's
 * order, then one options object with camelCase keys, and any parameter given either way:
 * `new nn.Dropout(0.3)`, `new nn.Dropout({ p: 0.3 })`, `F.leakyRelu(x, 0.2, { inplace: true })`.
 * Mistakes raise Python's own TypeErrors, with PyTorch's snake_case parameter names.
 */

/** Every prefix of the positional tuple P, each optionally followed by the options object O. */
type Prefixes<P extends readonly unknown[]> = P extends readonly [...infer H, unknown] ? P | Prefixes<H> : P;
export type Args<P extends readonly unknown[], O> = Prefixes<P> extends infer Q
  ? Q extends readonly unknown[]
    ? [...Q] | [...Q, O]
    : never
  : never;

/** Marks a parameter without a default: it must come positionally or in the options object. */
export const REQUIRED: unique symbol = Symbol('required');

/** A plain `{ … }` object: the trailing options (never a tensor, array or class instance). */
export function isOptions(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** camelCase → snake_case, for PyTorch's parameter names in messages. */
export function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function quotedList(names: string[]): string {
  const q = names.map((n) => `'${snake(n)}'`);
  if (q.length === 1) return q[0]!;
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/**
 * Binds `args` (positionals, then maybe an options object) to the parameters of `spec`, whose keys
 * are listed in PyTorch's order with their defaults (REQUIRED for none). `positional` is how many of
 * them may come by position (the rest are keyword-only, like `device` and `dtype`). `fn` names the
 * callee in errors as Python does (`Linear.__init__`, `dropout`); `implicit` counts arguments Python
 * includes in its positional counts (1 for `self`).
 */
export function bindArgs<R>(fn: string, spec: Record<string, unknown>, positional: number, args: readonly unknown[], implicit = 0): R {
  const names = Object.keys(spec);
  const last = args[args.length - 1];
  const hasOptions = args.length > 0 && isOptions(last);
  const given = hasOptions ? args.slice(0, -1) : args.slice();
  const options = hasOptions ? (last as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  if (given.length > positional) {
    const required = names.slice(0, positional).filter((n) => spec[n] === REQUIRED).length;
    const takes = required === positional ? `${positional + implicit}` : `from ${required + implicit} to ${positional + implicit}`;
    throw new TypeError(`${fn}() takes ${takes} positional argument${positional + implicit === 1 ? '' : 's'} but ${given.length + implicit} ${given.length + implicit === 1 ? 'was' : 'were'} given`);
  }
  given.forEach((v, i) => {
    if (v !== undefined) out[names[i]!] = v;
  });
  for (const [k, v] of Object.entries(options)) {
    if (!(k in spec)) throw new TypeError(`${fn}() got an unexpected keyword argument '${snake(k)}'`);
    if (k in out) throw new TypeError(`${fn}() got multiple values for argument '${snake(k)}'`);
    if (v !== undefined) out[k] = v;
  }
  const missing = names.filter((n) => !(n in out) && spec[n] === REQUIRED);
  if (missing.length > 0) {
    throw new TypeError(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quotedList(missing)}`);
  }
  for (const n of names) if (!(n in out)) out[n] = spec[n];
  return out as R;
}
