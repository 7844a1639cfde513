/** Strided element access for the reference backend: offsets, and loads/stores through float64. */
import type { View } from '../backend';
import type { DType, StorageArray } from '../dtype';
import { storageArrayType } from '../dtype';
import { bf16BitsToF32, f16BitsToF32, f32ToBF16Bits, f32ToF16Bits } from '../half';
import { numelOf } from '../shape';

/** The reference backend's storage: plain bytes, viewed per dtype on access. */
export class HostBuffer {
  private readonly views = new Map<DType, StorageArray>();
  constructor(readonly bytes: ArrayBuffer) {}
  as(dtype: DType): StorageArray {
    let v = this.views.get(dtype);
    if (!v) {
      const Ctor = storageArrayType(dtype);
      const size = Ctor === Float64Array || Ctor === BigInt64Array ? 8 : Ctor === Float32Array || Ctor === Int32Array ? 4 : Ctor === Uint16Array ? 2 : 1;
      v = new Ctor(this.bytes, 0, Math.floor(this.bytes.byteLength / size));
      this.views.set(dtype, v);
    }
    return v;
  }
}

/** A view of the reference backend's storage. */
export type HostView = View<HostBuffer>;

export function bufferOf(v: HostView): StorageArray {
  return v.storage.handle.as(v.dtype);
}

/** Element offsets of a view in row-major logical order. */
export function offsetsOf(v: View): Float64Array {
  const { shape, strides } = v;
  const n = numelOf(shape);
  const out = new Float64Array(n);
  const nd = shape.length;
  if (nd === 0) {
    if (n === 1) out[0] = v.offset;
    return out;
  }
  const idx = new Array<number>(nd).fill(0);
  let off = v.offset;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      off += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/** Values of a view in logical order, as float64 (int64 above 2^53 loses precision: reference only). */
export function load(v: HostView): Float64Array {
  const offs = offsetsOf(v);
  const buf = bufferOf(v);
  const out = new Float64Array(offs.length);
  switch (v.dtype) {
    case 'float16':
      for (let i = 0; i < offs.length; i++) out[i] = f16BitsToF32((buf as Uint16Array)[offs[i]!]!);
      break;
    case 'bfloat16':
      for (let i = 0; i < offs.length; i++) out[i] = bf16BitsToF32((buf as Uint16Array)[offs[i]!]!);
      break;
    case 'int64':
      for (let i = 0; i < offs.length; i++) out[i] = Number((buf as BigInt64Array)[offs[i]!]!);
      break;
    default:
      for (let i = 0; i < offs.length; i++) out[i] = (buf as Float64Array)[offs[i]!]!;
  }
  return out;
}

/** Scalar conversion to a dtype's value, as a C cast would do it. */
export function storeOne(buf: StorageArray, dtype: DType, off: number, x: number): void {
  switch (dtype) {
    case 'float16':
      (buf as Uint16Array)[off] = f32ToF16Bits(x);
      return;
    case 'bfloat16':
      (buf as Uint16Array)[off] = f32ToBF16Bits(x);
      return;
    case 'int64':
      (buf as BigInt64Array)[off] = Number.isFinite(x) ? BigInt.asIntN(64, BigInt(Math.trunc(x))) : x !== x ? 0n : -(2n ** 63n);
      return;
    case 'bool':
      (buf as Uint8Array)[off] = x !== 0 ? 1 : 0;
      return;
    case 'int32':
    case 'uint8':
      (buf as Int32Array)[off] = Number.isFinite(x) ? Math.trunc(x) : x !== x ? 0 : (dtype === 'int32' ? -2147483648 : 0);
      return;
    default:
      (buf as Float64Array)[off] = x;
  }
}

/** Writes values (logical order) through a view, converting to its dtype. */
export function store(v: HostView, values: ArrayLike<number>): void {
  const offs = offsetsOf(v);
  const buf = bufferOf(v);
  for (let i = 0; i < offs.length; i++) storeOne(buf, v.dtype, offs[i]!, values[i]!);
}
