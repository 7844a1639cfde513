/**
 * imgaug's _IntensityChannelBasedApplier for RGB images and HSV: a one-channel image is processed as
 * it is; a three- (or four-, the fourth kept aside) channel RGB image goes to HSV, its V channel is
 * processed, and the result goes back to RGB. imgaug's other intensity spaces (Lab, HLS) are not
 * implemented here.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { hsvToRgb, rgbToHsv } from './hsv';
import { assertFromRgb } from './uint8-image';

/** Throws unless toColorspace is 'HSV', naming imgaug's default (Lab) that is not implemented. */
export function assertIntensityColorspace(who: string, fromColorspace: unknown, toColorspace: unknown): void {
  assertFromRgb(who, fromColorspace);
  if (toColorspace !== 'HSV') {
    throw new Error(`${who}: only toColorspace 'HSV' is implemented (imgaug's default 'Lab' and 'HLS' are not), got ${JSON.stringify(toColorspace ?? 'Lab')}; pass toColorspace: 'HSV'`);
  }
}

/** images `[H, W, C]` with f applied to their intensity channels (`[H, W, 1]` each, all at once). */
export function onIntensityChannels(images: readonly Tensor[], f: (channels: Tensor[]) => Tensor[]): Tensor[] {
  const hsv = images.map((image) => (image.shape[2] === 1 ? null : rgbToHsv(image.shape[2] === 4 ? image.narrow(2, 0, 3) : image)));
  const processed = f(images.map((image, i) => (hsv[i] === null ? image : hsv[i]!.narrow(2, 2, 1))));
  return images.map((image, i) => {
    if (hsv[i] === null) return processed[i]!;
    const rgb = hsvToRgb(torch.cat([hsv[i]!.narrow(2, 0, 2), processed[i]!], 2));
    return image.shape[2] === 4 ? torch.cat([rgb, image.narrow(2, 3, 1)], 2) : rgb;
  });
}
