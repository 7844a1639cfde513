import { registerWasmBackend } from '@x/backend-wasm';
import { arange, stack, type Tensor, tensor } from '@x/tensor';
import { transforms } from '@x/vision';
import { describe, expect, it } from 'vitest';
import {
  augmenters as iaa,
  Batch,
  BoundingBox,
  BoundingBoxesOnImage,
  Keypoint,
  KeypointsOnImage,
  SegmentationMapsOnImage,
  type AugmentableKind,
} from '../src/index';

registerWasmBackend();

/** A uint8 [H, W, C] image whose pixels all differ, so every flip or turn is told apart. */
function image(h = 3, w = 4, c = 3): Tensor {
  return arange(h * w * c).reshape([h, w, c]).to('uint8');
}

const same = (a: Tensor, b: Tensor): boolean => a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]) && a.equal(b);

/** Which of the given outputs each image became (index), or -1 for none. */
function which(outputs: Tensor[], candidates: Tensor[]): number[] {
  return outputs.map((o) => candidates.findIndex((c) => same(o, c)));
}

describe('input forms', () => {
  it('[H, W, C], [H, W] gray, NHWC, NHW and arrays of different sizes come back in the form given', () => {
    const img = image();
    expect(new iaa.Fliplr(1).augmentImage(img).equal(img.flip([1]))).toBe(true);
    const gray = image(3, 4, 1).squeeze(-1);
    const g = new iaa.Flipud(1).augmentImage(gray);
    expect(g.shape).toEqual([3, 4]);
    expect(g.equal(gray.flip([0]))).toBe(true);
    const nhwc = stack([img, img]);
    const out = new iaa.Fliplr(1).augmentImages(nhwc) as Tensor;
    expect(out.shape).toEqual([2, 3, 4, 3]);
    expect(out.equal(nhwc.flip([2]))).toBe(true);
    const nhw = stack([gray, gray]);
    expect((new iaa.Fliplr(1).augmentImages(nhw) as Tensor).shape).toEqual([2, 3, 4]);
    const sizes = new iaa.Rot90(1, { keepSize: false }).augmentImages([image(2, 3), image(4, 5, 1).squeeze(-1)]) as Tensor[];
    expect(sizes.map((t) => t.shape)).toEqual([[3, 2, 3], [5, 4]]);
  });

  it('an NHWC batch whose images change size comes back as an array', () => {
    const out = new iaa.Rot90([0, 1], { keepSize: false, seed: 3 }).augmentImages(stack(Array.from({ length: 12 }, () => image(2, 3))));
    expect(Array.isArray(out)).toBe(true);
  });

  it('float images pass through flips and turns', () => {
    const img = image().to('float32').div(255);
    expect(new iaa.Rot90(2).augmentImage(img).equal(img.flip([0, 1]))).toBe(true);
  });

  it('augment() with image and plain arrays of keypoints and boxes returns the same forms', () => {
    const { image: out, keypoints, boundingBoxes } = new iaa.Fliplr(1).augment({
      image: image(),
      keypoints: [new Keypoint(1, 2)],
      boundingBoxes: [new BoundingBox({ x1: 0, y1: 0, x2: 1, y2: 2, label: 'x' })],
    });
    expect(out!.shape).toEqual([3, 4, 3]);
    expect((keypoints as Keypoint[])[0]!.x).toBe(3);
    expect((boundingBoxes as BoundingBox[])[0]).toMatchObject({ x1: 3, x2: 4, label: 'x' });
  });

  it('the single-kind calls take one object or an array, and leave the input untouched', () => {
    const kpsoi = new KeypointsOnImage([new Keypoint(1, 2)], { shape: [3, 4, 3] });
    const out = new iaa.Fliplr(1).augmentKeypoints(kpsoi);
    expect(out.keypoints[0]!.x).toBe(3);
    expect(kpsoi.keypoints[0]!.x).toBe(1);
    expect(new iaa.Fliplr(1).augmentKeypoints([kpsoi, kpsoi])).toHaveLength(2);
    const bbs = new iaa.Flipud(1).augmentBoundingBoxes(new BoundingBoxesOnImage([new BoundingBox({ x1: 0, y1: 0, x2: 1, y2: 1 })], { shape: [3, 4] }));
    expect(bbs.boundingBoxes[0]).toMatchObject({ y1: 2, y2: 3 });
    const seg = new iaa.Fliplr(1).augmentSegmentationMaps(new SegmentationMapsOnImage(tensor([[1, 0]], { dtype: 'uint8' }), { shape: [1, 2] }));
    expect(seg.getArr().tolist()).toEqual([[0, 1]]);
    expect(seg.getArr().dtype).toBe('uint8');
  });

  it('refuses what it cannot take, saying what it expected and what came', () => {
    const aug = new iaa.Fliplr(1);
    expect(() => aug.augmentImage(arange(4) as Tensor)).toThrow(/Expected image to be a \[H, W, C\] or \[H, W\] image tensor, got a int64 tensor of shape \[4\]/);
    expect(() => aug.augment({ image: image(), boxes: [] } as never)).toThrow(/unknown field 'boxes'/);
    expect(() => aug.augmentKeypoints([1] as never)).toThrow(/Expected keypoints as a KeypointsOnImage or an array of KeypointsOnImage/);
    expect(() => new iaa.Sequential([], { randomOrdr: true } as never)).toThrow(/unexpected keyword argument 'randomOrdr'; did you mean 'randomOrder'\?/);
    expect(() => new iaa.Fliplr(0.5, 1 as never)).toThrow(/takes 1 positional argument \(p\) but 2 were given/);
    expect(() => new iaa.Fliplr(2)).toThrow(/interval \[0.0, 1.0\], got 2/);
  });

  it('an augmenter refuses kinds it does not handle, by name', () => {
    class Brighten extends iaa.Augmenter {
      protected augmentBatch_(batch: Batch): Batch {
        batch.images = batch.images!.map((img) => img.add(1));
        return batch;
      }
    }
    const kps = new KeypointsOnImage([new Keypoint(0, 0)], { shape: [3, 4, 3] });
    expect(new Brighten().augmentImage(image()).equal(image().add(1))).toBe(true);
    expect(() => new Brighten({ name: 'b' }).augment({ image: image(), keypoints: kps })).toThrow(/Brighten \(b\) cannot augment keypoints: it handles images/);
    expect(() => new iaa.Sequential([new Brighten()]).augmentKeypoints(kps)).toThrow(/cannot augment keypoints/);
  });

  it('Rot90 keeps the shape of a non-square image with keepSize (its values: rot90.test.ts), swaps it without', () => {
    expect(new iaa.Rot90(1).augmentImage(image()).shape).toEqual([3, 4, 3]);
    expect(new iaa.Rot90(1, { keepSize: false }).augmentImage(image()).shape).toEqual([4, 3, 3]);
  });
});

describe('randomness', () => {
  const batch = (n: number): Tensor[] => Array.from({ length: n }, () => image());
  const flipped = (aug: iaa.Augmenter, n = 200): number[] => which(aug.augmentImages(batch(n)) as Tensor[], [image(), image().flip([1])]);

  it('Fliplr(p) flips about a fraction p of the images', () => {
    const f = flipped(new iaa.Fliplr(0.3, { seed: 1 }), 2000);
    expect(f.every((v) => v === 0 || v === 1)).toBe(true);
    const rate = f.filter((v) => v === 1).length / f.length;
    // 2000 draws: standard error about 0.01
    expect(Math.abs(rate - 0.3)).toBeLessThan(0.05);
  });

  it('the same seed repeats, different seeds differ, calls in a row differ', () => {
    expect(flipped(new iaa.Fliplr(0.5, { seed: 1 }))).toEqual(flipped(new iaa.Fliplr(0.5, { seed: 1 })));
    expect(flipped(new iaa.Fliplr(0.5, { seed: 1 }))).not.toEqual(flipped(new iaa.Fliplr(0.5, { seed: 2 })));
    const aug = new iaa.Fliplr(0.5, { seed: 1 });
    expect(flipped(aug)).not.toEqual(flipped(aug));
  });

  it('toDeterministic repeats on every call, images and annotations alike; the next toDeterministic differs', () => {
    const aug = new iaa.Sequential([new iaa.Fliplr(0.5), new iaa.Rot90([0, 3])], { seed: 4 });
    const det = aug.toDeterministic();
    const imgs = Array.from({ length: 30 }, () => image(4, 4));
    const a = det.augmentImages(imgs) as Tensor[];
    const b = det.augmentImages(imgs) as Tensor[];
    a.forEach((t, i) => expect(t.equal(b[i]!)).toBe(true));
    // The keypoint at the image's first pixel centre moves where that pixel went.
    const kps = imgs.map(() => new KeypointsOnImage([new Keypoint(0.5, 0.5)], { shape: [4, 4, 3] }));
    det.augmentKeypoints(kps).forEach((k, i) => {
      const { x, y } = k.keypoints[0]!;
      expect(a[i]!.select(0, Math.floor(y)).select(0, Math.floor(x)).tolist()).toEqual([0, 1, 2]);
    });
    const other = aug.toDeterministic().augmentImages(imgs) as Tensor[];
    expect(other.some((t, i) => !t.equal(a[i]!))).toBe(true);
    expect(aug.toDeterministic(3)).toHaveLength(3);
  });

  it('Sequential randomOrder runs both orders; in order it runs one', () => {
    const img = image(4, 4);
    const lrThenRot = new iaa.Rot90(1).augmentImage(img.flip([1]));
    const rotThenLr = new iaa.Rot90(1).augmentImage(img).flip([1]);
    const run = (randomOrder: boolean) =>
      which(new iaa.Sequential([new iaa.Fliplr(1), new iaa.Rot90(1)], { randomOrder, seed: 2 }).toDeterministic(60).map((d) => d.augmentImage(img)), [lrThenRot, rotThenLr]);
    expect(new Set(run(true))).toEqual(new Set([0, 1]));
    expect(new Set(run(false))).toEqual(new Set([0]));
  });

  it('SomeOf applies n children per image, OneOf exactly one, each child about equally often', () => {
    const img = image(4, 4);
    const outcomes = [img, img.flip([1]), img.flip([0]), img.flip([0, 1])];
    const one = which(new iaa.OneOf([new iaa.Fliplr(1), new iaa.Flipud(1)], { seed: 5 }).augmentImages(Array.from({ length: 400 }, () => img)) as Tensor[], outcomes);
    expect(one.every((v) => v === 1 || v === 2)).toBe(true);
    expect(Math.abs(one.filter((v) => v === 1).length / 400 - 0.5)).toBeLessThan(0.1);
    const some = which(new iaa.SomeOf([0, 2], [new iaa.Fliplr(1), new iaa.Flipud(1)], { seed: 5 }).augmentImages(Array.from({ length: 400 }, () => img)) as Tensor[], outcomes);
    expect(new Set(some)).toEqual(new Set([0, 1, 2, 3]));
    const atLeast = which(new iaa.SomeOf([1, null], [new iaa.Fliplr(1), new iaa.Flipud(1)], { seed: 6 }).augmentImages(Array.from({ length: 100 }, () => img)) as Tensor[], outcomes);
    expect(atLeast.every((v) => v >= 1)).toBe(true);
  });

  it('Sometimes(p) takes the then branch for about a fraction p, the else branch for the rest', () => {
    const img = image(4, 4);
    const got = which(new iaa.Sometimes(0.25, new iaa.Fliplr(1), new iaa.Flipud(1), { seed: 8 }).augmentImages(Array.from({ length: 1000 }, () => img)) as Tensor[], [img.flip([1]), img.flip([0])]);
    expect(got.every((v) => v === 0 || v === 1)).toBe(true);
    expect(Math.abs(got.filter((v) => v === 0).length / 1000 - 0.25)).toBeLessThan(0.05);
  });

  it('Rot90(ALL) turns by 0 to 3 quarters', () => {
    const img = image(4, 4);
    const turns = [0, 1, 2, 3].map((k) => iaa.rot90Array(img, k));
    expect(new Set(which(new iaa.Rot90(iaa.ALL, { seed: 1 }).augmentImages(Array.from({ length: 80 }, () => img)) as Tensor[], turns))).toEqual(new Set([0, 1, 2, 3]));
  });
});

describe('Lambda', () => {
  it('runs the functions per kind; boxes go through funcKeypoints as their corners', () => {
    const aug = new iaa.Lambda({
      funcImages: (imgs) => imgs.map((t) => t.flip([1])),
      funcKeypoints: (kpsois) => kpsois.map((k) => new KeypointsOnImage(k.keypoints.map((p) => new Keypoint(k.shape[1]! - p.x, p.y)), { shape: k.shape })),
    });
    const out = aug.augment({ image: image(), boundingBoxes: [new BoundingBox({ x1: 0, y1: 0, x2: 1, y2: 1 })] });
    expect(out.image!.equal(image().flip([1]))).toBe(true);
    expect((out.boundingBoxes as BoundingBox[])[0]).toMatchObject({ x1: 3, x2: 4 });
  });

  it('gives every function the random state in the same position when several kinds come together', () => {
    const seen: number[][] = [];
    const draw = <T>(rows: T[], rs: import('../src/index').RandomState): T[] => {
      seen.push(Array.from(rs.uniform(0, 1, 3).numpy() as Float32Array));
      return rows;
    };
    const aug = new iaa.Lambda({ funcImages: draw, funcKeypoints: draw, seed: 1 });
    aug.augment({ image: image(), keypoints: [new Keypoint(0, 0)] });
    expect(seen[0]).toEqual(seen[1]);
  });

  it('refuses a function result of the wrong kind', () => {
    const aug = new iaa.Lambda({ funcKeypoints: () => [1] as never });
    expect(() => aug.augmentKeypoints(new KeypointsOnImage([], { shape: [2, 2] }))).toThrow(/expected the function for keypoints to return an array of 1 KeypointsOnImage/);
  });
});

describe('with the rest of @x', () => {
  it('an augmenter is a step of vision.transforms.Compose', () => {
    const pipeline = new transforms.Compose([new iaa.Fliplr(1), new iaa.Sequential([new iaa.Flipud(1)]), (t: Tensor) => t.permute(2, 0, 1)]);
    const out = pipeline.forward<Tensor>(image());
    expect(out.equal(image().flip([0, 1]).permute(2, 0, 1))).toBe(true);
  });

  it('a RawImage (a decoder\'s HWC pixels) goes through Compose as a RawImage, so ToTensor can follow', () => {
    const hwc = image();
    const [h, w, c] = hwc.shape as [number, number, 1 | 2 | 3 | 4];
    const raw = { data: hwc.contiguous().numpy() as Uint8Array, width: w, height: h, channels: c };
    const out = new transforms.Compose([new iaa.Fliplr(1), new transforms.ToTensor()]).forward<Tensor>(raw);
    expect(out.equal(hwc.flip(1).permute(2, 0, 1).float().div(255))).toBe(true);
  });

  it('supportedKinds lists what each augmenter takes', () => {
    const kinds: readonly AugmentableKind[] = new iaa.Fliplr().supportedKinds;
    expect(kinds).toContain('polygons');
  });
});
