/** The results plot: the training loss batch by batch, and the validation accuracy of each class; SVG rendered to PNG by sharp. */
import sharp from 'sharp';

export type PlotData = { batchLosses: number[]; classes: readonly string[]; classAccuracy: number[]; accuracy: number };

const text = (x: number, y: number, content: string, attributes = ''): string => `<text x="${x}" y="${y}" ${attributes}>${content}</text>`;
const line = (x1: number, y1: number, x2: number, y2: number, stroke = '#999'): string => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}"/>`;
const [TOP, BOTTOM] = [60, 340];

/** The training loss of every batch, on a y axis from 0 to the largest loss. */
function lossPanel(losses: number[]): string[] {
  const [left, right] = [70, 460];
  const hi = Math.max(...losses, 1e-9) * 1.1;
  const px = (i: number): number => left + (losses.length > 1 ? (i / (losses.length - 1)) * (right - left) : (right - left) / 2);
  const py = (v: number): number => BOTTOM - (v / hi) * (BOTTOM - TOP);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * hi);
  return [
    text(left, 35, 'Training loss per batch', 'font-size="18" font-weight="bold"'),
    ...ticks.flatMap((v) => [line(left, py(v), right, py(v), '#eee'), text(left - 8, py(v) + 5, v.toFixed(2), 'text-anchor="end" font-size="12"')]),
    line(left, BOTTOM, right, BOTTOM, '#333'), line(left, TOP, left, BOTTOM, '#333'),
    text((left + right) / 2, BOTTOM + 35, `batch (${losses.length} in all)`, 'text-anchor="middle"'),
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${losses.map((v, i) => `${px(i).toFixed(1)},${py(v).toFixed(1)}`).join(' ')}"/>`,
  ];
}

/** One bar per class, its validation accuracy in percent, and the overall accuracy as a dashed line. */
function accuracyPanel({ classes, classAccuracy, accuracy }: PlotData): string[] {
  const [left, right] = [570, 960];
  const py = (fraction: number): number => BOTTOM - fraction * (BOTTOM - TOP);
  const slot = (right - left) / classes.length;
  return [
    text(left, 35, `Validation accuracy: ${(100 * accuracy).toFixed(1)} %`, 'font-size="18" font-weight="bold"'),
    ...[0, 0.25, 0.5, 0.75, 1].flatMap((f) => [line(left, py(f), right, py(f), '#eee'), text(left - 8, py(f) + 5, `${100 * f}`, 'text-anchor="end" font-size="12"')]),
    ...classes.flatMap((name, i) => [
      `<rect x="${left + i * slot + slot * 0.15}" y="${py(classAccuracy[i]!)}" width="${slot * 0.7}" height="${BOTTOM - py(classAccuracy[i]!)}" fill="#2ca02c"/>`,
      text(left + (i + 0.5) * slot, BOTTOM + 20, name, 'text-anchor="middle" font-size="13"'),
    ]),
    `<line x1="${left}" y1="${py(accuracy)}" x2="${right}" y2="${py(accuracy)}" stroke="#d62728" stroke-dasharray="6 4" stroke-width="2"/>`,
    line(left, BOTTOM, right, BOTTOM, '#333'), line(left, TOP, left, BOTTOM, '#333'),
  ];
}

export function resultsChart(data: PlotData): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="400" font-family="DejaVu Sans, sans-serif" font-size="14" fill="#222">',
    '<rect width="1000" height="400" fill="white"/>',
    ...lossPanel(data.batchLosses),
    ...accuracyPanel(data),
    '</svg>',
  ].join('\n');
}

export function renderChart(data: PlotData): Promise<Buffer> {
  return sharp(Buffer.from(resultsChart(data))).png().toBuffer();
}
