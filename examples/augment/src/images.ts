/** The sample images: a generated RGB test card (no network, no files) and Fashion-MNIST items. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from '@x/torch';

const DEBIAN = '/usr/share/datasets/fashion-mnist';
/** The subset committed with examples/fashion-mnist, for machines without Debian's package. */
export const SUBSET = fileURLToPath(new URL('../../fashion-mnist/data/fashion-mnist-subset/', import.meta.url));

/**
 * A size×size RGB test card as a uint8 HWC tensor (imgaug's image layout): colour gradients, a
 * checkerboard band (it shows interpolation and blur) and a dark frame with a white cross (it shows
 * where the geometry moved).
 */
export function testCard(height = 128, width = 128): torch.Tensor {
  const y = torch.arange(height).reshape([height, 1]).expand([height, width]).float();
  const x = torch.arange(width).reshape([1, width]).expand([height, width]).float();
  const red = x.mul(255 / Math.max(1, width - 1));
  const green = y.mul(255 / Math.max(1, height - 1));
  const checker = x.div(8).floor().add(y.div(8).floor()).remainder(2).mul(200).add(30);
  const band = y.ge(height * 0.6).logicalAnd(y.lt(height * 0.8));
  const blue = torch.where(band, checker, x.add(y).mul(255 / Math.max(1, width + height - 2)).neg().add(255));
  let card = torch.stack([red, green, blue], 2);
  const frame = x.lt(4).logicalOr(x.ge(width - 4)).logicalOr(y.lt(4)).logicalOr(y.ge(height - 4)).unsqueeze(2);
  const cross = x.sub(width / 2).abs().lt(2).logicalOr(y.sub(height / 2).abs().lt(2)).unsqueeze(2);
  card = torch.where(frame, torch.tensor(20), card);
  card = torch.where(cross, torch.tensor(255), card);
  return card.round().clamp(0, 255).to('uint8');
}

/** The Fashion-MNIST folder: the one given, else Debian's, else the committed subset. */
export function fashionRoot(data: string | null): string {
  if (data !== null) return data;
  return existsSync(join(DEBIAN, 't10k-images-idx3-ubyte.gz')) ? DEBIAN : SUBSET;
}

/** The first test item of each of `classes` as a 28×28 grey uint8 [H, W] tensor, with the class names. */
export function fashionItems(root: string, classes: readonly number[]): { images: torch.Tensor[]; names: string[] } {
  const ds = new torch.vision.datasets.FashionMNIST(root, { train: false });
  const images: torch.Tensor[] = [];
  const names: string[] = [];
  for (const c of classes) {
    const i = (ds.targets.tolist() as number[]).indexOf(c);
    if (i < 0) throw new Error(`no Fashion-MNIST test item of class ${c} in ${root}`);
    images.push(ds.data.select(0, i));
    names.push(ds.classes[c]!);
  }
  return { images, names };
}
