/**
 * The training plot: loss (training and validation) and accuracy per epoch, two panels side by
 * side, drawn into an RGB raster and written as a PNG (no plotting library needed).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EpochRecord } from './checkpoint';
import { glyph, GLYPH_HEIGHT, GLYPH_WIDTH } from './font';
import { encodePng } from './png';

type RGB = readonly [number, number, number];

const WHITE: RGB = [255, 255, 255];
const BLACK: RGB = [30, 30, 30];
const GRID: RGB = [225, 225, 225];
const BLUE: RGB = [31, 119, 180];
const ORANGE: RGB = [255, 127, 14];
const GREEN: RGB = [44, 160, 44];

/** An RGB raster with the few drawing operations the chart needs. */
export class Raster {
  readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number, background: RGB = WHITE) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  set(x: number, y: number, c: RGB): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels.set(c, (y * this.width + x) * 3);
  }

  fillRect(x: number, y: number, w: number, h: number, c: RGB): void {
    for (let j = Math.max(0, Math.round(y)); j < Math.min(this.height, Math.round(y + h)); j++) {
      for (let i = Math.max(0, Math.round(x)); i < Math.min(this.width, Math.round(x + w)); i++) this.pixels.set(c, (j * this.width + i) * 3);
    }
  }

  /** A line `thickness` pixels wide (a square brush stepped along the longer axis). */
  line(x0: number, y0: number, x1: number, y1: number, c: RGB, thickness = 1): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    const r = (thickness - 1) / 2;
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.fillRect(x - r, y - r, thickness, thickness, c);
    }
  }

  /** Text in the 5x7 font at `scale`; `align` places x at its left, centre or right. */
  text(x: number, y: number, s: string, c: RGB, scale = 2, align: 'left' | 'center' | 'right' = 'left'): void {
    const advance = (GLYPH_WIDTH + 1) * scale;
    const width = s.length * advance - scale;
    let left = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
    for (const ch of s) {
      const rows = glyph(ch);
      for (let j = 0; j < GLYPH_HEIGHT; j++) {
        for (let i = 0; i < GLYPH_WIDTH; i++) if (rows[j]![i] === '#') this.fillRect(left + i * scale, y + j * scale, scale, scale, c);
      }
      left += advance;
    }
  }

  /** Text turned 90° anticlockwise, read bottom to top, centred on (x, y). */
  verticalText(x: number, y: number, s: string, c: RGB, scale = 2): void {
    const advance = (GLYPH_WIDTH + 1) * scale;
    let bottom = y + (s.length * advance - scale) / 2;
    for (const ch of s) {
      const rows = glyph(ch);
      for (let j = 0; j < GLYPH_HEIGHT; j++) {
        for (let i = 0; i < GLYPH_WIDTH; i++) if (rows[j]![i] === '#') this.fillRect(x + j * scale, bottom - (i + 1) * scale, scale, scale, c);
      }
      bottom -= advance;
    }
  }
}

/** About five round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  // The round step whose number of intervals is closest to `count`.
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * mag);
  const step = steps.reduce((best, s) => (Math.abs((hi - lo) / s - count) < Math.abs((hi - lo) / best - count) ? s : best));
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

interface Series {
  name: string;
  colour: RGB;
  values: number[];
}

function decimals(ticks: number[]): number {
  // The fewest decimals that show every tick exactly (a step of 2.5 needs one, 0.05 two).
  for (let d = 0; d < 4; d++) if (ticks.every((t) => Math.abs(Math.round(t * 10 ** d) - t * 10 ** d) < 1e-6)) return d;
  return 4;
}

/** One panel: axes, grid, ticks, a title, the series as lines with a dot per epoch, a legend. */
function panel(r: Raster, box: { x: number; y: number; w: number; h: number }, title: string, epochs: number[], series: Series[], format: (v: number, d: number) => string): void {
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (!(hi > lo)) [lo, hi] = [lo - 0.05 * Math.abs(lo || 1), hi + 0.05 * Math.abs(hi || 1)];
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const first = epochs[0] ?? 1;
  const last = Math.max(first + 1, epochs[epochs.length - 1] ?? 1);
  const left = box.x + 70;
  const right = box.x + box.w - 25;
  const top = box.y + 40;
  const bottom = box.y + box.h - 50;
  const px = (e: number): number => left + ((e - first) / (last - first)) * (right - left);
  const py = (v: number): number => bottom - ((v - lo) / (hi - lo)) * (bottom - top);

  r.text((left + right) / 2, box.y + 10, title, BLACK, 2, 'center');
  const yTicks = niceTicks(lo, hi);
  const d = decimals(yTicks);
  for (const t of yTicks) {
    r.line(left, py(t), right, py(t), GRID);
    r.text(left - 8, py(t) - 7, format(t, d), BLACK, 2, 'right');
  }
  const xTicks = niceTicks(first, last).filter((t) => Number.isInteger(t));
  for (const t of xTicks) {
    r.line(px(t), top, px(t), bottom, GRID);
    r.text(px(t), bottom + 8, String(t), BLACK, 2, 'center');
  }
  r.text((left + right) / 2, bottom + 30, 'EPOCH', BLACK, 2, 'center');
  r.line(left, top, left, bottom, BLACK, 2);
  r.line(left, bottom, right, bottom, BLACK, 2);

  for (const s of series) {
    for (let i = 0; i < s.values.length; i++) {
      const x = px(epochs[i]!);
      const y = py(s.values[i]!);
      if (i > 0) r.line(px(epochs[i - 1]!), py(s.values[i - 1]!), x, y, s.colour, 3);
      r.fillRect(x - 3, y - 3, 7, 7, s.colour);
    }
  }
  let ly = top + 8;
  for (const s of series) {
    r.fillRect(right - 150, ly + 2, 20, 10, s.colour);
    r.text(right - 124, ly, s.name, BLACK, 2);
    ly += 22;
  }
}

/** The chart as a raster: loss on the left, accuracy on the right. */
export function drawTrainingPlot(history: readonly EpochRecord[]): Raster {
  const r = new Raster(1000, 420);
  const epochs = history.map((e) => e.epoch);
  panel(r, { x: 0, y: 0, w: 500, h: 420 }, 'LOSS', epochs, [
    { name: 'TRAIN', colour: BLUE, values: history.map((e) => e.trainLoss) },
    { name: 'VALIDATION', colour: ORANGE, values: history.map((e) => e.valLoss) },
  ], (v, d) => v.toFixed(d));
  panel(r, { x: 500, y: 0, w: 500, h: 420 }, 'VALIDATION ACCURACY', epochs, [
    { name: 'ACCURACY', colour: GREEN, values: history.map((e) => 100 * e.accuracy) },
  ], (v, d) => `${v.toFixed(Math.max(0, d))}%`);
  return r;
}

/** Writes the chart as a PNG (atomically: a temporary file renamed into place). */
export function writePlot(path: string, history: readonly EpochRecord[]): void {
  if (history.length === 0) return;
  const r = drawTrainingPlot(history);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, encodePng(r.width, r.height, r.pixels));
  renameSync(tmp, path);
}
