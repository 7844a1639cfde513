import { registerWasmBackend } from '@x/backend-wasm';
import { describe } from 'vitest';
import { readFixture, type AugmenterCase } from './helpers/core-fixtures';
import { testAugmenterCases } from './helpers/run-cases';

registerWasmBackend();

describe("Fliplr and Flipud equal imgaug 0.4's output (images, keypoints, boxes, polygons, segmentation maps, heatmaps)", () => {
  testAugmenterCases(readFixture<{ cases: AugmenterCase[] }>('core-flip.json').cases);
});
