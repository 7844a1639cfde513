/** safetensors: save/load in memory and in files, safeOpen, and the header checks. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { Tensor } from '@x/tensor';
import { SerializationError, safetensors } from '../src/index';
import { fixture, tempDir } from './helpers';
import { dtypeTensors, viewTensors } from './samples';

function header(json: string, data = new Uint8Array()): Uint8Array {
  const body = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + body.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(body.length), true);
  out.set(body, 8);
  out.set(data, 8 + body.length);
  return out;
}

describe('safetensors', () => {
  it('saves and loads every dtype, views written contiguous', async () => {
    const src = { ...dtypeTensors(), ...viewTensors() };
    const bytes = await safetensors.save(src, { format: 'pt' });
    const back = await safetensors.load(bytes);
    expect(Object.keys(back).sort()).toEqual(Object.keys(src).sort());
    for (const [k, t] of Object.entries(src)) {
      const b = back[k]!;
      expect(b.dtype).toBe(t.dtype);
      expect(b.shape).toEqual(t.shape);
      expect(b.isContiguous()).toBe(true);
      expect(b.tolist()).toEqual(t.tolist());
    }
    expect(await safetensors.metadata(bytes)).toEqual({ format: 'pt' });
    // The header is padded to 8 bytes and larger dtypes come first, so data stays aligned.
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const f = await safetensors.safeOpen(bytes);
    expect(f.keys()[0]).toBe('float64');
  });

  it('files: saveFile is atomic, loadFile and safeOpen read tensor by tensor', async () => {
    const dir = tempDir();
    const path = join(dir, 'm.safetensors');
    const w = torch.randn(3, 4);
    await safetensors.saveFile({ 'fc.weight': w, 'fc.bias': torch.zeros(3) }, path, { note: 'x' });
    expect(readdirSync(dir)).toEqual(['m.safetensors']);
    const all = await safetensors.loadFile(path);
    expect(all['fc.weight']!.tolist()).toEqual(w.tolist());
    const f = await safetensors.safeOpen(path);
    expect(f.keys().sort()).toEqual(['fc.bias', 'fc.weight']);
    expect(f.metadata()).toEqual({ note: 'x' });
    expect((await f.getTensor('fc.bias')).shape).toEqual([3]);
    await expect(f.getTensor('nope')).rejects.toThrow(/no tensor named 'nope'/);
    await f.close();
    const bytes = readFileSync(path);
    expect((await safetensors.load(bytes))['fc.bias']!.tolist()).toEqual([0, 0, 0]);
  });

  it('reads the reference implementation\'s file', async () => {
    const t = await safetensors.loadFile(fixture('reference.safetensors'));
    expect(t.int64!.dtype).toBe('int64');
    expect((t.int64!.numpy() as BigInt64Array)[5]).toBe(2n ** 63n - 1n);
    expect(t.bfloat16!.dtype).toBe('bfloat16');
    expect(await safetensors.metadata(fixture('reference.safetensors'))).toEqual({ format: 'pt', source: 'gen_serialize_fixtures.py' });
  });

  it.each([
    ['a length larger than the file', () => { const b = header('{}'); new DataView(b.buffer).setBigUint64(0, 1000n, true); return b; }, /only 2 follow/],
    ['a length past the 100 MB limit', () => { const b = header('{}'); new DataView(b.buffer).setBigUint64(0, 2n ** 62n, true); return b; }, /larger than the 100000000-byte limit/],
    ['invalid JSON', () => header('{"a":'), /not valid JSON/],
    ['a JSON array', () => header('[1]'), /not a JSON object/],
    ['an unsupported dtype', () => header('{"a":{"dtype":"I8","shape":[1],"data_offsets":[0,1]}}', new Uint8Array(1)), /dtype I8, which @x does not support/],
    ['a size that disagrees with the shape', () => header('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', new Uint8Array(8)), /needs 8 bytes/],
    ['a gap between tensors', () => header('{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}', new Uint8Array(2)), /starts at byte 1, expected 0/],
    ['overlapping tensors', () => header('{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}', new Uint8Array(3)), /expected 2/],
    ['trailing bytes', () => header('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', new Uint8Array(2)), /cover 1 bytes of a 2-byte/],
    ['a huge shape', () => header('{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}', new Uint8Array(4)), /larger than the data section/],
    ['non-string metadata', () => header('{"__metadata__":{"a":1}}'), /strings to strings/],
    ['truncated', () => new Uint8Array(5), /shorter than its 8-byte header length/],
  ])('refuses %s', async (_, make, message) => {
    await expect(safetensors.load(make())).rejects.toThrow(SerializationError);
    await expect(safetensors.load(make())).rejects.toThrow(message);
  });

  it('refuses what it cannot save', async () => {
    await expect(safetensors.save({ a: 1 as unknown as Tensor })).rejects.toThrow(/'a' is not a Tensor/);
    await expect(safetensors.save({ __metadata__: torch.ones(1) })).rejects.toThrow(/invalid tensor name/);
    await expect(safetensors.save({ a: torch.ones(1) }, { k: 1 as unknown as string })).rejects.toThrow(/must be strings/);
  });
});
