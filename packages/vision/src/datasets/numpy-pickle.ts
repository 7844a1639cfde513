/**
 * Plain Python pickles holding numpy arrays (CIFAR's batches), read with @x/serialize's restricted
 * unpickler: numpy arrays and dtypes are rebuilt as data, nothing else a pickle names is accepted.
 */
import { readFileSync } from 'node:fs';
import { PyDict, unpickle, type PyGlobal } from '@x/serialize';

/** A numpy array as pickled: its shape, dtype code ('u1', '<i8', …) and raw bytes (C order). */
export class NdArray {
  shape: number[] = [];
  dtype = '';
  fortran = false;
  data: Uint8Array = new Uint8Array(0);

  build(state: unknown): void {
    const [, shape, dtype, fortran, raw] = state as [number, number[], NumpyDType, boolean, unknown];
    if (!(dtype instanceof NumpyDType)) throw new Error('a pickled numpy array without its dtype');
    this.shape = [...shape];
    this.dtype = dtype.code;
    this.fortran = fortran;
    if (raw instanceof Uint8Array) this.data = raw;
    else if (typeof raw === 'string') this.data = latin1Bytes(raw);
    else throw new Error(`a pickled numpy array of dtype ${dtype.code} holds Python objects, not raw bytes`);
  }
}

class NumpyDType {
  constructor(readonly code: string) {}
  build(): void {}
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const NDARRAY: PyGlobal = { qualname: 'numpy.ndarray' };

function findGlobal(module: string, name: string): unknown {
  const qualname = `${module}.${name}`;
  switch (qualname) {
    case 'numpy.core.multiarray._reconstruct':
    case 'numpy._core.multiarray._reconstruct':
      return { qualname, call: () => new NdArray() } satisfies PyGlobal;
    case 'numpy.ndarray':
      return NDARRAY;
    case 'numpy.dtype':
      return { qualname, call: (args: readonly unknown[]) => new NumpyDType(String(args[0])) } satisfies PyGlobal;
    case '_codecs.encode':
      return { qualname, call: (args: readonly unknown[]) => latin1Bytes(String(args[0])) } satisfies PyGlobal;
    default:
      throw new Error(`the pickle names ${qualname}, which is not a numpy array or a plain value`);
  }
}

/** Python values as JavaScript ones: dicts → plain objects (str keys), the rest as the unpickler gives them. */
function plain(x: unknown): unknown {
  if (x instanceof PyDict) return Object.fromEntries([...x.map].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(x)) return x.map(plain);
  return x;
}

/** `pickle.load(open(file, 'rb'), encoding='latin1')` for a pickle of dicts, lists, numbers, strings and numpy arrays. */
export function loadNumpyPickle(file: string): unknown {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return plain(unpickle(bytes, { findGlobal, py2StrEncoding: 'latin1' }).value);
  } catch (e) {
    throw new Error(`${file} is not a readable pickle of numpy data: ${(e as Error).message}`);
  }
}
