import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import type { EpochRecord } from '../src/checkpoint';
import { niceTicks, renderChart, trainingChart } from '../src/plot';

const history: EpochRecord[] = [1, 2, 3, 4].map((epoch) => ({
  epoch, trainLoss: 0.7 / epoch, valLoss: 0.5 / epoch + 0.1, accuracy: 0.8 + epoch / 100, seconds: 30, trainSeconds: 25, valSeconds: 5, rssMiB: 300, liveTensors: 60,
}));

describe('the training chart', () => {
  test('an SVG with both panels: titles, axis labels, round tick labels, a legend and a line per series', () => {
    const svg = trainingChart(history);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="420"')).toBe(true);
    for (const label of ['>Loss<', '>Validation accuracy<', '>epoch<', '>cross-entropy<', '>accuracy (%)<', '>training<', '>validation<', '>accuracy<']) expect(svg).toContain(label);
    for (const tick of ['>0.2<', '>0.6<', '>81<', '>84<', '>1<', '>4<']) expect(svg).toContain(tick);
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg.match(/<circle /g)).toHaveLength(12);
  });

  test('sharp renders it to a 1000x420 PNG with the three curves and the text drawn', async () => {
    const png = await renderChart(history);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([1000, 420, 3]);
    const count = (rgb: number[], box = [0, 0, 1000, 420]): number => {
      let n = 0;
      for (let y = box[1]!; y < box[3]!; y++) {
        for (let x = box[0]!; x < box[2]!; x++) {
          const i = (y * 1000 + x) * 3;
          if (rgb.every((c, k) => Math.abs(data[i + k]! - c) <= 16)) n++;
        }
      }
      return n;
    };
    expect(count([0x1f, 0x77, 0xb4])).toBeGreaterThan(500); // training loss
    expect(count([0xff, 0x7f, 0x0e])).toBeGreaterThan(500); // validation loss
    expect(count([0x2c, 0xa0, 0x2c])).toBeGreaterThan(500); // accuracy
    expect(count([0x22, 0x22, 0x22], [80, 10, 200, 40])).toBeGreaterThan(50); // the title 'Loss': a font was found
  });

  test('one epoch still makes a chart (a flat range is padded)', async () => {
    const { width, height } = await sharp(await renderChart(history.slice(0, 1))).metadata();
    expect([width, height]).toEqual([1000, 420]);
  });

  test('axis ticks are round numbers covering the range', () => {
    expect(niceTicks(0.18, 0.71)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(83, 92)).toEqual([84, 86, 88, 90, 92]);
    expect(niceTicks(1, 20)).toEqual([5, 10, 15, 20]);
    expect(niceTicks(0.8, 0.84)).toEqual([0.8, 0.81, 0.82, 0.83, 0.84]);
  });
});
