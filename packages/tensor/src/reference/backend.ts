/**
 * The reference backend: every kernel in plain TypeScript, computed through float64. It defines the
 * semantics the fast backends are tested against, and serves 'cpu' when no faster backend is loaded.
 */
import type { Backend, BinaryOp, Im2ColParams, RandomArgs, ReduceOp, ScanOp, UnaryOp } from '../backend';
import type { DType, StorageArray } from '../dtype';
import { isFloatingPoint } from '../dtype';
import { bf16BitsToF32, f16BitsToF32 } from '../half';
import { philoxValue } from '../random/philox';
import { numelOf } from '../shape';
import { BINARY, INTEGER_BINARY, UNARY } from './math';
import * as int64 from './int64';
import { col2im, im2col } from './im2col';
import { bufferOf, HostBuffer, load, offsetsOf, store, storeOne, type HostView } from './strided';

function scalarOrLoad(x: HostView | number, n: number): ArrayLike<number> {
  if (typeof x === 'number') return new Float64Array(n).fill(x);
  return load(x);
}



export class ReferenceBackend implements Backend<HostBuffer> {
  readonly name: string = 'reference';
  readonly device: string = 'cpu';
  private bytes = 0;

  alloc(byteLength: number): HostBuffer {
    this.bytes += byteLength;
    return new HostBuffer(new ArrayBuffer(byteLength));
  }
  free(handle: HostBuffer): void {
    this.bytes -= handle.bytes.byteLength;
  }
  write(handle: HostBuffer, data: StorageArray, offset: number): void {
    const dst = new Uint8Array(handle.bytes);
    dst.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset * data.BYTES_PER_ELEMENT);
  }
  readSync(handle: HostBuffer, dtype: DType, offset: number, length: number): StorageArray {
    const all = handle.as(dtype);
    return all.subarray(offset, offset + length) as StorageArray;
  }
  read(handle: HostBuffer, dtype: DType, offset: number, length: number): Promise<StorageArray> {
    return Promise.resolve(this.readSync(handle, dtype, offset, length).slice() as StorageArray);
  }
  bytesInUse(): number {
    return this.bytes;
  }

  unary(op: UnaryOp, x: HostView, out: HostView): void {
    if (x.dtype === 'int64' && int64.hasExactUnary(op)) return int64.unary(op, x, out);
    const f = UNARY[op];
    const xs = load(x);
    const ys = new Float64Array(xs.length);
    if (op === 'bitwiseNot' && x.dtype === 'bool') for (let i = 0; i < xs.length; i++) ys[i] = xs[i] ? 0 : 1;
    else for (let i = 0; i < xs.length; i++) ys[i] = f(xs[i]!);
    store(out, ys);
  }

  binary(op: BinaryOp, a: HostView | number, b: HostView | number, out: HostView): void {
    const n = numelOf(out.shape);
    const dtype = typeof a === 'number' ? (b as HostView).dtype : a.dtype;
    if (dtype === 'int64') return int64.binary(op, a, b, out);
    const f = (!isFloatingPoint(dtype) && INTEGER_BINARY[op]) || BINARY[op];
    const as = scalarOrLoad(a, n);
    const bs = scalarOrLoad(b, n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) ys[i] = f(as[i]!, bs[i]!);
    store(out, ys);
  }

  where(cond: HostView, a: HostView, b: HostView, out: HostView): void {
    const c = load(cond);
    const as = load(a);
    const bs = load(b);
    if (out.dtype === 'int64') {
      const ab = int64.loadBig(a, c.length);
      const bb = int64.loadBig(b, c.length);
      const offs = offsetsOf(out);
      const buf = bufferOf(out) as BigInt64Array;
      for (let i = 0; i < c.length; i++) buf[offs[i]!] = c[i] ? ab[i]! : bb[i]!;
      return;
    }
    const ys = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) ys[i] = c[i] ? as[i]! : bs[i]!;
    store(out, ys);
  }

  copy(src: HostView, dst: HostView): void {
    if (src.dtype === dst.dtype) {
      const so = offsetsOf(src);
      const dOff = offsetsOf(dst);
      const sb = bufferOf(src);
      const db = bufferOf(dst);
      for (let i = 0; i < so.length; i++) (db as Float64Array)[dOff[i]!] = (sb as Float64Array)[so[i]!]!;
      return;
    }
    if (src.dtype === 'int64' && (dst.dtype === 'int32' || dst.dtype === 'uint8')) {
      // Integer narrowing wraps modulo 2^bits, exactly (C's conversion on two's complement).
      const bits = dst.dtype === 'int32' ? 32 : 8;
      const vs = int64.loadBig(src, 0);
      const dOff = offsetsOf(dst);
      const db = bufferOf(dst) as Int32Array;
      for (let i = 0; i < vs.length; i++) db[dOff[i]!] = Number(BigInt.asIntN(bits, vs[i]!));
      return;
    }
    store(dst, load(src));
  }

  fill(dst: HostView, value: number): void {
    const offs = offsetsOf(dst);
    const buf = bufferOf(dst);
    for (let i = 0; i < offs.length; i++) storeOne(buf, dst.dtype, offs[i]!, value);
  }

  reduce(op: ReduceOp, x: HostView, out: HostView): void {
    if (x.dtype === 'int64') return int64.reduce(op, x, out);
    const outer = numelOf(out.shape);
    const xs = load(x);
    const inner = outer === 0 ? 0 : xs.length / outer;
    const ys = new Float64Array(outer);
    for (let o = 0; o < outer; o++) {
      const base = o * inner;
      let acc: number;
      switch (op) {
        case 'sum':
          acc = 0;
          for (let i = 0; i < inner; i++) acc += xs[base + i]!;
          break;
        case 'prod':
          acc = 1;
          for (let i = 0; i < inner; i++) acc *= xs[base + i]!;
          break;
        case 'max':
        case 'min': {
          acc = op === 'max' ? -Infinity : Infinity;
          for (let i = 0; i < inner; i++) {
            const v = xs[base + i]!;
            if (v !== v) {
              acc = NaN;
              break;
            }
            if (op === 'max' ? v > acc : v < acc) acc = v;
          }
          break;
        }
        case 'argmax':
        case 'argmin': {
          acc = 0;
          let best = xs[base]!;
          for (let i = 1; i < inner && best === best; i++) {
            const v = xs[base + i]!;
            if (v !== v || (op === 'argmax' ? v > best : v < best)) {
              best = v;
              acc = i;
            }
          }
          break;
        }
        case 'all':
          acc = 1;
          for (let i = 0; i < inner; i++) if (xs[base + i] === 0) { acc = 0; break; }
          break;
        case 'any':
          acc = 0;
          for (let i = 0; i < inner; i++) if (xs[base + i] !== 0) { acc = 1; break; }
          break;
      }
      ys[o] = acc;
    }
    store(out, ys);
  }

  scan(op: ScanOp, x: HostView, out: HostView, dim: number): void {
    if (x.dtype === 'int64') return int64.scan(op, x, out, dim);
    const xs = load(x);
    const shape = x.shape;
    const len = shape[dim] ?? 1;
    const inner = numelOf(shape.slice(dim + 1));
    const outer = xs.length / Math.max(len * inner, 1);
    const ys = new Float64Array(xs.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let acc = op === 'cumsum' ? 0 : 1;
        for (let k = 0; k < len; k++) {
          const p = (o * len + k) * inner + i;
          acc = op === 'cumsum' ? acc + xs[p]! : acc * xs[p]!;
          ys[p] = acc;
        }
      }
    }
    store(out, ys);
  }

  matmul(a: HostView, b: HostView, out: HostView): void {
    if (a.dtype === 'int64') return int64.matmul(a, b, out);
    const [B, M, K] = a.shape as [number, number, number];
    const N = b.shape[2]!;
    const as = load(a);
    const bs = load(b);
    const ys = new Float64Array(B * M * N);
    for (let bt = 0; bt < B; bt++) {
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let acc = 0;
          for (let k = 0; k < K; k++) acc += as[(bt * M + i) * K + k]! * bs[(bt * K + k) * N + j]!;
          ys[(bt * M + i) * N + j] = acc;
        }
      }
    }
    store(out, ys);
  }

  gather(x: HostView, dim: number, index: HostView, out: HostView): void {
    const idx = load(index);
    const xOffs = x.shape;
    const ishape = index.shape;
    const n = idx.length;
    const pos = new Array<number>(ishape.length).fill(0);
    const srcIdx = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      const size = xOffs[dim]!;
      if (j < 0 || j >= size) throw new RangeError(`index ${j} is out of bounds for dimension ${dim} with size ${size}`);
      let off = x.offset;
      for (let d = 0; d < ishape.length; d++) off += (d === dim ? j : pos[d]!) * x.strides[d]!;
      srcIdx[i] = off;
      for (let d = ishape.length - 1; d >= 0; d--) {
        if (++pos[d]! < ishape[d]!) break;
        pos[d] = 0;
      }
    }
    const xb = bufferOf(x);
    const ob = bufferOf(out);
    const oo = offsetsOf(out);
    for (let i = 0; i < n; i++) (ob as Float64Array)[oo[i]!] = (xb as Float64Array)[srcIdx[i]!]!;
  }

  scatter(dst: HostView, dim: number, index: HostView, src: HostView, reduce: 'none' | 'add'): void {
    const idx = load(index);
    const ishape = index.shape;
    const n = idx.length;
    const vals = load(src);
    const pos = new Array<number>(ishape.length).fill(0);
    const db = bufferOf(dst);
    const size = dst.shape[dim]!;
    const exact = reduce === 'none' ? offsetsOf(src) : null;
    const sb = bufferOf(src);
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      if (j < 0 || j >= size) throw new RangeError(`index ${j} is out of bounds for dimension ${dim} with size ${size}`);
      let off = dst.offset;
      for (let d = 0; d < ishape.length; d++) off += (d === dim ? j : pos[d]!) * dst.strides[d]!;
      if (exact && src.dtype === dst.dtype) (db as Float64Array)[off] = (sb as Float64Array)[exact[i]!]!;
      else {
        const cur = reduce === 'add' ? loadOne(db, dst.dtype, off) : 0;
        storeOne(db, dst.dtype, off, cur + vals[i]!);
      }
      for (let d = ishape.length - 1; d >= 0; d--) {
        if (++pos[d]! < ishape[d]!) break;
        pos[d] = 0;
      }
    }
  }

  sort(x: HostView, descending: boolean, values: HostView, indices: HostView): void {
    const xs = load(x);
    const len = x.shape[x.shape.length - 1] ?? 1;
    const rows = len === 0 ? 0 : xs.length / len;
    const order = new Float64Array(xs.length);
    const keys = new Array<number>(len);
    // int64 compares exactly (float64 keys would tie values that differ above 2^53).
    const big = x.dtype === 'int64' ? int64.loadBig(x, xs.length) : null;
    const bigKeys = new Array<bigint>(len);
    // NaN sorts above +inf, as in PyTorch.
    const cmp = (p: number, q: number): number => {
      if (big) {
        const a = bigKeys[p]!;
        const b = bigKeys[q]!;
        return (a < b ? -1 : a > b ? 1 : 0) * (descending ? -1 : 1);
      }
      const a = keys[p]!;
      const b = keys[q]!;
      const an = a !== a;
      const bn = b !== b;
      if (an || bn) return an === bn ? 0 : (an ? 1 : -1) * (descending ? -1 : 1);
      return (a < b ? -1 : a > b ? 1 : 0) * (descending ? -1 : 1);
    };
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < len; i++) keys[i] = xs[r * len + i]!;
      if (big) for (let i = 0; i < len; i++) bigKeys[i] = big[r * len + i]!;
      const perm = [...Array(len).keys()].sort(cmp);
      for (let i = 0; i < len; i++) order[r * len + i] = perm[i]!;
    }
    store(indices, order);
    if (x.dtype === 'int64') {
      const xo = offsetsOf(x);
      const xb = bufferOf(x) as BigInt64Array;
      const vo = offsetsOf(values);
      const vb = bufferOf(values) as BigInt64Array;
      for (let i = 0; i < xs.length; i++) vb[vo[i]!] = xb[xo[Math.floor(i / len) * len + order[i]!]!]!;
      return;
    }
    const sorted = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) sorted[i] = xs[Math.floor(i / len) * len + order[i]!]!;
    store(values, sorted);
  }

  random(out: HostView, args: RandomArgs): void {
    const n = numelOf(out.shape);
    const ys = new Float64Array(n);
    const double = out.dtype === 'float64';
    for (let i = 0; i < n; i++) ys[i] = philoxValue(args.kind, double, args.seedLo, args.seedHi, args.offset + i, args.a, args.b);
    store(out, ys);
  }

  im2col(x: HostView, params: Im2ColParams, out: HostView): void {
    im2col(x, params, out);
  }

  col2im(cols: HostView, params: Im2ColParams, out: HostView): void {
    col2im(cols, params, out);
  }
}

function loadOne(buf: StorageArray, dtype: DType, off: number): number {
  const v = (buf as Float64Array)[off]!;
  if (dtype === 'int64') return Number(v);
  if (dtype === 'float16') return f16BitsToF32(v);
  if (dtype === 'bfloat16') return bf16BitsToF32(v);
  return v;
}
