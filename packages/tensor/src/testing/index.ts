/**
 * `@x/tensor/testing`: the kit for writing a backend, and the test helpers every package shares.
 * Node only (it reads fixtures/ops.json with node:fs); it depends on no test framework: the suite is
 * defined with the functions passed to `runConformance` (vitest's module, or the same shapes).
 */
export { runConformance, runCase } from './conformance';
export type { ConformanceOptions, TestApi, TestFunction } from './conformance';
export { KNOWN_GAPS, knownGap } from './known-gaps';
export type { KnownGap } from './known-gaps';
export { loadFixtures, fixturesPath, decodeArg, decodeTensor, decodeNumber, decodeValues, encodeTensor } from './fixtures';
export type { Case, Encoded, EncodedTensor, FixtureTensor, Fixtures, PlainTensor } from './fixtures';
export { compareOutput, valuesMismatch, TOLERANCES } from './compare';
export type { Tolerance } from './compare';
export { describeSparse } from './sparse';
export type { SparseDescription } from './sparse';
export { AsyncReferenceBackend } from './async-backend';
export { PrimitiveReferenceBackend } from './primitive-backend';
export { runRngFixtures, loadRngFixtures, rngMismatch } from './rng';
export type { RngFixtures } from './rng';
