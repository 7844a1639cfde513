/**
 * Python-style arguments for augmenter constructors: imgaug's positional parameters in order, then
 * one trailing options object with the keyword arguments in camelCase. `new iaa.Fliplr(0.5)`,
 * `new iaa.Fliplr(0.5, { seed: 1 })` and `new iaa.Fliplr({ p: 0.5, seed: 1 })` are the same.
 */
import { isOptionsObject, suggestName } from '@x/tensor';

/** The options every augmenter takes (imgaug's `seed` and `name`; `deterministic`, deprecated there, kept). */
export const AUGMENTER_OPTION_NAMES = ['seed', 'name', 'deterministic'] as const;

/**
 * The arguments by name: positional ones take `names` in order; a trailing plain object holds the
 * rest by name. An unknown name is refused with the closest right spelling.
 */
export function parseArguments(who: string, args: readonly unknown[], names: readonly string[]): Record<string, unknown> {
  const allowed = [...names, ...AUGMENTER_OPTION_NAMES];
  let positional = [...args];
  while (positional.length > 0 && positional[positional.length - 1] === undefined) positional.pop();
  let options: Record<string, unknown> = {};
  const last = positional[positional.length - 1];
  if (isOptionsObject(last)) {
    options = last;
    positional = positional.slice(0, -1);
  }
  if (positional.length > names.length) {
    throw new TypeError(`${who}() takes ${names.length} positional argument${names.length === 1 ? '' : 's'} (${names.join(', ')}) but ${positional.length} were given`);
  }
  const out: Record<string, unknown> = {};
  positional.forEach((v, i) => (out[names[i]!] = v));
  for (const [key, value] of Object.entries(options)) {
    if (!allowed.includes(key)) {
      const hint = suggestName(key, allowed);
      throw new TypeError(`${who}() got an unexpected keyword argument '${key}'${hint === undefined ? '' : `; did you mean '${hint}'?`} (it takes ${allowed.join(', ')})`);
    }
    if (key in out) throw new TypeError(`${who}() got multiple values for argument '${key}'`);
    out[key] = value;
  }
  return out;
}
