/** save → load here: values, sharing, types and the atomic write. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { Tensor } from '@x/tensor';
import {
  PyFloat, isOrderedDict, isTuple, load, loadFromBuffer, orderedDict, pyFloat, registerClass,
  registerParameterClass, save, saveToBuffer, tuple,
} from '../src/index';
import { TestParameter, tempDir } from './helpers';
import { dtypeTensors, floatData, nestedData, parameters, stateDict, viewTensors } from './samples';

registerParameterClass(TestParameter);

function sameValues(a: Tensor, b: Tensor): void {
  expect(b.dtype).toBe(a.dtype);
  expect(b.shape).toEqual(a.shape);
  expect(b.strides).toEqual(a.strides);
  expect(b.offset).toBe(a.offset);
  const x = a.numpy();
  const y = b.numpy();
  expect(y.length).toBe(x.length);
  for (let i = 0; i < x.length; i++) expect(Object.is(x[i], y[i]) || (Number.isNaN(x[i]) && Number.isNaN(y[i]))).toBe(true);
}

describe('save and load', () => {
  it('every dtype, special values, 0-dim and empty tensors', async () => {
    const src = dtypeTensors();
    const back = (await loadFromBuffer(await saveToBuffer(src))) as Record<string, Tensor>;
    expect(Object.keys(back)).toEqual(Object.keys(src));
    for (const k of Object.keys(src)) sameValues(src[k]!, back[k]!);
  });

  it('views keep sharing one storage, with offsets and strides', async () => {
    const src = viewTensors();
    const back = (await loadFromBuffer(await saveToBuffer(src))) as Record<string, Tensor>;
    for (const k of Object.keys(src)) sameValues(src[k]!, back[k]!);
    for (const k of ['row', 'column', 'transposed', 'block', 'stepped', 'tail', 'expanded', 'strided']) expect(back[k]!.storage).toBe(back.base!.storage);
    expect(back.other_tail!.storage).toBe(back.other!.storage);
    back.base!.fill_(0);
    expect(back.block!.tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
  });

  it('the same tensor twice is one tensor; one tensor written once', async () => {
    const t = torch.arange(1000, { dtype: 'float32' });
    const once = await saveToBuffer({ a: t });
    const twice = await saveToBuffer({ a: t, b: t, c: [t, t] });
    expect(twice.length - once.length).toBeLessThan(100);
    const back = (await loadFromBuffer(twice)) as { a: Tensor; b: Tensor; c: Tensor[] };
    expect(back.b).toBe(back.a);
    expect(back.c[1]).toBe(back.a);
  });

  it('nested data: ints (to bigint), strings, tuples, Maps, OrderedDicts, lists past the batch size', async () => {
    const src = nestedData();
    const back = (await loadFromBuffer(await saveToBuffer(src))) as Record<string, unknown>;
    expect(back.list).toEqual([1, 'a', null, true, false, null]);
    expect(isTuple(back.tuple)).toBe(true);
    expect(back.tuple).toEqual([1, [2, 3], []]);
    expect(isTuple((back.tuple as unknown[])[1])).toBe(true);
    expect(isTuple((back.tuple as unknown[])[2])).toBe(false);
    expect(back.int_keys).toEqual(new Map([[1, 'one'], [2, 'two']]));
    expect([...(back.index_like_keys as Map<string, number>).keys()]).toEqual(['b', '0']);
    expect(back.big).toBe(2n ** 70n);
    expect(back.neg_big).toBe(-(2n ** 70n));
    expect(back.neg).toBe(-(2 ** 40));
    expect(back.large_int).toBe(2n ** 60n); // ints past 2^53 load as bigint
    expect(back.unicode).toBe('héllo ✓ 😀');
    expect(back.empty_dict).toEqual({});
    expect(isOrderedDict(back.ordered)).toBe(true);
    expect(Object.keys(back.ordered as object)).toEqual(['z', 'a']);
    expect((back.long_list as number[]).length).toBe(2500);
    expect((back.long_list as number[])[2499]).toBe(2499);
    const [t1, t2] = back.same_tensor_twice as Tensor[];
    expect(t1).toBe(t2);
    expect((back.dict as { a: { b: Tensor[] } }).a.b[0]).toBe(t1);
  });

  it('floats stay floats: pyFloat(1) is saved as 1.0', async () => {
    const back = (await loadFromBuffer(await saveToBuffer(floatData()))) as Record<string, unknown>;
    expect(back.lr).toBe(0.001);
    expect(back.whole).toBe(1);
    expect(Object.is(back.neg_zero, -0)).toBe(true);
    expect(back.nan).toBeNaN();
    expect(back.inf).toBe(Infinity);
    expect(back.tiny).toBe(5e-324);
    expect(pyFloat(2)).toBeInstanceOf(PyFloat);
  });

  it('bytes, sets and cycles through lists and dicts', async () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    const dict: Record<string, unknown> = { name: 'd' };
    dict.self = dict;
    const back = (await loadFromBuffer(await saveToBuffer({ bytes: new Uint8Array([0, 1, 200, 255]), set: new Set([1, 'a']), cyclic, dict }))) as Record<string, unknown>;
    expect(back.bytes).toEqual(new Uint8Array([0, 1, 200, 255]));
    expect(back.set).toEqual(new Set([1, 'a']));
    const c = back.cyclic as unknown[];
    expect(c[1]).toBe(c);
    const d = back.dict as Record<string, unknown>;
    expect(d.self).toBe(d);
  });

  it('state dicts keep their order and _metadata (hidden from keys)', async () => {
    const back = (await loadFromBuffer(await saveToBuffer(stateDict()))) as Record<string, Tensor> & { _metadata?: Record<string, unknown> };
    expect(Object.keys(back)).toEqual(Object.keys(stateDict()));
    expect(back._metadata).toEqual({ '': { version: 1 }, conv1: { version: 1 }, bn1: { version: 2 }, fc: { version: 1 } });
    expect(Object.keys(back)).not.toContain('_metadata');
  });

  it('parameters and requiresGrad come back', async () => {
    const back = (await loadFromBuffer(await saveToBuffer(parameters()))) as Record<string, Tensor>;
    expect(back.weight).toBeInstanceOf(TestParameter);
    expect(back.weight!.requiresGrad).toBe(true);
    expect(back.frozen).toBeInstanceOf(TestParameter);
    expect(back.frozen!.requiresGrad).toBe(false);
    expect(back.grad_tensor!.requiresGrad).toBe(true);
    expect(back.plain!.requiresGrad).toBe(false);
  });

  it('refuses what a pickle cannot hold, naming where it is', async () => {
    await expect(saveToBuffer({ a: { f: () => 1 } })).rejects.toThrow(/cannot save a function .* at obj\.a\.f/);
    await expect(saveToBuffer({ a: [new Float32Array(2)] })).rejects.toThrow(/at obj\.a\[0\].*torch\.tensor/);
    class Custom {}
    await expect(saveToBuffer({ c: new Custom() })).rejects.toThrow(/class Custom at obj\.c/);
    const t = torch.ones(2);
    t.dispose();
    await expect(saveToBuffer(t)).rejects.toThrow(/disposed/);
  });

  it('registered classes are saved whole and rebuilt; modules of unknown classes are told to save stateDict()', async () => {
    class Point {
      constructor(public x = 0, public y = 0) {}
    }
    registerClass(Point, { getState: (p) => ({ x: p.x, y: p.y }), fromState: (s: { x: number; y: number }) => new Point(s.x, s.y) });
    const back = (await loadFromBuffer(await saveToBuffer({ p: new Point(1, 2), ps: [new Point(3, 4)] }))) as { p: Point; ps: Point[] };
    expect(back.p).toBeInstanceOf(Point);
    expect(back.p).toEqual(new Point(1, 2));
    expect(back.ps[0]).toEqual(new Point(3, 4));

    class TinyNet {
      training = true;
      w = torch.zeros(2);
      stateDict(): Record<string, Tensor> {
        return { w: this.w };
      }
      loadStateDict(sd: Record<string, Tensor>): void {
        this.w = sd.w!;
      }
      eval(): void {
        this.training = false;
      }
    }
    const net = new TinyNet();
    net.w = torch.tensor([1.5, 2.5]);
    net.eval();
    await expect(saveToBuffer(net)).rejects.toThrow(/class TinyNet at obj: .*nn\.registerModuleClass\(TinyNet\).*stateDict\(\)/);
  });

  it('files: save() is atomic and load() reads it; a failed save leaves the old file', async () => {
    const dir = tempDir();
    const path = join(dir, 'model.pth');
    await save(stateDict(), path);
    expect(readdirSync(dir)).toEqual(['model.pth']);
    const back = (await load(path)) as Record<string, Tensor>;
    sameValues(stateDict()['fc.weight']!, back['fc.weight']!);
    // PyTorch names the archive's folder after the file.
    expect(readFileSync(path).includes(Buffer.from('model/data.pkl'))).toBe(true);
    const before = readFileSync(path);
    await expect(save({ ok: torch.ones(1), bad: () => 0 }, path)).rejects.toThrow(/cannot save/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['model.pth']);
  });

  it('load() reports what a file is when it is not a checkpoint', async () => {
    const dir = tempDir();
    const write = (name: string, bytes: Uint8Array): string => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    await expect(load(write('empty', new Uint8Array()))).rejects.toThrow(/empty/);
    await expect(load(write('text', new TextEncoder().encode('hello world')))).rejects.toThrow(/not a PyTorch checkpoint/);
    const st = new Uint8Array(16);
    new DataView(st.buffer).setBigUint64(0, 2n, true);
    st.set([0x7b, 0x7d], 8);
    await expect(load(write('st', st))).rejects.toThrow(/safetensors/);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    await expect(load(join(dir, 'nope'))).rejects.toThrow(/ENOENT/);
  });

  it('tuple() and orderedDict() mark values in place', () => {
    const t = tuple(1, 2);
    expect(isTuple(t)).toBe(true);
    expect(isTuple([1, 2])).toBe(false);
    const o = orderedDict({ a: 1 });
    expect(isOrderedDict(o)).toBe(true);
  });
});
