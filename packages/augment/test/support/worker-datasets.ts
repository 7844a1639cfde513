/**
 * What the worker tests load with datasetFromModule: a dataset whose items are augmentations, so
 * the items tell which random stream each worker drew from.
 */
import { arange, type Tensor } from '@x/tensor';
import { transforms } from '@x/vision';
import { augmenters as iaa, seed } from '../../src/index';

/** 32 tiny images [0, 1] through an augmenter flipping each with probability 0.5: item i is the 0/1 flip pattern. */
export class FlipPatterns {
  readonly augmenter: iaa.Augmenter;

  constructor(
    readonly length: number,
    seed: number | null,
  ) {
    this.augmenter = new iaa.Fliplr(0.5, { seed });
  }

  getItem(): Tensor {
    const images = arange(2).reshape([1, 2, 1]).expand([32, 1, 2, 1]).to('uint8');
    return (this.augmenter.augmentImages(images) as Tensor).select(3, 0).select(2, 0).select(1, 0);
  }
}

export function flipPatterns(length: number, seed: number | null): FlipPatterns {
  return new FlipPatterns(length, seed);
}

/** The seed's `worker_init_fn` (ia.seed per worker), which still works but is no longer needed. */
export function seedPerWorker(workerId: number): void {
  seed(1000 + workerId);
}

/** vision's Compose, exported for the workers to find (vision registers its classes only with its datasets). */
export const Compose = transforms.Compose;

/** The first pixel of a [1, W, 1] image. */
export function firstPixel(t: Tensor): Tensor {
  return t.select(2, 0).select(0, 0).select(0, 0);
}

/** A dataset whose transform is a vision Compose holding an augmenter, as a torchvision pipeline would. */
export class ComposedFlips {
  readonly transform = new transforms.Compose([new iaa.Fliplr(0.5), firstPixel]);

  get length(): number {
    return 8;
  }

  getItem(): Tensor {
    return this.transform.forward<Tensor>(arange(2).reshape([1, 2, 1]).to('uint8'));
  }
}
