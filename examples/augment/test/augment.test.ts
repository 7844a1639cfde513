/** The example end to end: the grid PNG's size and rows, the seed repeating it exactly, and the command line. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as torch from '@x/torch';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../src/main';
import { SUBSET } from '../src/images';
import { run } from '../src/run';

const dir = mkdtempSync(join(tmpdir(), 'augment-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/augment', () => {
  test("writes one grid of the seed's pipelines; the same seed gives the same PNG, another seed another", async () => {
    const lines: string[] = [];
    const a = await run({ output: join(dir, 'a.png'), seed: 4, data: SUBSET, tile: 32 }, (l) => void lines.push(l));
    expect(a.rows.map((r) => r.shapes.length)).toEqual([5, 5, 5, 5, 6, 5]);
    // Crop keeps the size (keepSize), the different-sizes pipeline keeps each image's own size.
    expect(a.rows[0]!.shapes).toEqual(Array(5).fill([128, 128, 3]));
    expect(a.rows[4]!.shapes).toEqual([[128, 128, 3], [64, 128, 3], [28, 28, 3], [128, 128, 3], [64, 128, 3], [28, 28, 3]]);
    const png = await torch.vision.io.readImage(join(dir, 'a.png'));
    expect([...png.shape]).toEqual([3, 6 * 36 + 4, 6 * 36 + 4]);
    expect([...png.shape]).toEqual(a.gridShape);
    expect(lines.at(-1)).toBe(`wrote ${join(dir, 'a.png')}: 6 rows of 6, 220×220 pixels (Fashion-MNIST from ${SUBSET}, seed 4)`);
    await run({ output: join(dir, 'b.png'), seed: 4, data: SUBSET, tile: 32 }, () => {});
    await run({ output: join(dir, 'c.png'), seed: 5, data: SUBSET, tile: 32 }, () => {});
    expect(readFileSync(join(dir, 'b.png')).equals(readFileSync(join(dir, 'a.png')))).toBe(true);
    expect(readFileSync(join(dir, 'c.png')).equals(readFileSync(join(dir, 'a.png')))).toBe(false);
  });

  test('the command line: --help, and a bad option named', async () => {
    const out: string[] = [];
    const log = console.log;
    const err = console.error;
    console.log = (s: string) => void out.push(s);
    console.error = (s: string) => void out.push(s);
    try {
      expect(await main(['--help'])).toBe(0);
      expect(out.at(-1)).toMatch(/^usage: pnpm start \[options\]/);
      expect(await main(['--tile', '4', '--output', join(dir, 'x.png')])).toBe(2);
      expect(out.at(-1)).toBe("--tile expects an integer of at least 16, got '4'");
      expect(await main(['--colour'])).toBe(2);
      expect(out.at(-1)).toMatch(/^Unknown option '--colour'/);
    } finally {
      console.log = log;
      console.error = err;
    }
  });
});
