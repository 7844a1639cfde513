/**
 * The sliding-window geometry shared by im2col and col2im: Im2ColParams as two spatial dims (a 1-D
 * geometry is a 2-D one of height 1), written into meta words 1..14 with the image's strides.
 */
import { windowGeometry2d as geometry, type Im2ColParams, type View } from '@x/tensor';

/** The image's strides as (n, c, h, w), h's 0 for a 1-D image. */
export function imageStrides(image: View, p: Im2ColParams): [number, number, number, number] {
  const s = image.strides;
  return p.inputSize.length === 2 ? [s[0]!, s[1]!, s[2]!, s[3]!] : [s[0]!, s[1]!, 0, s[2]!];
}

/**
 * meta: 0 total, 1 N, 2 C, 3 H, 4 W, 5 OH, 6 OW, 7 kh, 8 kw, 9 sh, 10 sw, 11 ph, 12 pw, 13 dh, 14 dw,
 * 15 image off, 16..19 image strides (n, c, h, w), 20 cols off, 21..23 cols strides, 24, 25 extra.
 */
export function windowMeta(total: number, image: View, cols: View, p: Im2ColParams): Uint32Array {
  const g = geometry(p);
  const words = [
    total, image.shape[0]!, image.shape[1]!, g.H, g.W, g.OH, g.OW, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.dh, g.dw,
    image.offset, ...imageStrides(image, p), cols.offset, cols.strides[0]!, cols.strides[1]!, cols.strides[2]!, 0, 0,
  ];
  return Uint32Array.from(words, (v) => v >>> 0);
}
