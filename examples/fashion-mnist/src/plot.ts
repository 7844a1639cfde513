/** The training chart, loss and accuracy per epoch: written as SVG, rendered to PNG by sharp. */
import sharp from 'sharp';
import type { EpochRecord } from './checkpoint';

/** About five round values (steps of 1, 2 or 5 times a power of ten) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number): number[] {
  const step = [1, 2, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10((hi - lo) / 5))).find((s) => (hi - lo) / s <= 7.5)!;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

const text = (x: number, y: number, content: string | number, attributes = ''): string => `<text x="${x}" y="${y}" ${attributes}>${content}</text>`;

/** A panel 500 pixels wide from x: title, legend, grid, axes with their ticks and labels, a line with a dot per epoch for each series. */
function panel(x: number, title: string, yLabel: string, epochs: number[], series: { name: string; colour: string; values: number[] }[]): string[] {
  const [left, right, top, bottom] = [x + 80, x + 475, 55, 355];
  const all = series.flatMap((s) => s.values);
  const pad = (Math.max(...all) - Math.min(...all)) * 0.08 || Math.abs(all[0]!) * 0.05 || 0.05;
  const [lo, hi, first] = [Math.min(...all) - pad, Math.max(...all) + pad, epochs[0]!];
  const last = Math.max(first + 1, epochs.at(-1)!);
  const px = (epoch: number): number => left + ((epoch - first) / (last - first)) * (right - left);
  const py = (value: number): number => bottom - ((value - lo) / (hi - lo)) * (bottom - top);
  return [
    text(left, 32, title, 'font-size="18" font-weight="bold"'),
    ...niceTicks(lo, hi).map((t) => `<path d="M${left} ${py(t)}H${right}" stroke="#ddd"/>${text(left - 8, py(t) + 5, t, 'text-anchor="end"')}`),
    ...niceTicks(first, last).filter(Number.isInteger).map((t) => `<path d="M${px(t)} ${top}V${bottom}" stroke="#ddd"/>${text(px(t), bottom + 22, t, 'text-anchor="middle"')}`),
    `<path d="M${left} ${top}V${bottom}H${right}" fill="none" stroke="#222" stroke-width="2"/>`,
    text((left + right) / 2, bottom + 50, 'epoch', 'text-anchor="middle"'),
    text(0, 0, yLabel, `text-anchor="middle" transform="translate(${x + 22} ${(top + bottom) / 2}) rotate(-90)"`),
    ...series.flatMap(({ name, colour, values }, i) => {
      const points = values.map((v, j) => [px(epochs[j]!), py(v)]);
      const legend = right - 115 * (series.length - i);
      const dots = points.map(([cx, cy]) => `<circle cx="${cx}" cy="${cy}" r="4" fill="${colour}"/>`);
      return [`<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5"/>`, ...dots, `<rect x="${legend}" y="20" width="18" height="12" fill="${colour}"/>${text(legend + 24, 31, name)}`];
    }),
  ];
}

/** The chart as an SVG document, 1000 by 420 pixels: loss on the left, validation accuracy on the right. */
export function trainingChart(history: readonly EpochRecord[]): string {
  const epochs = history.map((e) => e.epoch);
  const loss = [{ name: 'training', colour: '#1f77b4', values: history.map((e) => e.trainLoss) }, { name: 'validation', colour: '#ff7f0e', values: history.map((e) => e.valLoss) }];
  const accuracy = [{ name: 'accuracy', colour: '#2ca02c', values: history.map((e) => 100 * e.accuracy) }];
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="420" font-family="DejaVu Sans, sans-serif" font-size="14" fill="#222">',
    '<rect width="1000" height="420" fill="white"/>',
    ...panel(0, 'Loss', 'cross-entropy', epochs, loss),
    ...panel(500, 'Validation accuracy', 'accuracy (%)', epochs, accuracy),
    '</svg>',
  ].join('\n');
}

sharp.cache(false); // one render an epoch: libvips' cache of operations would only hold memory
export function renderChart(history: readonly EpochRecord[]): Promise<Buffer> {
  return sharp(Buffer.from(trainingChart(history))).png().toBuffer();
}
