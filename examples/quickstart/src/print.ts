/**
 * Python's print() for the values a ported tutorial prints, so the example's output can be compared
 * line for line with PyTorch's: tensors, sizes and modules print as PyTorch prints them (their
 * toString), null as None, booleans as True/False, and the plain objects, arrays and Maps that stand
 * for Python dicts and lists in their Python repr, with keys in PyTorch's snake_case spelling
 * (`weightDecay` → 'weight_decay'), as `print(optimizer.param_groups)` shows them. Integer keys of a
 * plain object (a state_dict's `state['0']`: JavaScript object keys are strings) print as Python's int keys.
 */
/** A plain array or object literal (a Python list or dict); a Size or Tensor prints through its own toString. */
const isList = (v: unknown): v is unknown[] => Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;
const isDict = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Python's repr of a float or int: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
function pyNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x);
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const e = Number(exponent);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(x);
}

/** Python's repr(), for values inside containers. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (isList(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  if (isDict(v)) {
    return `{${Object.entries(v).map(([k, x]) => `${/^\d+$/.test(k) ? k : `'${snake(k)}'`}: ${pyRepr(x)}`).join(', ')}}`;
  }
  return pyStr(v);
}

/** Python's str(). */
function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return v;
  if (isList(v) || v instanceof Map || isDict(v)) return pyRepr(v);
  return String(v);
}

/** print(*values): str() of each, joined by a space. */
export function print(...values: unknown[]): void {
  console.log(values.map(pyStr).join(' '));
}
