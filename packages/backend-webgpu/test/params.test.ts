/**
 * Kernel parameters described once (src/wgsl/params.ts): the writer's words, its errors, and, on the
 * device, a shader that reads every field by name and copies it out, so the WGSL compiler's struct
 * layout (alignment included) is checked against the writer's.
 */
import { describe, expect, it } from 'vitest';
import { bufferOf } from '../src/kernels/common';
import { dims, list, Params, view } from '../src/wgsl/params';
import { bindings } from '../src/wgsl/views';
import { harness, outputView } from './kernels-harness';

const h = await harness();

const EVERY_KIND = new Params({
  n: 'u32', pad: 'vec2<u32>', scale: 'f32', shift: 'i32', shape: list(3), x: view(2), walk: dims(['x', 'y'], 4), last: 'u32',
});
const VALUES = {
  n: 7, pad: [0x89abcdef, 0x01234567] as [number, number], scale: -1.5, shift: -3, shape: [2, 3, 4],
  x: { offset: 5, strides: [-1, 6] }, walk: { shape: [3, 5], strides: [[5, 1], [10, -2]] }, last: 0xffffffff,
};

/** The words VALUES should become, field by field, in declaration order (the vec2 starts 8-byte aligned). */
function expectedWords(): number[] {
  const f32 = new Uint32Array(new Float32Array([-1.5]).buffer)[0]!;
  const capacity = (xs: number[]): number[] => [...xs, ...new Array<number>(4 - xs.length).fill(0)];
  return [
    7, 0, 0x89abcdef, 0x01234567, f32, -3 >>> 0, 2, 3, 4, 5, -1 >>> 0, 6,
    2, ...capacity([3, 5]), ...capacity([5, 1]), ...capacity([10, -2 >>> 0]), 0xffffffff,
  ];
}

describe('kernel parameters', () => {
  it('lays fields out as WGSL does: in order, a vec2<u32> on 8 bytes, the struct a multiple of its alignment', () => {
    const want = expectedWords();
    expect(EVERY_KIND.words).toBe(want.length);
    expect([...EVERY_KIND.write(VALUES)]).toEqual(want);
    expect(new Params({ bound: 'vec2<u32>', n: 'u32' }).words).toBe(4);
  });

  it('declares one struct bound at 0 and an offset function per dims operand', () => {
    const code = EVERY_KIND.wgsl();
    expect(code).toContain('struct View2 { offset: u32, strides: array<u32, 2> }');
    expect(code).toContain('struct WalkDims { rank: u32, shape: array<u32, 4>, x: array<u32, 4>, y: array<u32, 4> }');
    expect(code).toContain('struct Params { n: u32, pad: vec2<u32>, scale: f32, shift: i32, shape: array<u32, 3>, x: View2, walk: WalkDims, last: u32 }');
    expect(code).toContain('@group(0) @binding(0) var<storage, read> params: Params;');
    expect(code).toContain('fn walk_x(lin: u32) -> u32 {');
    expect(code).toContain('fn walk_y(lin: u32) -> u32 {');
  });

  it('refuses values that do not fit the description, naming the field', () => {
    const write = (patch: object): Uint32Array => EVERY_KIND.write({ ...VALUES, ...patch } as typeof VALUES);
    expect(() => write({ n: undefined })).toThrow("kernel parameter 'n' has no value");
    expect(() => write({ shape: [1, 2] })).toThrow("kernel parameter 'shape' holds 3 words, got 2");
    expect(() => write({ x: { offset: 0, strides: [1] } })).toThrow("kernel parameter 'x.strides' holds 2 words, got 1");
    expect(() => write({ walk: { shape: [1, 1, 1, 1, 1], strides: [[], []] } })).toThrow("kernel parameter 'walk' holds at most 4 dims, got 5");
    expect(() => write({ walk: { shape: [2], strides: [[1]] } })).toThrow("kernel parameter 'walk' takes strides for x, y, got 1 lists");
    expect(() => write({ pad: 3 })).toThrow("kernel parameter 'pad' is a vec2<u32>: [lo, hi] words, got 3");
    expect(() => write({ scale: '1' })).toThrow("kernel parameter 'scale' is a f32: a number, got string");
  });

  it('refuses names that are not WGSL identifiers and empty descriptions', () => {
    expect(() => new Params({ 'x-offset': 'u32' })).toThrow("a kernel parameter is named like a WGSL identifier (a letter, then letters, digits or _), got 'x-offset'");
    expect(() => dims(['_x'], 2)).toThrow("got '_x'");
    expect(() => new Params({})).toThrow('a kernel has at least one parameter');
    expect(() => list(0)).toThrow('a parameter list holds 1 or more words, got 0');
    expect(() => dims(['x'], 0)).toThrow('dims hold at least 1 dim, got a capacity of 0');
  });
});

describe.skipIf(!h)('kernel parameters on the device', () => {
  it('reads every field by name where the writer put it', async () => {
    // Every field copied out in declaration order, then walk_x / walk_y of every position of walk.
    const copies = [
      'params.n', 'params.pad.x', 'params.pad.y', 'bitcast<u32>(params.scale)', 'bitcast<u32>(params.shift)',
      'params.shape[0]', 'params.shape[1]', 'params.shape[2]', 'params.x.offset', 'params.x.strides[0]', 'params.x.strides[1]',
      'params.walk.rank', ...[0, 1, 2, 3].map((d) => `params.walk.shape[${d}]`),
      ...[0, 1, 2, 3].map((d) => `params.walk.x[${d}]`), ...[0, 1, 2, 3].map((d) => `params.walk.y[${d}]`), 'params.last',
    ];
    const positions = 15;
    const lines = copies.map((e, k) => `out[${k}u] = ${e};`);
    for (let p = 0; p < positions; p++) lines.push(`out[${copies.length + 2 * p}u] = walk_x(${p}u); out[${copies.length + 2 * p + 1}u] = walk_y(${p}u);`);
    const size = copies.length + 2 * positions;
    const out = h!.upload(outputView('int32', [size]));
    h!.ctx.run({
      key: 'test/params',
      code: () => `${bindings(EVERY_KIND, [], [{ name: 'out', dtype: 'u32' }])}
@compute @workgroup_size(1)
fn main() {
  ${lines.join('\n  ')}
}`,
      params: EVERY_KIND.write(VALUES),
      inputs: [],
      outputs: [bufferOf(out)],
      workgroups: [1, 1, 1],
    });
    const got = Array.from((await h!.download(out, size)) as Int32Array, (v) => v >>> 0);
    const walk: number[] = [];
    for (let p = 0; p < positions; p++) {
      const [i, j] = [Math.floor(p / 5), p % 5];
      walk.push((i * 5 + j * 1) >>> 0, (i * 10 + j * -2) >>> 0);
    }
    expect(got).toEqual([...expectedWords().filter((_, k) => k !== 1), ...walk]);
  });
});
