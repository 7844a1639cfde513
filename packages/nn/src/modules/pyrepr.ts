/**
 * Python's repr of the values layers show in their extra_repr, so `String(net)` reads exactly as
 * PyTorch prints it. JavaScript has one number type: parameters PyTorch declares as float print as
 * Python floats (`eps=1e-05`, `p=0.5`, `alpha=1.0`), integral ones as ints.
 */

/** repr(float(x)): shortest round-trip digits, Python's switch to exponents below 1e-4 and from 1e16. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
}

/** An int if integral, else a float: for parameters PyTorch declares with an int default. */
export function pyNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : pyFloat(x);
}

export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

export function pyStr(s: string): string {
  return `'${s}'`;
}

/** A tuple of ints: `(4,)`, `(4, 6)`. */
export function pyTuple(xs: readonly number[], item: (x: number) => string = String): string {
  return xs.length === 1 ? `(${item(xs[0]!)},)` : `(${xs.map(item).join(', ')})`;
}

/** `None` for null, else the formatted value. */
export function pyOptional<T>(x: T | null | undefined, format: (v: T) => string): string {
  return x === null || x === undefined ? 'None' : format(x);
}
