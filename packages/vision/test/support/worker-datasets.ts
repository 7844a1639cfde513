/**
 * What the worker tests load with datasetFromModule: DataLoader worker threads import this module to
 * find, by name, the dataset classes and the functions the datasets hold (loader, transforms).
 */
import type { Tensor } from '@x/tensor';
import { datasets, io, rawImageToTensor, type RawImage } from '../../src/index';

export const { ImageFolder, FashionMNIST, CIFAR10, FakeData } = datasets;
export const { loadImage } = io;

export function toTensor(img: RawImage): Tensor {
  return rawImageToTensor(img);
}


export function imageFolder(root: string): InstanceType<typeof ImageFolder> {
  return new ImageFolder(root, { transform: toTensor });
}

export function fashionTest(root: string): InstanceType<typeof FashionMNIST> {
  return new FashionMNIST(root, { train: false, transform: toTensor });
}
