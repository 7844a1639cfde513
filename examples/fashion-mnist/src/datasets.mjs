/**
 * The datasets the program trains and validates on, in a module of their own: DataLoader worker
 * threads (--workers N) receive a dataset as it is in the main thread and import this module to find
 * its transform, toTensor, by name, as PyTorch's workers unpickle a dataset. It is plain JavaScript (types in datasets.d.mts) because worker threads do not inherit
 * tsx's TypeScript hooks, and it imports @x/data and @x/tensor rather than @x/torch so that a worker
 * does not start a WASM thread pool of its own just to scale images.
 */
import { FashionMNIST } from '@x/data';

/** transforms.ToTensor(): a uint8 [28, 28] image to a float32 [1, 28, 28] one in [0, 1]. */
export function toTensor(image) {
  return image.to('float32').div(255).unsqueeze(0);
}

/** One split of Fashion-MNIST read from root, each image through toTensor. */
export function fashionSplit(root, train) {
  return new FashionMNIST(root, { train, transform: toTensor });
}
