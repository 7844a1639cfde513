/** Python's printed forms of the values transforms show in their repr (torchvision's f-strings). */

/** A float as Python's repr prints it: 1.0, 0.5, 1e-05, 1e+16. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    const [mant, exp] = v.toExponential().split('e') as [string, string];
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '');
    return `${mant}e${sign}${digits.padStart(2, '0')}`;
  }
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** A number the user gave (int or float): integers print without a decimal point, as Python's int. */
export function pyNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : pyFloat(v);
}

export function pyBool(v: boolean): string {
  return v ? 'True' : 'False';
}

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

/** A tuple as Python prints it: (1, 2), (1,). */
export function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}
