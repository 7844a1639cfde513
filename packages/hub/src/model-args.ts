/**
 * A builder's arguments checked against the names it knows: an unknown key is refused with the
 * nearest known name suggested (timm passes unknown kwargs to the model's __init__, which raises).
 */
import { suggestName } from '@x/tensor';
import type { BuildArgs } from './registry';

export function takeArgs<D extends Record<string, unknown>>(model: string, args: BuildArgs, defaults: D): D & BuildArgs {
  const known = ['numClasses', 'inChans', ...Object.keys(defaults)];
  for (const key of Object.keys(args)) {
    if (known.includes(key)) continue;
    const near = suggestName(key, known);
    throw new TypeError(`${model}: unknown argument '${key}'${near ? ` (did you mean '${near}'?)` : ''}; it takes ${known.join(', ')}`);
  }
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(args)) if (v !== undefined) out[k] = v;
  return out as D & BuildArgs;
}
