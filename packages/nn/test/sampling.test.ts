/**
 * F.gridSample, F.affineGrid and F.interpolate's bicubic and antialiased modes against PyTorch 1.13
 * (tools/gen_sampling_fixtures.py → fixtures/sampling.json): outputs, gradients, error texts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '@x/autograd';
import { callArgs, functional, runFunctionalCase, type ErrorCase, type FunctionalCase } from './layer-fixtures';

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/sampling.json', import.meta.url), 'utf8')) as { functional: FunctionalCase[]; errors: ErrorCase[] };

describe('sampling ops match PyTorch 1.13 (fixtures/sampling.json)', () => {
  it.each(FIXTURE.functional.map((c) => [c.name, c] as const))('%s', (_name, c) => runFunctionalCase(c));
});

describe('sampling ops refuse bad input with PyTorch 1.13 messages', () => {
  it.each(FIXTURE.errors.map((c) => [c.error, c] as const))('%s', (error, c) => {
    expect(() => functional(c.fn!)(...callArgs(c.args, c.kwargs))).toThrow(error);
  });
});
