import { registerWasmBackend } from '@x/backend-wasm';
import { describe } from 'vitest';
import { readFixture, type AugmenterCase } from './helpers/core-fixtures';
import { testAugmenterCases } from './helpers/run-cases';

registerWasmBackend();

describe("meta augmenters with deterministic settings equal imgaug 0.4's output", () => {
  testAugmenterCases(readFixture<{ cases: AugmenterCase[] }>('core-meta.json').cases);
});
