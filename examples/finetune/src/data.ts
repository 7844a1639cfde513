/** The data: four Fashion-MNIST classes written as an ImageFolder of PNGs (root/train/<class>/*.png, root/val/<class>/*.png) with vision.io. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from '@x/torch';

const { datasets, io } = torch.vision;

/** Fashion-MNIST's labels of the four classes, by folder name: four garments that look unlike each other. */
export const CLASSES = { Bag: 8, Dress: 3, Sneaker: 7, Trouser: 1 } as const;

const DEBIAN = '/usr/share/datasets/fashion-mnist';
/** 600 training and 100 test images of each class, committed with the Fashion-MNIST example: the data offline. */
export const SUBSET = fileURLToPath(new URL('../../fashion-mnist/data/fashion-mnist-subset/', import.meta.url));

/** The folder to read Fashion-MNIST from: the one given, else Debian's, else the committed subset. */
export function fashionRoot(data: string | null): string {
  if (data !== null) return data;
  return existsSync(join(DEBIAN, 'train-images-idx3-ubyte.gz')) ? DEBIAN : SUBSET;
}

/** Writes the first `count` images of each class of one split as `<dir>/<class>/<index>.png` (grayscale, 28 x 28). */
async function writeSplit(source: InstanceType<typeof datasets.FashionMNIST>, dir: string, count: number): Promise<void> {
  const labels = source.targets.tolist() as number[];
  for (const [name, label] of Object.entries(CLASSES)) {
    const indices = labels.flatMap((l, i) => (l === label ? [i] : [])).slice(0, count);
    if (indices.length < count) throw new Error(`${source.root}: ${count} images of class ${name} asked for, the split has ${indices.length}`);
    mkdirSync(join(dir, name), { recursive: true });
    for (const i of indices) await io.writePng(source.data.select(0, i).unsqueeze(0), join(dir, name, `${String(i).padStart(5, '0')}.png`));
  }
}

/** Writes the ImageFolder afresh under `root` and returns the train and val folders. */
export async function writeImageFolder(fashion: string, root: string, perClass: number, valPerClass: number): Promise<{ train: string; val: string }> {
  rmSync(root, { recursive: true, force: true });
  const [train, val] = [join(root, 'train'), join(root, 'val')];
  await writeSplit(new datasets.FashionMNIST(fashion, { train: true }), train, perClass);
  await writeSplit(new datasets.FashionMNIST(fashion, { train: false }), val, valPerClass);
  return { train, val };
}
