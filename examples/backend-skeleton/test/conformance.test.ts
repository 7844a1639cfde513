// The skeleton against PyTorch's outputs: the whole conformance suite of @x/tensor/testing.
import * as vitest from 'vitest';
import { runConformance } from '@x/tensor/testing';
import { SkeletonBackend } from '../src/index';

runConformance(new SkeletonBackend(), vitest, {
  // Cases this backend cannot pass yet, each with its reason (see test/known-gaps.test.ts).
  knownGaps: [],
});
