/**
 * What the worker tests load with datasetFromModule: DataLoader worker threads import this module to
 * find the functions the datasets hold (a transform) by name; vision's own classes and its loader
 * they find without help.
 */
import { zeros, type Tensor } from '@x/tensor';
import { datasets, rawImageToTensor, type RawImage } from '../../src/index';

export function toTensor(img: RawImage): Tensor {
  return rawImageToTensor(img);
}

export function imageFolder(root: string): datasets.ImageFolder {
  return new datasets.ImageFolder(root, { transform: toTensor });
}

export function fashionTest(root: string): datasets.FashionMNIST {
  return new datasets.FashionMNIST(root, { train: false, transform: toTensor });
}

/** Which backend computes a dataset's tensors in the thread that reads it. */
export class BackendNames {
  get length(): number {
    return 4;
  }
  getItem(): string {
    return zeros([1]).backend.name;
  }
}
