import { expect } from 'vitest';
import type { Tensor } from '@x/tensor';
import { BoundingBox, BoundingBoxesOnImage } from '../../src/augmentables/bounding-boxes';
import { Keypoint, KeypointsOnImage } from '../../src/augmentables/keypoints';
import type { Augmenter } from '../../src/augmenters/base';
import { decodeImage, maxAbsDiff, type GeoCase, type GeoFixture } from './geo-fixtures';

/** The fixture's keypoints and boxes on an image. */
export function fixtureAnnotations(fixture: GeoFixture, image: Tensor): { keypoints: KeypointsOnImage; boundingBoxes: BoundingBoxesOnImage } {
  return {
    keypoints: new KeypointsOnImage(fixture.keypoints.map(([x, y]) => new Keypoint(x, y)), { shape: image.shape }),
    boundingBoxes: new BoundingBoxesOnImage(fixture.boxes.map(([x1, y1, x2, y2]) => new BoundingBox({ x1, y1, x2, y2 })), { shape: image.shape }),
  };
}

/** Keypoints and boxes equal imgaug's within `digits` decimal digits, and lie on imgaug's shapes. */
export function expectAnnotationsLikeImgaug(c: GeoCase, keypoints: KeypointsOnImage, boxes: BoundingBoxesOnImage, digits: number): void {
  expect([...keypoints.shape]).toEqual(c.keypointsShape);
  keypoints.keypoints.forEach((kp, j) => {
    expect(kp.x).toBeCloseTo(c.keypoints[j]![0], digits);
    expect(kp.y).toBeCloseTo(c.keypoints[j]![1], digits);
  });
  expect([...boxes.shape]).toEqual(c.boxesShape);
  boxes.boundingBoxes.forEach((bb, j) => {
    [bb.x1, bb.y1, bb.x2, bb.y2].forEach((v, k) => expect(v).toBeCloseTo(c.boxes[j]![k]!, digits));
  });
}

/**
 * Runs `aug` on the case's image with the fixture's keypoints and boxes: the image must equal
 * imgaug's exactly, the coordinates to `digits` decimals.
 */
export function expectCaseLikeImgaug(fixture: GeoFixture, c: GeoCase, aug: Augmenter, digits: number): void {
  const image = decodeImage(fixture.images[c.image]!);
  const out = aug.augment({ image, ...fixtureAnnotations(fixture, image) });
  expect(maxAbsDiff(out.image!, decodeImage(c.output))).toBe(0);
  expectAnnotationsLikeImgaug(c, out.keypoints as KeypointsOnImage, out.boundingBoxes as BoundingBoxesOnImage, digits);
}
