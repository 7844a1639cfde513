/**
 * The splits, in plain JavaScript: DataLoader worker threads, which lack tsx's hooks, import it to find the
 * transform. It imports @x/data, not @x/torch, so that a worker starts no WASM thread pool to scale images.
 */
import { FashionMNIST } from '@x/data';

/** transforms.ToTensor(): a uint8 [28, 28] image to a float32 [1, 28, 28] one in [0, 1]. */
export function toTensor(image) {
  return image.to('float32').div(255).unsqueeze(0);
}

export function fashionSplit(root, train) {
  return new FashionMNIST(root, { train, transform: toTensor });
}
