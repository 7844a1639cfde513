/** The fixtures tools/gen_vision_io_fixtures.py writes from torchvision 0.14. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FixtureTensor } from '@x/tensor/testing';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixturePath(...parts: string[]): string {
  return `${fixturesDir}${parts.join('/')}`;
}

type ModeResult = FixtureTensor | { error: string };

export interface VisionIoFixtures {
  io: Record<string, { modes: Record<string, ModeResult>; pilRgb: FixtureTensor }>;
  grids: {
    inputs: Record<string, FixtureTensor>;
    cases: { input: string; options: Record<string, unknown>; grid: FixtureTensor; saved: FixtureTensor | null }[];
  };
  imageFolder: {
    IMG_EXTENSIONS: string[];
    emptyClassError: string;
    emptyClassErrorValidFile: string;
    classes: string[];
    classToIdx: Record<string, number>;
    samples: [string, number][];
    first: FixtureTensor;
    repr: string;
    someSamples: [string, number][];
    pngGifError: string;
    noClassError: string;
    reprWithTransform: string;
  };
  cifar: Record<'CIFAR10' | 'CIFAR100', { classes: string[] } & Record<'train' | 'test', { data: FixtureTensor; targets: number[]; first: FixtureTensor; repr: string }>>;
  fashionMnist: { repr: string; classToIdx: Record<string, number>; item3: { mode: string; image: FixtureTensor; target: number } };
  fakeData: { repr: string; mode: string; size: [number, number] };
}

let cached: VisionIoFixtures | null = null;

export function visionIoFixtures(): VisionIoFixtures {
  cached ??= JSON.parse(readFileSync(fixturePath('vision-io.json'), 'utf8')) as VisionIoFixtures;
  return cached;
}
