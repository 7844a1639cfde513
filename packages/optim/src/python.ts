/**
 * Python's way of printing values, for error messages and reprs that read as PyTorch's do
 * (`Invalid learning rate: 1e-05`, `betas: (0.9, 0.999)`, `foreach: None`).
 */
import { Tensor } from '@x/tensor';

/** Python's repr of a number: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
export function pyNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x);
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const e = Number(exponent);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(x);
}

/** Python's repr of a plain value: numbers, booleans (True/False), null (None), strings, tuples. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(', ')})`;
  if (v instanceof Tensor) return String(v);
  if (typeof v === 'function') return `<function ${v.name || '<lambda>'}>`;
  return String(v);
}

/** torch.typename(x): `torch.FloatTensor` for tensors, the Python type name for other values. */
export function typename(x: unknown): string {
  if (x instanceof Tensor) return x.type();
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'string') return 'str';
  if (typeof x === 'function') return 'function';
  if (Array.isArray(x)) return 'list';
  if (x instanceof Set) return 'set';
  if (x instanceof Map) return 'dict';
  if (isPlainObject(x)) return 'dict';
  return (x as object).constructor?.name ?? 'object';
}

/** A `{ … }` literal (what Python code writes as a dict or as keyword arguments). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
