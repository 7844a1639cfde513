/**
 * The sliding-window geometry shared by im2col and col2im: Im2ColParams as two spatial dims (a 1-D
 * geometry is a 2-D one of height 1), as kernel parameters beside the image's and the columns' views.
 */
import { windowGeometry2d as geometry, type Im2ColParams } from '@x/tensor';
import { view, type ParamValues } from '../wgsl/params';
import type { GpuView } from './common';

/**
 * total: invocations; C: channels; (H, W): image size; (OH, OW): windows; (kh, kw): kernel size;
 * (sh, sw): stride; (ph, pw): padding; (dh, dw): dilation. The image's strides are (n, c, h, w), the
 * columns' (n, row, column).
 */
export const WINDOW_PARAMS = {
  total: 'u32', C: 'u32', H: 'u32', W: 'u32', OH: 'u32', OW: 'u32', kh: 'u32', kw: 'u32',
  sh: 'u32', sw: 'u32', ph: 'u32', pw: 'u32', dh: 'u32', dw: 'u32', image: view(4), cols: view(3),
} as const;

/** The image's strides as (n, c, h, w), h's 0 for a 1-D image. */
function imageStrides(image: GpuView, p: Im2ColParams): [number, number, number, number] {
  const s = image.strides;
  return p.inputSize.length === 2 ? [s[0]!, s[1]!, s[2]!, s[3]!] : [s[0]!, s[1]!, 0, s[2]!];
}

export function windowValues(total: number, image: GpuView, cols: GpuView, p: Im2ColParams): ParamValues<typeof WINDOW_PARAMS> {
  const g = geometry(p);
  return {
    total, C: image.shape[1]!, H: g.H, W: g.W, OH: g.OH, OW: g.OW, kh: g.kh, kw: g.kw,
    sh: g.sh, sw: g.sw, ph: g.ph, pw: g.pw, dh: g.dh, dw: g.dw,
    image: { offset: image.offset, strides: imageStrides(image, p) }, cols,
  };
}
