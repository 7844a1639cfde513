/** Gaussian blur of image tensors, as torchvision's tensor path: a separable kernel, reflect padding, one grouped conv2d. */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import type { Image } from '../../image';
import { pyValue } from '../python-repr';
import { getImageNumChannels, onTensor, workingDType } from './image-tensor';

/** The normalised 1-D Gaussian over kernelSize points centred on 0, in float32. */
function gaussianKernel1d(kernelSize: number, sigma: number): Tensor {
  const half = (kernelSize - 1) * 0.5;
  const x = torch.linspace(-half, half, kernelSize);
  const pdf = torch.exp(x.div(sigma).pow(2).mul(-0.5));
  return pdf.div(pdf.sum());
}

function blurTensor(img: Tensor, kernelSize: [number, number], sigma: [number, number]): Tensor {
  const dtype = workingDType(img);
  const kx = gaussianKernel1d(kernelSize[0], sigma[0]).to(dtype);
  const ky = gaussianKernel1d(kernelSize[1], sigma[1]).to(dtype);
  const kernel = torch.mm(ky.unsqueeze(1), kx.unsqueeze(0));
  const channels = getImageNumChannels(img);
  const weight = kernel.expand([channels, 1, kernelSize[1], kernelSize[0]]);
  const batched = img.dim() < 4;
  let x = (batched ? img.unsqueeze(0) : img).to(dtype);
  const [padX, padY] = [Math.floor(kernelSize[0] / 2), Math.floor(kernelSize[1] / 2)];
  x = torch.pad(x, [padX, padX, padY, padY], 'reflect');
  x = torch.conv2d(x, weight, { groups: channels });
  if (batched) x = x.squeeze(0);
  return img.isFloatingPoint() ? x : torch.round(x).to(img.dtype);
}

/**
 * Blurs with a Gaussian kernel of kernelSize ([kx, ky], or one odd int for both) and sigma ([sx, sy],
 * one number for both; by default 0.3·((k − 1)·0.5 − 1) + 0.8 per axis, i.e. k·0.15 + 0.35).
 *
 * @example
 * F.gaussianBlur(img, [5, 5], [1.5, 1.5]);
 * F.gaussianBlur(img, 3);
 */
export function gaussianBlur<I extends Image>(img: I, kernelSize: number | readonly number[], ...args: torch.Args<[sigma: number | readonly number[] | null], { sigma?: number | readonly number[] | null }>): I {
  const { sigma } = torch.signature('gaussianBlur(float|float[]? sigma=None)').parse<{ sigma: number | number[] | null }>(args);
  if (typeof kernelSize !== 'number' && !Array.isArray(kernelSize)) {
    throw new TypeError(`kernel_size should be int or a sequence of integers. Got ${typeof kernelSize}`);
  }
  const ks = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : [...kernelSize];
  if (ks.length !== 2) throw new RangeError(`If kernel_size is a sequence its length should be 2. Got ${ks.length}`);
  for (const k of ks) {
    if (!Number.isInteger(k) || k % 2 === 0 || k < 0) throw new RangeError(`kernel_size should have odd and positive integers. Got ${pyValue(ks)}`);
  }
  let sg = sigma === null ? ks.map((k) => k * 0.15 + 0.35) : typeof sigma === 'number' ? [sigma, sigma] : [...sigma];
  if (sg.length === 1) sg = [sg[0]!, sg[0]!];
  if (sg.length !== 2) throw new RangeError(`If sigma is a sequence, its length should be 2. Got ${sg.length}`);
  for (const s of sg) {
    if (!(s > 0)) throw new RangeError(`sigma should have positive values. Got ${pyValue(sg)}`);
  }
  return onTensor(img, (t) => blurTensor(t, ks as [number, number], sg as [number, number]));
}
