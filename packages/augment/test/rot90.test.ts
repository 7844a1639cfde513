import { registerWasmBackend } from '@x/backend-wasm';
import { describe } from 'vitest';
import { readFixture, type AugmenterCase } from './helpers/core-fixtures';
import { testAugmenterCases } from './helpers/run-cases';

registerWasmBackend();

describe("Rot90 equals imgaug 0.4's output", () => {
  testAugmenterCases(readFixture<{ cases: AugmenterCase[] }>('core-rot90.json').cases);
});
