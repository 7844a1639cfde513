/** torch.utils.data.default_collate and default_convert. */
import { stack, tensor, Tensor } from '@x/tensor';
import type { DType } from '@x/tensor';

const ERROR = 'default_collate: batch must contain tensors, typed arrays, numbers, booleans, bigints, strings, records, Maps or arrays; found';

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array | Int8Array | Int16Array | Uint16Array | Uint32Array;

function isTypedArray(x: unknown): x is Typed {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/** A typed array as a tensor of the matching dtype (PyTorch's torch.as_tensor of a numpy array). */
function typedToTensor(a: Typed): Tensor {
  const dtype: DType | undefined =
    a instanceof Float32Array ? 'float32' : a instanceof Float64Array ? 'float64' : a instanceof BigInt64Array ? 'int64'
      : a instanceof Uint8Array ? 'uint8' : a instanceof Uint32Array ? 'int64' : 'int32';
  return tensor(a, { dtype });
}

/**
 * Puts a list of samples together as PyTorch's default_collate does: tensors are stacked along a new
 * first dim; numbers become a tensor (int64 when every one is an integer, float64 otherwise: JS
 * has one number type, so the batch decides where Python looks at the type); booleans a bool
 * tensor; bigints int64; typed arrays are stacked like numpy arrays; strings stay a list; records
 * and Maps are collated key by key; arrays (PyTorch's tuples and lists) position by position.
 *
 * @example
 * defaultCollate([[torch.zeros(3), 0], [torch.ones(3), 1]]); // [tensor [2, 3], tensor([0, 1])]
 */
export function defaultCollate(batch: readonly unknown[]): any {
  if (!Array.isArray(batch) || batch.length === 0) throw new TypeError('default_collate: expected a non-empty list of samples');
  const elem = batch[0];
  if (elem instanceof Tensor) {
    batch.forEach((b, i) => {
      if (!(b instanceof Tensor)) throw new TypeError(`default_collate: sample 0 is a tensor but sample ${i} is ${kindOf(b)}`);
    });
    return stack(batch as Tensor[], 0);
  }
  if (isTypedArray(elem)) return stack(batch.map((a, i) => (isTypedArray(a) ? typedToTensor(a) : mismatch(i, 'a typed array', a))), 0);
  if (typeof elem === 'number') {
    const nums = batch.map((x, i) => (typeof x === 'number' ? x : mismatch(i, 'a number', x)));
    return tensor(nums, { dtype: nums.every(Number.isInteger) ? 'int64' : 'float64' });
  }
  if (typeof elem === 'boolean') return tensor(batch.map((x, i) => (typeof x === 'boolean' ? x : mismatch(i, 'a boolean', x))));
  if (typeof elem === 'bigint') return tensor(batch.map((x, i) => (typeof x === 'bigint' ? x : mismatch(i, 'a bigint', x))), { dtype: 'int64' });
  if (typeof elem === 'string') return batch.slice();
  if (elem instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const key of elem.keys()) {
      out.set(key, defaultCollate(batch.map((d, i) => {
        if (!(d instanceof Map) || !d.has(key)) throw new Error(`default_collate: sample ${i} has no key ${String(key)} (sample 0 has it)`);
        return d.get(key);
      })));
    }
    return out;
  }
  if (isRecord(elem)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) {
      out[key] = defaultCollate(batch.map((d, i) => {
        if (!isRecord(d) || !(key in d)) throw new Error(`default_collate: sample ${i} has no key '${key}' (sample 0 has it)`);
        return d[key];
      }));
    }
    return out;
  }
  if (Array.isArray(elem)) {
    const size = elem.length;
    batch.forEach((b) => {
      if (!Array.isArray(b) || b.length !== size) throw new Error('each element in list of batch should be of equal size');
    });
    return Array.from({ length: size }, (_, j) => defaultCollate(batch.map((b) => (b as unknown[])[j])));
  }
  throw new TypeError(`${ERROR} ${kindOf(elem)}`);
}

function mismatch(i: number, expected: string, got: unknown): never {
  throw new TypeError(`default_collate: sample 0 is ${expected} but sample ${i} is ${kindOf(got)}`);
}

/**
 * PyTorch's default_convert, used instead of collation when `batchSize` is null: typed arrays become
 * tensors; records, Maps and arrays are converted element by element; anything else is kept.
 */
export function defaultConvert(data: unknown): any {
  if (data instanceof Tensor) return data;
  if (isTypedArray(data)) return typedToTensor(data);
  if (data instanceof Map) return new Map([...data].map(([k, v]) => [k, defaultConvert(v)]));
  if (isRecord(data)) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, defaultConvert(v)]));
  if (Array.isArray(data)) return data.map(defaultConvert);
  return data;
}
