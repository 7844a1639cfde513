import type { FashionMNIST } from '@x/data';
import type { Tensor } from '@x/tensor';

/** transforms.ToTensor(): a uint8 [28, 28] image to a float32 [1, 28, 28] one in [0, 1]. */
export declare function toTensor(image: Tensor): Tensor;
/** One split of Fashion-MNIST read from root, each image through toTensor. */
export declare function fashionSplit(root: string, train: boolean): FashionMNIST;
