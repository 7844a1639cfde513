// @x/augment from the built packages, as an npm user runs it: torch.augment from the umbrella and
// @x/augment alone, a flip equal to imgaug's (the package's fixture), boxes moved with the image,
// toDeterministic repeating itself, and an augmenter as a step of vision's Compose.
const assert = require('node:assert/strict');

module.exports = function define(test, { torch, augment }) {
  const iaa = augment.augmenters;

  test('torch.augment is @x/augment', () => {
    for (const k of ['augmenters', 'parameters', 'seed', 'BoundingBoxesOnImage']) assert.equal(torch.augment[k], augment[k]);
  });

  test('Fliplr(1) mirrors the image and its boxes', () => {
    const img = torch.arange(4 * 6 * 3).reshape([4, 6, 3]).to('uint8');
    const boxes = new augment.BoundingBoxesOnImage([new augment.BoundingBox({ x1: 1, y1: 1, x2: 3, y2: 2 })], { shape: [4, 6, 3] });
    const { image, boundingBoxes } = new iaa.Fliplr(1).augment({ image: img, boundingBoxes: boxes });
    assert.ok(image.equal(img.flip(1)));
    const b = boundingBoxes.boundingBoxes[0];
    assert.deepEqual([b.x1, b.x2], [3, 5]);
  });

  test('toDeterministic repeats; a step of vision.transforms.Compose', () => {
    augment.seed(3);
    const aug = new iaa.Sequential([new iaa.Fliplr(0.5), new iaa.Rot90([0, 3])]).toDeterministic();
    const batch = torch.randint(0, 256, [4, 8, 8, 3]).to('uint8');
    const a = aug.augmentImages(batch);
    const b = aug.augmentImages(batch);
    assert.ok(a.equal(b));
    const pipeline = new torch.vision.transforms.Compose([new iaa.Fliplr(1), new torch.vision.transforms.ToTensor()]);
    const chw = torch.randint(0, 256, [3, 5, 7]).to('uint8');
    const out = pipeline.forward(torch.vision.tensorToRawImage(chw));
    assert.ok(out.equal(chw.flip(2).float().div(255)));
  });
};
