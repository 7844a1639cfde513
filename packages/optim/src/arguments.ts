/**
 * Python's argument binding for constructors: PyTorch's positional parameters stay positional,
 * and every keyword PyTorch accepts is also accepted in one trailing options object
 * (`new SGD(params, 0.1, 0.9)`, `new SGD(params, { lr: 0.1, momentum: 0.9 })`).
 */
import { isPlainObject } from './python';

/**
 * Binds `args` to `names`: the first `positional` names may come by position, all of them by the
 * trailing options object. Unknown or doubled names fail as Python's would.
 */
export function bindArguments(
  owner: string, names: readonly string[], positional: number, args: readonly unknown[], required: readonly string[] = [],
): Record<string, unknown> {
  let positionalArgs = args;
  let options: Record<string, unknown> = {};
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last)) {
    options = last;
    positionalArgs = args.slice(0, -1);
  }
  if (positionalArgs.length > positional) {
    throw new TypeError(`${owner}() takes at most ${positional} positional arguments after the first but ${positionalArgs.length} were given`);
  }
  const bound: Record<string, unknown> = {};
  positionalArgs.forEach((v, i) => {
    if (v !== undefined) bound[names[i]!] = v;
  });
  for (const [k, v] of Object.entries(options)) {
    if (!names.includes(k)) throw new TypeError(`${owner}() got an unexpected keyword argument '${k}'`);
    if (k in bound) throw new TypeError(`${owner}() got multiple values for argument '${k}'`);
    if (v !== undefined) bound[k] = v;
  }
  const missing = required.filter((k) => !(k in bound));
  if (missing.length > 0) {
    const list = missing.map((k) => `'${k}'`).join(missing.length === 2 ? ' and ' : ', ');
    throw new TypeError(`${owner}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`);
  }
  return bound;
}
