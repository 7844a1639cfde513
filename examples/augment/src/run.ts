/**
 * Runs the seed's pipelines on the sample images and writes the grid: each row starts with the
 * input, then four augmented copies (the seed's `aug_seq(images=[img]*4)`).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as torch from '@x/torch';
import { gridBatch } from './grid';
import { fashionItems, fashionRoot, testCard } from './images';
import { differentSizesSequence, integrationSequence, seedSequence } from './pipelines';

export interface RunOptions {
  output: string;
  seed: number;
  data: string | null;
  tile: number;
}

export interface RunResult {
  rows: { name: string; shapes: number[][] }[];
  gridShape: number[];
}

const COPIES = 4;

export async function run(options: RunOptions, log: (line: string) => void = console.log): Promise<RunResult> {
  torch.augment.seed(options.seed); // ia.seed(4)
  const card = testCard();
  const root = fashionRoot(options.data);
  const fashion = fashionItems(root, [0, 7, 9]);
  const rows: { name: string; images: torch.Tensor[] }[] = [];
  const addRow = (name: string, input: torch.Tensor, out: torch.Tensor | torch.Tensor[]): void => {
    const images = Array.isArray(out) ? out : (out.unbind(0) as torch.Tensor[]);
    rows.push({ name, images: [input, ...images] });
  };

  const seq = seedSequence();
  addRow('Affine(rotate=(-25,25)), AdditiveGaussianNoise(scale=(10,60)), Crop(percent=(0,0.2)): test card', card, seq.augmentImages(torch.stack(Array(COPIES).fill(card))));
  for (const [i, item] of fashion.images.entries()) {
    addRow(`the same on Fashion-MNIST ${fashion.names[i]}`, item, seq.augmentImages(torch.stack(Array(COPIES).fill(item))));
  }

  // images_different_sizes: a card, a wide crop of it, and an upscaled Fashion-MNIST item (grey as RGB).
  const wide = card.narrow(0, 16, 64);
  const item = fashion.images[0]!.unsqueeze(2).expand([28, 28, 3]).contiguous();
  const differentSizes = [card, wide, item];
  const diff = differentSizesSequence().augmentImages(differentSizes) as torch.Tensor[];
  rows.push({ name: 'CropAndPad, AddToHueAndSaturation, ElasticTransformation, Cutout in random order, on 3 sizes', images: [...differentSizes, ...diff] });

  const integration = integrationSequence();
  addRow('Fliplr, Flipud, GaussianBlur, MultiplyBrightness (the PyTorch integration)', card, Array.from({ length: COPIES }, () => integration.augmentImage(card)));

  for (const r of rows) log(`${r.name}: ${r.images.map((t) => `[${t.shape.join(', ')}]`).join(' ')}`);
  const { batch, nrow } = gridBatch(rows.map((r) => r.images), options.tile);
  mkdirSync(dirname(options.output), { recursive: true });
  await torch.vision.utils.saveImage(batch.float().div(255), options.output, { nrow, padding: 4, padValue: 1 });
  const grid = torch.vision.utils.makeGrid(batch, { nrow, padding: 4 });
  log(`wrote ${options.output}: ${rows.length} rows of ${nrow}, ${grid.shape[2]}×${grid.shape[1]} pixels (Fashion-MNIST from ${root}, seed ${options.seed})`);
  return { rows: rows.map((r) => ({ name: r.name, shapes: r.images.map((t) => [...t.shape]) })), gridShape: [...grid.shape] };
}
