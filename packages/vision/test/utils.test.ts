import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeTensor, valuesMismatch } from '@x/tensor/testing';
import { io, utils } from '../src/index';
import { visionIoFixtures } from './helpers/vision-io-fixtures';

registerWasmBackend();

const { inputs, cases } = visionIoFixtures().grids;
const input = (name: string): torch.Tensor | torch.Tensor[] => {
  if (name === 'list3') {
    const batch = decodeTensor(inputs.batch!);
    return [0, 1, 2].map((i) => batch.select(0, i));
  }
  return decodeTensor(inputs[name]!);
};
const tmp = mkdtempSync(join(tmpdir(), 'vision-utils-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('makeGrid against torchvision.utils.make_grid', () => {
  cases.forEach((c, i) => {
    it(`${c.input} ${JSON.stringify(c.options)}`, () => {
      const expected = decodeTensor(c.grid);
      const got = utils.makeGrid(input(c.input), c.options as utils.MakeGridOptions);
      expect(got.shape).toEqual(expected.shape);
      expect(got.dtype).toBe(expected.dtype);
      expect(valuesMismatch(got.numpy() as Float32Array, expected.numpy() as Float32Array, { rtol: 0, atol: 0 }), `case ${i}`).toBeNull();
    });
  });

  it('does not change its input when normalizing', () => {
    const batch = decodeTensor(inputs.batch!);
    const before = Array.from(batch.numpy() as Float32Array);
    utils.makeGrid(batch, { normalize: true });
    expect(Array.from(batch.numpy() as Float32Array)).toEqual(before);
  });

  it('bad input says what came', () => {
    expect(() => utils.makeGrid([torch.zeros([3, 2, 2]), 5 as never])).toThrow(/list of tensors expected, got a list containing number 5 at index 1/);
    expect(() => utils.makeGrid('x' as never)).toThrow(/tensor or list of tensors expected, got string x/);
    expect(() => utils.makeGrid(torch.zeros([1, 2, 3, 4, 5]))).toThrow(/expected images of shape \[B, C, H, W\].*got shape \[1, 2, 3, 4, 5\]/);
    expect(() => utils.makeGrid(torch.zeros([2, 3, 2, 2]), { normalize: true, valueRange: 3 as never })).toThrow(/valueRange has to be a pair/);
  });
});

describe('saveImage against torchvision.utils.save_image', () => {
  cases.forEach((c, i) => {
    if (!c.saved) return;
    it(`${c.input} ${JSON.stringify(c.options)}`, async () => {
      const path = join(tmp, `grid${i}.png`);
      await utils.saveImage(input(c.input), path, c.options as utils.SaveImageOptions);
      const expected = decodeTensor(c.saved!); // HWC as PIL reads it back
      const back = await io.readImage(path);
      expect(Array.from(back.permute(1, 2, 0).contiguous().numpy() as Uint8Array)).toEqual(Array.from(expected.numpy() as Uint8Array));
    });
  });

  it('takes the format from the extension or options.format, and refuses an unknown one', async () => {
    const img = torch.rand([3, 8, 8]);
    await utils.saveImage(img, join(tmp, 'a.jpg'));
    expect((await io.readImage(join(tmp, 'a.jpg'))).shape).toEqual([3, 8, 8]);
    await utils.saveImage(img, join(tmp, 'b.img'), { format: 'png' });
    expect((await io.readImage(join(tmp, 'b.img'))).shape).toEqual([3, 8, 8]);
    await expect(utils.saveImage(img, join(tmp, 'c.xyz'))).rejects.toThrow(/unknown file extension '\.xyz'.*give options\.format/);
    await expect(utils.saveImage(torch.rand([4, 8, 8]), join(tmp, 'd.jpg'))).rejects.toThrow(/JPEG has no alpha channel, but the image has 4 channels/);
  });
});
