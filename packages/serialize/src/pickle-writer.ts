/**
 * Writes pickle opcodes (protocol 2, the protocol torch.save uses), choosing the same encodings
 * Python's pickler chooses: the smallest int opcode, big-endian BINFLOAT, UTF-8 BINUNICODE, and a
 * memo so an object met twice is written once and referenced after (how shared tensors stay shared).
 */
import { OP } from './pickle-opcodes';

const utf8 = new TextEncoder();

/** Python's encode_long: minimal little-endian two's complement. */
function encodeLong(x: bigint): Uint8Array {
  if (x === 0n) return new Uint8Array(0);
  const bits = (x < 0n ? -x : x).toString(2).length;
  let nbytes = (bits >> 3) + 1;
  let v = BigInt.asUintN(nbytes * 8, x);
  const out = new Uint8Array(nbytes);
  for (let i = 0; i < nbytes; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (x < 0n && nbytes > 1 && out[nbytes - 1] === 0xff && (out[nbytes - 2]! & 0x80) !== 0) nbytes--;
  return out.subarray(0, nbytes);
}

export class PickleWriter {
  private buf = new Uint8Array(1024);
  private len = 0;
  private readonly memo = new Map<unknown, number>();

  private ensure(k: number): void {
    if (this.len + k <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + k) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  op(code: number): void {
    this.ensure(1);
    this.buf[this.len++] = code;
  }
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }
  private u32(v: number): void {
    this.ensure(4);
    new DataView(this.buf.buffer).setUint32(this.len, v, true);
    this.len += 4;
  }

  proto(version = 2): void {
    this.op(OP.PROTO);
    this.op(version);
  }
  stop(): void {
    this.op(OP.STOP);
  }
  mark(): void {
    this.op(OP.MARK);
  }
  none(): void {
    this.op(OP.NONE);
  }
  bool(b: boolean): void {
    this.op(b ? OP.NEWTRUE : OP.NEWFALSE);
  }
  int(x: number | bigint): void {
    if (typeof x === 'number' && Number.isSafeInteger(x) && x >= -0x80000000 && x <= 0x7fffffff) {
      if (x >= 0 && x <= 0xff) {
        this.op(OP.BININT1);
        this.op(x);
      } else if (x >= 0 && x <= 0xffff) {
        this.op(OP.BININT2);
        this.op(x & 0xff);
        this.op(x >> 8);
      } else {
        this.op(OP.BININT);
        this.ensure(4);
        new DataView(this.buf.buffer).setInt32(this.len, x, true);
        this.len += 4;
      }
      return;
    }
    const big = typeof x === 'bigint' ? x : BigInt(x);
    if (big >= -0x80000000n && big <= 0x7fffffffn) return this.int(Number(big));
    const bytes = encodeLong(big);
    if (bytes.length < 256) {
      this.op(OP.LONG1);
      this.op(bytes.length);
    } else {
      this.op(OP.LONG4);
      this.u32(bytes.length);
    }
    this.raw(bytes);
  }
  float(x: number): void {
    this.op(OP.BINFLOAT);
    this.ensure(8);
    new DataView(this.buf.buffer).setFloat64(this.len, x, false);
    this.len += 8;
  }
  /** A str; repeated strings are written once and fetched from the memo, as Python does. */
  str(s: string): void {
    if (this.get(`str:${s}`)) return;
    const b = utf8.encode(s);
    this.op(OP.BINUNICODE);
    this.u32(b.length);
    this.raw(b);
    this.put(`str:${s}`);
  }
  /** GLOBAL module.name, memoized. */
  global(module: string, name: string): void {
    const key = `global:${module}\n${name}`;
    if (this.get(key)) return;
    this.op(OP.GLOBAL);
    this.raw(utf8.encode(`${module}\n${name}\n`));
    this.put(key);
  }
  /** A tuple of `n` items already pushed since the matching mark() (mark only needed when n > 3). */
  tuple(n: number): void {
    if (n === 0) this.op(OP.EMPTY_TUPLE);
    else if (n === 1) this.op(OP.TUPLE1);
    else if (n === 2) this.op(OP.TUPLE2);
    else if (n === 3) this.op(OP.TUPLE3);
    else this.op(OP.TUPLE);
  }
  /** Stores the top of the stack under `key` (an object or a string key). */
  put(key: unknown): void {
    const i = this.memo.size;
    this.memo.set(key, i);
    if (i < 256) {
      this.op(OP.BINPUT);
      this.op(i);
    } else {
      this.op(OP.LONG_BINPUT);
      this.u32(i);
    }
  }
  /** Pushes the memoized value for `key` and returns true, or returns false if it was never stored. */
  get(key: unknown): boolean {
    const i = this.memo.get(key);
    if (i === undefined) return false;
    if (i < 256) {
      this.op(OP.BINGET);
      this.op(i);
    } else {
      this.op(OP.LONG_BINGET);
      this.u32(i);
    }
    return true;
  }

  /** The pickle so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
