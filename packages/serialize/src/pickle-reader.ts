/**
 * A pickle reader that builds data and never runs code. Python's Unpickler imports any global a
 * pickle names and calls it; this one asks `findGlobal`, which answers only from an allowlist (see
 * torch-globals.ts) and throws for anything else — the stance of PyTorch's `weights_only=True`.
 *
 * Every length in the stream is checked against the bytes that remain, so a lying or truncated
 * pickle ends in a SerializationError, never in a huge allocation or an out-of-bounds read. Memory
 * and time are linear in the pickle's size.
 */
import { SerializationError, UnpicklingError, check } from './errors';
import { OP } from './pickle-opcodes';
import { asTuple, isTuple } from './python-values';

/** A global the allowlist let through: something REDUCE may call, NEWOBJ may instantiate, or a plain value. */
export interface PyGlobal {
  readonly qualname: string;
  /** REDUCE: func(*args). */
  call?(args: readonly unknown[]): unknown;
  /** NEWOBJ: cls.__new__(cls, *args). */
  newObj?(args: readonly unknown[]): unknown;
}

/** An object BUILD may set state on (Python's __setstate__). */
export interface PyBuildable {
  build(state: unknown): void;
}

/** A Python dict while unpickling: keys of any type, in insertion order. */
export class PyDict {
  readonly map = new Map<unknown, unknown>();
  /** State given by BUILD (an OrderedDict's attributes, e.g. `_metadata`). */
  state: unknown = undefined;
  constructor(readonly ordered = false) {}
  build(state: unknown): void {
    check(this.ordered, 'BUILD on a plain dict is not allowed (only an OrderedDict has attributes)');
    this.state = state;
  }
}

/** A Python set or frozenset while unpickling. */
export class PySet {
  readonly items: unknown[] = [];
  constructor(readonly frozen = false) {}
}

export interface UnpicklerHooks {
  /** Resolves GLOBAL module.name; throws UnpicklingError for anything not allowed. */
  findGlobal(module: string, name: string): unknown;
  /** Resolves a persistent id (PyTorch's storages); without it, persistent ids are refused. */
  persistentLoad?(pid: unknown): unknown;
  /**
   * How a Python 2 str is decoded, as pickle.load's `encoding`: 'utf-8' (torch.load's default) or
   * 'latin1', which keeps every byte (what numpy arrays pickled by Python 2 need).
   */
  py2StrEncoding?: 'utf-8' | 'latin1';
}

export interface UnpickleResult {
  value: unknown;
  /** Offset just past the STOP opcode (legacy files hold several pickles back to back). */
  end: number;
}

/** Limits on values whose decoding cost is superlinear, far above anything a checkpoint holds. */
const MAX_LONG_BYTES = 1 << 16;
const MAX_TEXT_INT_DIGITS = 1 << 12;

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** ISO-8859-1 exactly, byte b → U+00bb (TextDecoder's 'latin1' is windows-1252, which remaps 0x80–0x9f). */
const exactLatin1 = {
  decode(b: Uint8Array): string {
    let s = '';
    for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
    return s;
  },
};

function isBuildable(x: unknown): x is PyBuildable {
  return typeof x === 'object' && x !== null && typeof (x as PyBuildable).build === 'function';
}

function isGlobal(x: unknown): x is PyGlobal {
  return typeof x === 'object' && x !== null && typeof (x as PyGlobal).qualname === 'string';
}

/** A short description of a stack value for error messages. */
export function describePy(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'string') return `a str ('${x.slice(0, 40)}')`;
  if (typeof x === 'number' || typeof x === 'bigint') return `an int or float (${String(x)})`;
  if (typeof x === 'boolean') return 'a bool';
  if (isGlobal(x)) return x.qualname;
  if (Array.isArray(x)) return 'a list or tuple';
  if (x instanceof PyDict) return 'a dict';
  return typeof x === 'object' ? (x.constructor?.name ?? 'an object') : typeof x;
}

/** Python's decode_long: little-endian two's complement. */
function decodeLong(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let hex = '';
  for (let i = b.length - 1; i >= 0; i--) hex += b[i]!.toString(16).padStart(2, '0');
  let v = BigInt(`0x${hex}`);
  if (b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
  return narrow(v);
}

/** Integers that fit a double exactly stay numbers; larger ones are bigints. */
function narrow(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Python's repr-quoted str (protocol 0 STRING): the escapes repr produces. */
function parseQuoted(s: string, at: number): string {
  const q = s[0];
  check(s.length >= 2 && (q === "'" || q === '"') && s[s.length - 1] === q, `the STRING opcode at byte ${at} is not a quoted string`);
  const body = s.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    return ({ n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

/** Python's raw-unicode-escape (protocol 0 UNICODE): latin-1 with \uXXXX and \UXXXXXXXX. */
function rawUnicodeEscape(b: Uint8Array, at: number): string {
  return latin1.decode(b).replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u: string | undefined, U: string | undefined) => {
    const cp = parseInt((u ?? U)!, 16);
    check(cp <= 0x10ffff, `the UNICODE opcode at byte ${at} holds an invalid code point`);
    return String.fromCodePoint(cp);
  });
}

/**
 * Reads one pickle from `bytes` starting at `start`. Values: None → null, bool, int → number (bigint
 * past 2^53), float → number, str → string, bytes → Uint8Array, list → array, tuple → array marked as
 * a tuple, dict → PyDict, set → PySet, globals and persistent ids → whatever the hooks return.
 */
export function unpickle(bytes: Uint8Array, hooks: UnpicklerHooks, start = 0): UnpickleResult {
  const n = bytes.length;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();
  let opAt = start;
  const py2Str = hooks.py2StrEncoding === 'latin1' ? exactLatin1 : utf8;

  const fail = (message: string): never => {
    throw new SerializationError(`invalid pickle: ${message} (opcode 0x${(bytes[opAt] ?? 0).toString(16)} at byte ${opAt})`);
  };
  const need = (k: number): void => {
    if (k < 0 || pos + k > n) fail(`it needs ${k} more bytes but the data ends after ${n - pos}`);
  };
  const take = (k: number): Uint8Array => {
    need(k);
    const b = bytes.subarray(pos, pos + k);
    pos += k;
    return b;
  };
  const u8 = (): number => {
    need(1);
    return bytes[pos++]!;
  };
  const u32 = (): number => {
    need(4);
    const v = dv.getUint32(pos, true);
    pos += 4;
    return v;
  };
  const u64 = (): number => {
    need(8);
    const v = dv.getBigUint64(pos, true);
    if (v > BigInt(n)) fail(`a length of ${v} bytes is longer than the data`);
    pos += 8;
    return Number(v);
  };
  const line = (): Uint8Array => {
    const nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) fail('a text argument is not terminated by a newline');
    const b = bytes.subarray(pos, nl);
    pos = nl + 1;
    return b;
  };
  const textLine = (): string => latin1.decode(line());
  const pop = (): unknown => {
    if (stack.length === 0) fail('the stack is empty');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) fail('the stack is empty');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const prev = metastack.pop();
    if (prev === undefined) fail('there is no MARK to pop to');
    stack = prev!;
    return items;
  };
  const pushGlobal = (module: string, name: string): void => {
    stack.push(hooks.findGlobal(module, name));
  };
  const call = (fn: unknown, args: unknown): unknown => {
    if (!Array.isArray(args)) fail(`the arguments of a call must be a tuple, got ${describePy(args)}`);
    if (!isGlobal(fn) || fn.call === undefined) throw new UnpicklingError(`the pickle calls ${describePy(fn)}, which is not an allowed callable`);
    return fn.call(args as unknown[]);
  };
  const newObj = (cls: unknown, args: unknown): unknown => {
    if (!Array.isArray(args)) fail(`the arguments of NEWOBJ must be a tuple, got ${describePy(args)}`);
    if (!isGlobal(cls) || cls.newObj === undefined) throw new UnpicklingError(`the pickle instantiates ${describePy(cls)}, which is not an allowed class`);
    return cls.newObj(args as unknown[]);
  };
  const setItems = (dict: unknown, items: readonly unknown[]): void => {
    if (!(dict instanceof PyDict)) fail(`SETITEM(S) needs a dict, got ${describePy(dict)}`);
    if (items.length % 2 !== 0) fail('SETITEMS has a key without a value');
    for (let i = 0; i < items.length; i += 2) (dict as PyDict).map.set(items[i], items[i + 1]);
  };
  const appendItems = (list: unknown, items: readonly unknown[]): void => {
    if (!Array.isArray(list) || isTuple(list)) fail(`APPEND(S) needs a list, got ${describePy(list)}`);
    for (const it of items) (list as unknown[]).push(it);
  };
  const addItems = (set: unknown, items: readonly unknown[]): void => {
    if (!(set instanceof PySet) || set.frozen) fail(`ADDITEMS needs a set, got ${describePy(set)}`);
    for (const it of items) (set as PySet).items.push(it);
  };
  const makeTuple = (items: unknown[]): unknown[] => asTuple(items);
  const memoIndex = (i: number): unknown => {
    if (!memo.has(i)) fail(`memo entry ${i} was never stored`);
    return memo.get(i);
  };
  const textInt = (s: string): number | bigint => {
    const t = s.trim().replace(/L$/, '');
    if (t.length > MAX_TEXT_INT_DIGITS) fail(`an integer of ${t.length} digits is longer than supported`);
    if (!/^[+-]?[0-9]+$/.test(t)) fail(`'${t.slice(0, 40)}' is not an integer`);
    return narrow(BigInt(t));
  };

  for (;;) {
    opAt = pos;
    if (pos >= n) fail('the data ends before the STOP opcode');
    const op = bytes[pos++]!;
    switch (op) {
      case OP.PROTO: {
        const proto = u8();
        if (proto > 5) fail(`unsupported pickle protocol ${proto}`);
        break;
      }
      case OP.FRAME:
        u64();
        break;
      case OP.STOP: {
        const value = pop();
        if (metastack.length > 0) fail('STOP inside an unclosed MARK');
        return { value, end: pos };
      }
      case OP.MARK:
        metastack.push(stack);
        stack = [];
        break;
      case OP.POP:
        if (stack.length > 0) stack.pop();
        else popMark();
        break;
      case OP.POP_MARK:
        popMark();
        break;
      case OP.DUP:
        stack.push(top());
        break;

      // ---- scalars
      case OP.NONE:
        stack.push(null);
        break;
      case OP.NEWTRUE:
        stack.push(true);
        break;
      case OP.NEWFALSE:
        stack.push(false);
        break;
      case OP.BININT:
        need(4);
        stack.push(dv.getInt32(pos, true));
        pos += 4;
        break;
      case OP.BININT1:
        stack.push(u8());
        break;
      case OP.BININT2:
        need(2);
        stack.push(dv.getUint16(pos, true));
        pos += 2;
        break;
      case OP.LONG1:
        stack.push(decodeLong(take(u8())));
        break;
      case OP.LONG4: {
        need(4);
        const len = dv.getInt32(pos, true);
        pos += 4;
        if (len < 0) fail('LONG4 has a negative length');
        if (len > MAX_LONG_BYTES) fail(`an integer of ${len} bytes is longer than supported`);
        stack.push(decodeLong(take(len)));
        break;
      }
      case OP.INT: {
        const s = textLine();
        if (s === '00') stack.push(false);
        else if (s === '01') stack.push(true);
        else stack.push(textInt(s));
        break;
      }
      case OP.LONG:
        stack.push(textInt(textLine()));
        break;
      case OP.BINFLOAT:
        need(8);
        stack.push(dv.getFloat64(pos, false));
        pos += 8;
        break;
      case OP.FLOAT: {
        const s = textLine().trim();
        const v = /^[+-]?(inf|nan)$/i.test(s) ? Number(s.replace(/inf/i, 'Infinity').replace(/nan/i, 'NaN')) : Number(s);
        if (s === '' || Number.isNaN(v) && !/nan/i.test(s)) fail(`'${s.slice(0, 40)}' is not a float`);
        stack.push(v);
        break;
      }

      // ---- strings and bytes
      case OP.BINUNICODE:
        stack.push(utf8.decode(take(u32())));
        break;
      case OP.SHORT_BINUNICODE:
        stack.push(utf8.decode(take(u8())));
        break;
      case OP.BINUNICODE8:
        stack.push(utf8.decode(take(u64())));
        break;
      case OP.UNICODE:
        stack.push(rawUnicodeEscape(line(), opAt));
        break;
      // Python 2 str: torch.load decodes it as UTF-8 (its default encoding).
      case OP.SHORT_BINSTRING:
        stack.push(py2Str.decode(take(u8())));
        break;
      case OP.BINSTRING: {
        need(4);
        const len = dv.getInt32(pos, true);
        pos += 4;
        if (len < 0) fail('BINSTRING has a negative length');
        stack.push(py2Str.decode(take(len)));
        break;
      }
      case OP.STRING:
        stack.push(parseQuoted(textLine().trim(), opAt));
        break;
      case OP.SHORT_BINBYTES:
        stack.push(take(u8()).slice());
        break;
      case OP.BINBYTES:
        stack.push(take(u32()).slice());
        break;
      case OP.BINBYTES8:
      case OP.BYTEARRAY8:
        stack.push(take(u64()).slice());
        break;
      case OP.NEXT_BUFFER:
      case OP.READONLY_BUFFER:
        throw new UnpicklingError('out-of-band pickle buffers (protocol 5) are not supported');

      // ---- containers
      case OP.EMPTY_LIST:
        stack.push([]);
        break;
      case OP.LIST: {
        // popMark replaces `stack`: take the items before naming the stack to push on.
        const items = popMark();
        stack.push(items);
        break;
      }
      case OP.APPEND: {
        const item = pop();
        const list = top();
        if (!Array.isArray(list) || isTuple(list)) fail(`APPEND needs a list, got ${describePy(list)}`);
        (list as unknown[]).push(item);
        break;
      }
      case OP.APPENDS: {
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case OP.EMPTY_TUPLE:
        stack.push(makeTuple([]));
        break;
      case OP.TUPLE: {
        const items = popMark();
        stack.push(makeTuple(items));
        break;
      }
      case OP.TUPLE1:
        stack.push(makeTuple([pop()]));
        break;
      case OP.TUPLE2: {
        const b = pop();
        const a = pop();
        stack.push(makeTuple([a, b]));
        break;
      }
      case OP.TUPLE3: {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push(makeTuple([a, b, c]));
        break;
      }
      case OP.EMPTY_DICT:
        stack.push(new PyDict());
        break;
      case OP.DICT: {
        const d = new PyDict();
        setItems(d, popMark());
        stack.push(d);
        break;
      }
      case OP.SETITEM: {
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case OP.SETITEMS: {
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case OP.EMPTY_SET:
        stack.push(new PySet());
        break;
      case OP.ADDITEMS: {
        const items = popMark();
        addItems(top(), items);
        break;
      }
      case OP.FROZENSET: {
        const s = new PySet(true);
        for (const v of popMark()) s.items.push(v);
        stack.push(s);
        break;
      }

      // ---- memo
      case OP.PUT:
        memo.set(Number(textInt(textLine())), top());
        break;
      case OP.BINPUT:
        memo.set(u8(), top());
        break;
      case OP.LONG_BINPUT:
        memo.set(u32(), top());
        break;
      case OP.MEMOIZE:
        memo.set(memo.size, top());
        break;
      case OP.GET:
        stack.push(memoIndex(Number(textInt(textLine()))));
        break;
      case OP.BINGET:
        stack.push(memoIndex(u8()));
        break;
      case OP.LONG_BINGET:
        stack.push(memoIndex(u32()));
        break;

      // ---- the risky ones: every global goes through the allowlist
      case OP.GLOBAL: {
        const module = utf8.decode(line());
        const name = utf8.decode(line());
        pushGlobal(module, name);
        break;
      }
      case OP.STACK_GLOBAL: {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
        pushGlobal(module as string, name as string);
        break;
      }
      case OP.INST: {
        const module = utf8.decode(line());
        const name = utf8.decode(line());
        const args = popMark();
        stack.push(call(hooks.findGlobal(module, name), args));
        break;
      }
      case OP.OBJ: {
        const items = popMark();
        if (items.length === 0) fail('OBJ without a class');
        stack.push(call(items[0], items.slice(1)));
        break;
      }
      case OP.REDUCE: {
        const args = pop();
        const fn = pop();
        stack.push(call(fn, args));
        break;
      }
      case OP.NEWOBJ: {
        const args = pop();
        const cls = pop();
        stack.push(newObj(cls, args));
        break;
      }
      case OP.NEWOBJ_EX: {
        const kwargs = pop();
        const args = pop();
        const cls = pop();
        if (!(kwargs instanceof PyDict) || kwargs.map.size > 0) fail('NEWOBJ_EX with keyword arguments is not supported');
        stack.push(newObj(cls, args));
        break;
      }
      case OP.BUILD: {
        const state = pop();
        const inst = top();
        if (!isBuildable(inst)) throw new UnpicklingError(`BUILD can only set the state of a tensor, a parameter or an OrderedDict, not ${describePy(inst)}`);
        inst.build(state);
        break;
      }
      case OP.PERSID:
      case OP.BINPERSID: {
        const pid = op === OP.PERSID ? latin1.decode(line()) : pop();
        if (hooks.persistentLoad === undefined) throw new UnpicklingError('the pickle holds a persistent id, which this reader does not resolve');
        stack.push(hooks.persistentLoad(pid));
        break;
      }
      case OP.EXT1:
      case OP.EXT2:
      case OP.EXT4:
        throw new UnpicklingError('the pickle uses the copyreg extension registry (EXT opcodes), which is not allowed');
      default:
        fail('unknown opcode');
    }
  }
}
