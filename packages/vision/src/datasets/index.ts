/** torchvision.datasets. */
export { VisionDataset } from './vision-dataset';
export type { Transform } from './vision-dataset';
export { DatasetFolder, ImageFolder, IMG_EXTENSIONS, findClasses, makeDataset, hasFileAllowedExtension, isImageFile } from './folder';
export type { DatasetFolderOptions, ImageFolderOptions } from './folder';
export { MNIST, FashionMNIST } from './mnist';
export type { MNISTOptions } from './mnist';
export { FakeData } from './fake-data';
export type { FakeDataOptions } from './fake-data';
export { CIFAR10, CIFAR100 } from './cifar';
export type { CIFAROptions } from './cifar';
