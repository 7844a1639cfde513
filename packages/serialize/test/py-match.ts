/**
 * Compares a JavaScript value with the canonical description of a Python value that
 * tools/gen_serialize_fixtures.py's describe() writes (see its docstring), returning the mismatches.
 *
 * `strict` (files written here, read by PyTorch): a JS number that is an integer must have become a
 * Python int and a PyFloat or fractional number a float. Loose (files written by PyTorch, read here):
 * a Python float 1.0 may arrive as the JS number 1.
 */
import { createHash } from 'node:crypto';
import { Tensor, itemSize, type Storage } from '@x/tensor';
import { PyFloat, isOrderedDict, isTuple } from '../src/python-values';
import { tensorBytes } from '../src/tensor-bytes';
import { isParameterTensor } from '../src/class-registry';

type Enc = unknown;

export interface MatchOptions {
  strict?: boolean;
}

function floatOf(e: { $float: number | string }): number {
  const v = e.$float;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

function isObj(e: unknown, key: string): e is Record<string, unknown> {
  return typeof e === 'object' && e !== null && !Array.isArray(e) && key in e;
}

export async function matchPy(actual: unknown, expected: Enc, options: MatchOptions = {}): Promise<string[]> {
  const errors: string[] = [];
  const storageIds = new Map<Storage, number>();
  const strict = options.strict ?? false;

  const keyMatches = (k: unknown, e: Enc): boolean => {
    if (typeof e === 'string') return k === e;
    if (isObj(e, '$int')) return (typeof k === 'number' || typeof k === 'bigint') && BigInt(k) === BigInt(e.$int as string);
    return false;
  };

  const tensor = async (t: unknown, e: Record<string, unknown>, p: string): Promise<void> => {
    if (!(t instanceof Tensor)) {
      errors.push(`${p}: expected a tensor, got ${typeof t}`);
      return;
    }
    const want = (what: string, a: unknown, b: unknown): void => {
      if (JSON.stringify(a) !== JSON.stringify(b)) errors.push(`${p}: ${what} ${JSON.stringify(a)} != expected ${JSON.stringify(b)}`);
    };
    want('dtype', t.dtype, e.dtype);
    want('shape', t.shape, e.shape);
    want('stride', t.strides, e.stride);
    want('offset', t.offset, e.offset);
    want('requires_grad', t.requiresGrad, e.requires_grad);
    want('parameter', isParameterTensor(t), e.parameter);
    if (!storageIds.has(t.storage)) storageIds.set(t.storage, storageIds.size);
    want('storage', storageIds.get(t.storage), e.storage);
    const numel = Math.floor(t.storage.byteLength / itemSize(t.dtype));
    // An empty storage is allocated with one element (backends are never asked for 0 bytes).
    if (!(e.storage_numel === 0 && numel === 1)) want('storage_numel', numel, e.storage_numel);
    const sha = createHash('sha256').update(await tensorBytes(t)).digest('hex');
    want('sha256', sha, e.sha256);
    if (e.values !== undefined) {
      const values = t.numpy();
      const exp = e.values as Enc[];
      if (values.length !== exp.length) errors.push(`${p}: ${values.length} values != expected ${exp.length}`);
      for (let i = 0; i < Math.min(values.length, exp.length); i++) {
        const a = values[i]!;
        const b = exp[i];
        const ok =
          t.dtype === 'int64' ? String(a) === b :
          t.dtype === 'bool' ? (a === 1) === b :
          isObj(b, '$float') ? sameNumber(Number(a), floatOf(b as { $float: number })) : Number(a) === b;
        if (!ok) {
          errors.push(`${p}: value ${i} is ${String(a)}, expected ${JSON.stringify(b)}`);
          break;
        }
      }
    }
  };

  const match = async (a: unknown, e: Enc, p: string): Promise<void> => {
    if (e === null) {
      if (a !== null && a !== undefined) errors.push(`${p}: expected None, got ${String(a)}`);
      return;
    }
    if (typeof e === 'boolean' || typeof e === 'string') {
      if (a !== e) errors.push(`${p}: ${JSON.stringify(a)} != expected ${JSON.stringify(e)}`);
      return;
    }
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || isTuple(a)) return void errors.push(`${p}: expected a list, got ${isTuple(a) ? 'a tuple' : typeof a}`);
      if (a.length !== e.length) return void errors.push(`${p}: list of ${a.length} != expected ${e.length}`);
      for (let i = 0; i < e.length; i++) await match(a[i], e[i], `${p}[${i}]`);
      return;
    }
    if (typeof e !== 'object') throw new Error(`bad expectation at ${p}`);
    const o = e as Record<string, unknown>;
    if ('$int' in o) {
      const isInt = (typeof a === 'number' && Number.isInteger(a) && !Object.is(a, -0)) || typeof a === 'bigint';
      if (!isInt || BigInt(a as number) !== BigInt(o.$int as string)) errors.push(`${p}: ${String(a)} != expected int ${String(o.$int)}`);
      return;
    }
    if ('$float' in o) {
      const v = a instanceof PyFloat ? a.value : a;
      if (typeof v !== 'number' || !sameNumber(v, floatOf(o as { $float: number }))) return void errors.push(`${p}: ${String(v)} != expected float ${String(o.$float)}`);
      if (strict && !(a instanceof PyFloat) && Number.isInteger(v) && !Object.is(v, -0)) errors.push(`${p}: ${v} was saved as an int, expected a float`);
      return;
    }
    if ('$bytes' in o) {
      if (!(a instanceof Uint8Array) || Buffer.from(a).toString('hex') !== o.$bytes) errors.push(`${p}: bytes differ`);
      return;
    }
    if ('$tuple' in o) {
      if (!Array.isArray(a) || !isTuple(a)) return void errors.push(`${p}: expected a tuple`);
      const items = o.$tuple as Enc[];
      if (a.length !== items.length) return void errors.push(`${p}: tuple of ${a.length} != expected ${items.length}`);
      for (let i = 0; i < items.length; i++) await match(a[i], items[i], `${p}[${i}]`);
      return;
    }
    if ('$size' in o) {
      if (!Array.isArray(a) || JSON.stringify(a) !== JSON.stringify(o.$size)) errors.push(`${p}: ${JSON.stringify(a)} != expected torch.Size ${JSON.stringify(o.$size)}`);
      return;
    }
    if ('$set' in o) {
      if (!(a instanceof Set)) return void errors.push(`${p}: expected a Set`);
      const items = o.$set as Enc[];
      if (a.size !== items.length) return void errors.push(`${p}: set of ${a.size} != expected ${items.length}`);
      for (const it of items) if (![...a].some((v) => keyMatches(v, it))) errors.push(`${p}: set lacks ${JSON.stringify(it)}`);
      return;
    }
    if ('$dtype' in o) {
      if (a !== o.$dtype) errors.push(`${p}: ${String(a)} != expected dtype ${String(o.$dtype)}`);
      return;
    }
    if ('$device' in o) {
      if (a !== o.$device) errors.push(`${p}: ${String(a)} != expected device ${String(o.$device)}`);
      return;
    }
    if ('$tensor' in o) return tensor(a, o.$tensor as Record<string, unknown>, p);
    if ('$dict' in o) {
      const items = o.$dict as [Enc, Enc][];
      let entries: [unknown, unknown][];
      if (a instanceof Map) entries = [...a.entries()];
      else if (typeof a === 'object' && a !== null && !Array.isArray(a) && !(a instanceof Tensor)) entries = Object.entries(a);
      else return void errors.push(`${p}: expected a dict, got ${typeof a}`);
      if (entries.length !== items.length) return void errors.push(`${p}: dict of ${entries.length} keys != expected ${items.length}: ${entries.map(([k]) => String(k)).join(', ')}`);
      for (let i = 0; i < items.length; i++) {
        const [k, v] = entries[i]!;
        const [ek, ev] = items[i]!;
        if (!keyMatches(k, ek)) errors.push(`${p}: key ${i} is ${String(k)}, expected ${JSON.stringify(ek)}`);
        await match(v, ev, `${p}[${JSON.stringify(String(k))}]`);
      }
      const hasMeta = Object.getOwnPropertyDescriptor(a, '_metadata') !== undefined;
      const ordered = isOrderedDict(a) || hasMeta;
      if (ordered !== o.ordered) errors.push(`${p}: ordered ${ordered} != expected ${String(o.ordered)}`);
      if (o.metadata !== undefined) await match((a as { _metadata?: unknown })._metadata, o.metadata, `${p}._metadata`);
      else if (hasMeta) errors.push(`${p}: has _metadata, expected none`);
      return;
    }
    throw new Error(`unknown expectation ${JSON.stringify(e).slice(0, 80)} at ${p}`);
  };

  await match(actual, expected, '$');
  return errors;
}
