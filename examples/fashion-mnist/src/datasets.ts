/**
 * The datasets the program trains and validates on, in a module of their own: worker threads
 * (--workers N) import this module to build their copy, as PyTorch's workers unpickle a dataset.
 */
import * as torch from '@x/torch';

const { FashionMNIST } = torch.utils.data;

/** transforms.ToTensor(): a uint8 [28, 28] image to a float32 [1, 28, 28] one in [0, 1]. */
export function toTensor(image: torch.Tensor): torch.Tensor {
  return image.to(torch.float32).div(255).unsqueeze(0);
}

/** One split of Fashion-MNIST read from root, each image through toTensor. */
export function fashionSplit(root: string, train: boolean): InstanceType<typeof FashionMNIST> {
  return new FashionMNIST(root, { train, transform: toTensor });
}
