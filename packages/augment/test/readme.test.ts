import { registerWasmBackend } from '@x/backend-wasm';
import * as torch from '@x/tensor';
import { expect, it } from 'vitest';
import * as augment from '../src/index';

registerWasmBackend();

it("the README's first example runs", () => {
  const iaa = augment.augmenters;
  augment.seed(1);
  const seq = new iaa.Sequential([
    new iaa.Fliplr(0.5),
    new iaa.Sometimes(0.5, new iaa.Rot90([1, 3])),
    new iaa.OneOf([new iaa.Identity(), new iaa.Rot90(iaa.choice([1, 3]))]),
  ]);
  const images = torch.randint(0, 256, [8, 64, 64, 3]).to('uint8');
  const out = seq.augmentImages(images) as torch.Tensor;
  expect(out.shape).toEqual([8, 64, 64, 3]);
  const { image, boundingBoxes } = seq.augment({
    image: images.select(0, 0),
    boundingBoxes: new augment.BoundingBoxesOnImage([new augment.BoundingBox({ x1: 4, y1: 8, x2: 30, y2: 40, label: 'cat' })], { shape: [64, 64, 3] }),
  });
  expect(image!.shape).toEqual([64, 64, 3]);
  const box = (boundingBoxes as augment.BoundingBoxesOnImage).boundingBoxes[0]!;
  expect([box.width * box.height, box.label]).toEqual([26 * 32, 'cat']);
});
