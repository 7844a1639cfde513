/** The restricted unpickler: Python's opcodes, and the refusals that keep code in a file from running. */
import { describe, expect, it } from 'vitest';
import { UnpicklingError, SerializationError, loadFromBuffer, saveToBuffer } from '../src/index';
import { PyDict, unpickle } from '../src/pickle-reader';
import { PickleWriter } from '../src/pickle-writer';
import { dumpValue } from '../src/pickle-dump';
import { findTorchGlobal } from '../src/torch-globals';
import { ZipWriter } from '../src/zip-writer';

const enc = new TextEncoder();
function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') out.push(...enc.encode(p));
    else out.push(...p);
  }
  return new Uint8Array(out);
}
const hooks = { findGlobal: findTorchGlobal };
const read = (b: Uint8Array): unknown => unpickle(b, hooks).value;

/** A torch.save-shaped zip whose data.pkl is `pickle`. */
async function checkpointWith(pickle: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const zip = new ZipWriter((c) => void chunks.push(c.slice()));
  await zip.add('archive/data.pkl', pickle);
  await zip.add('archive/version', enc.encode('3\n'));
  await zip.finish();
  return new Uint8Array(Buffer.concat(chunks));
}

describe('pickle reader', () => {
  it('reads the opcodes of protocols 0 to 5', () => {
    // Protocol 0: text ints, longs, floats, strings, lists, dicts, memo by PUT/GET.
    expect(read(bytes('(lp0\nI1\naI01\naL12345678901234567890L\naF2.5\naS\'a\\\'b\\n\'\np1\naVh\\u00e9\naNa.'))).toEqual([
      1, true, 12345678901234567890n, 2.5, "a'b\n", 'hé', null,
    ]);
    // Protocol 4: FRAME, SHORT_BINUNICODE, MEMOIZE, EMPTY_SET/ADDITEMS, FROZENSET, BINBYTES.
    const p4 = bytes([0x80, 4, 0x95, 20, 0, 0, 0, 0, 0, 0, 0], [0x5d, 0x94], [0x28, 0x8c, 2], 'hi', [0x94, 0x8f, 0x28, 0x4b, 1, 0x90, 0x28, 0x4b, 2, 0x91, 0x43, 2, 1, 2, 0x68, 1, 0x65, 0x2e]);
    const v = read(p4) as unknown[];
    expect(v[0]).toBe('hi');
    expect(v[4]).toBe('hi');
    expect(v[3]).toEqual(new Uint8Array([1, 2]));
  });

  it("Python 2 str: UTF-8 by default, every byte kept with py2StrEncoding 'latin1' (pickle.load's encoding)", () => {
    // SHORT_BINSTRING of bytes 0x80 0xe9 0xff, then BINSTRING of 'ab', in a tuple.
    const p = bytes([0x80, 2, 0x55, 3, 0x80, 0xe9, 0xff, 0x54, 2, 0, 0, 0], 'ab', [0x86, 0x2e]);
    expect(unpickle(p, { ...hooks, py2StrEncoding: 'latin1' }).value).toEqual(['\x80\xe9\xff', 'ab']);
    expect((unpickle(p, hooks).value as string[])[0]).toBe('\ufffd\ufffd\ufffd');
  });

  it('ints: BININT*, LONG1/LONG4 two\'s complement, bigints past 2^53', () => {
    const cases: (number | bigint)[] = [0, 255, 256, 65535, 65536, -1, -128, -129, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1, 2n ** 53n, -(2n ** 63n), 2n ** 64n, -(2n ** 2047n)];
    for (const x of cases) {
      const w = new PickleWriter();
      w.proto();
      w.int(x);
      w.stop();
      expect(read(w.finish())).toBe(typeof x === 'bigint' && x >= -(2n ** 53n) + 1n && x <= 2n ** 53n - 1n ? Number(x) : x);
    }
  });

  it('dicts become objects or Maps, keeping Python\'s order and key types', async () => {
    const src = [new Map<unknown, unknown>([[2, 'b'], [1, 'a']]), new Map([['x', 1], ['1', 2]]), { b: 1, a: 2 }, new Map([['k', 1]])];
    const [intKeys, indexLike, names, plain] = (await loadFromBuffer(await saveToBuffer(src))) as [Map<number, string>, Map<string, number>, Record<string, number>, unknown];
    expect([...intKeys.keys()]).toEqual([2, 1]);
    expect([...indexLike.keys()]).toEqual(['x', '1']);
    expect(Object.keys(names)).toEqual(['b', 'a']);
    expect(plain).toEqual({ k: 1 });
    const root = read(bytes([0x80, 2, 0x7d, 0x2e]));
    expect(root).toBeInstanceOf(PyDict);
  });

  it.each([
    ['os', 'system'],
    ['posix', 'system'],
    ['builtins', 'eval'],
    ['__builtin__', 'exec'],
    ['subprocess', 'Popen'],
    ['torch', 'load'],
    ['torch.nn.modules.linear', 'Linear'],
  ])('refuses GLOBAL %s.%s, naming it', (module, name) => {
    const pkl = bytes([0x80, 2], `c${module}\n${name}\n`, [0x58, 2, 0, 0, 0], 'ls', [0x85, 0x52, 0x2e]);
    const qualname = `${module === '__builtin__' ? 'builtins' : module}.${name}`;
    expect(() => read(pkl)).toThrow(UnpicklingError);
    expect(() => read(pkl)).toThrow(`GLOBAL ${qualname} was refused`);
  });

  it('refuses the other ways to reach a global: STACK_GLOBAL, INST, OBJ, EXT', () => {
    const stackGlobal = bytes([0x80, 4, 0x8c, 2], 'os', [0x8c, 6], 'system', [0x93, 0x2e]);
    expect(() => read(stackGlobal)).toThrow(/GLOBAL os\.system was refused/);
    expect(() => read(bytes('(S\'ls\'\nios\nsystem\n.'))).toThrow(/GLOBAL os\.system was refused/);
    expect(() => read(bytes([0x80, 2, 0x28], 'cos\nsystem\n', [0x6f, 0x2e]))).toThrow(/GLOBAL os\.system was refused/);
    expect(() => read(bytes([0x80, 2, 0x82, 1, 0x2e]))).toThrow(/extension registry/);
  });

  it('refuses calls of allowed values that are not callables, and BUILD on plain objects', () => {
    // torch.float32 is allowed as a value, not as a function.
    expect(() => read(bytes([0x80, 2], 'ctorch\nfloat32\n', [0x29, 0x52, 0x2e]))).toThrow(UnpicklingError);
    expect(() => read(bytes([0x80, 2, 0x5d, 0x7d, 0x62, 0x2e]))).toThrow(/BUILD can only set/);
    // Persistent ids other than storages (a pickled module in legacy files).
    const pid = bytes([0x80, 2, 0x28, 0x58, 6, 0, 0, 0], 'module', [0x4e, 0x4e, 0x4e, 0x4e, 0x74, 0x51, 0x2e]);
    expect(() => unpickle(pid, { findGlobal: findTorchGlobal, persistentLoad: () => null }).value).not.toThrow();
  });

  it('a checkpoint that calls os.system is refused with an Error naming the global', async () => {
    const pkl = bytes([0x80, 2, 0x7d, 0x28, 0x58, 7, 0, 0, 0], 'payload', 'cos\nsystem\n', [0x58, 2, 0, 0, 0], 'id', [0x85, 0x52, 0x75, 0x2e]);
    const err = await loadFromBuffer(await checkpointWith(pkl)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnpicklingError);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('os.system');
  });

  it('truncated and malformed pickles give SerializationErrors', () => {
    const w = new PickleWriter();
    w.proto();
    dumpValue(w, { a: [1, 2.5, 'x', 2n ** 80n], b: new Map([[1, 2]]) });
    w.stop();
    const good = w.finish();
    for (let n = 0; n < good.length; n++) expect(() => read(good.subarray(0, n))).toThrow(SerializationError);
    expect(() => read(bytes([0x80, 2, 0x30, 0x2e]))).toThrow(/no MARK/);
    expect(() => read(bytes([0x80, 2, 0x61, 0x2e]))).toThrow(/stack is empty/);
    expect(() => read(bytes([0x80, 2, 0x68, 9, 0x2e]))).toThrow(/memo entry 9/);
    expect(() => read(bytes([0x80, 2, 0xff]))).toThrow(/unknown opcode/);
    expect(() => read(bytes([0x80, 2, 0x58, 0xff, 0xff, 0xff, 0xff]))).toThrow(/needs 4294967295 more bytes/);
  });

  it('saves and reloads a long LONG4 int; reads a deep nesting without a stack overflow', async () => {
    const big = 2n ** 4000n + 1n;
    const back = (await loadFromBuffer(await saveToBuffer({ big, small: [1] }))) as { big: bigint };
    expect(back.big).toBe(big);
    // A deeply nested pickle built by hand (EMPTY_LIST, APPEND chains): converted iteratively.
    const parts: number[] = [0x80, 2];
    for (let i = 0; i < 100000; i++) parts.push(0x5d);
    parts.push(0x4b, 7);
    for (let i = 0; i < 100000; i++) parts.push(0x61);
    parts.push(0x2e);
    const v = await loadFromBuffer(await checkpointWith(new Uint8Array(parts)));
    let depth = 0;
    for (let x = v; Array.isArray(x); x = x[0]) depth++;
    expect(depth).toBe(100000);
  });
});

describe('pickle reader limits', () => {
  it('containers larger than a call\'s argument limit', () => {
    const n = 300000;
    const parts: number[] = [0x80, 4, 0x28];
    for (let i = 0; i < n; i++) parts.push(0x4b, i & 0xff);
    parts.push(0x91, 0x2e); // FROZENSET
    expect(() => read(new Uint8Array(parts))).not.toThrow();
    parts[parts.length - 2] = 0x6c; // LIST
    expect((read(new Uint8Array(parts)) as unknown[]).length).toBe(n);
  });
});
