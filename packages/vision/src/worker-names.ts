/**
 * The classes and functions @x/vision's datasets hold, under flat names: the module DataLoader
 * workers import to find them by name (each dataset registers it on construction), so a vision
 * dataset travels to workers with nothing re-exported by the user.
 */
export { DatasetFolder, ImageFolder } from './datasets/folder';
export { MNIST, FashionMNIST } from './datasets/mnist';
export { CIFAR10, CIFAR100 } from './datasets/cifar';
export { FakeData } from './datasets/fake-data';
export { loadImage } from './io/index';
export * from './transforms/index';
