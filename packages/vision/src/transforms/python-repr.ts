/** Python's printed forms of the values transforms show in their repr (torchvision's f-strings), beyond nn's. */
import { pyBool, pyFloat, pyNumber } from '@x/nn';

export { pyBool, pyFloat, pyNumber };

/** A value as Python prints it: null → None, booleans, numbers as given, arrays as lists. */
export function pyValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return pyBool(v);
  if (typeof v === 'number') return pyNumber(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  return String(v);
}

/** A list of floats: [-30.0, 30.0]. */
export function pyFloatList(v: readonly number[]): string {
  return `[${v.map(pyFloat).join(', ')}]`;
}

/** A tuple of already printed items: (1, 2), (1,). */
export function pyTupleOf(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}
