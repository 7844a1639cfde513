/**
 * OpenCV's uint8 RGB ↔ HSV conversions (cv2.COLOR_RGB2HSV / COLOR_HSV2RGB, hue in 0–179), which
 * imgaug's colour augmenters go through:
 *
 * - RGB → HSV works in integers with 12-bit fixed-point reciprocal tables; reproduced exactly.
 * - HSV → RGB works in float32 with s and v scaled by 1/255: the sector's v, v(1 − s), v(1 − s·f)
 *   or v(1 − s(1 − f)), ·255 and rounded, OpenCV's scalar formula. OpenCV takes it for the pixels
 *   of a row left over after whole SIMD vectors (32 pixels with AVX2), which compute 1 − s·f as a
 *   fused multiply-add and truncate. So rows narrower than the vector width equal imgaug's but for
 *   values float32 puts within an ulp of .5 (257 of all 11.8 million HSV triples), and the SIMD
 *   lanes of wider rows may differ by 1 (28% of the values in the tests' 40-pixel rows).
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { cvRound } from './cv-round';
import { assertThreeChannelImage } from './uint8-image';

const HSV_SHIFT = 12;
const HUE_RANGE = 180;

/** OpenCV's tables of round((255 << 12) / i) and round((180 << 12) / (6 i)), 0 at i = 0. */
function divisionTables(): { saturation: Tensor; hue: Tensor } {
  const saturation = [0];
  const hue = [0];
  for (let i = 1; i < 256; i++) {
    saturation.push(cvRound((255 << HSV_SHIFT) / i));
    hue.push(cvRound((HUE_RANGE << HSV_SHIFT) / (6 * i)));
  }
  return { saturation: torch.tensor(saturation, { dtype: 'int32' }), hue: torch.tensor(hue, { dtype: 'int32' }) };
}


/** (x·table + 2^11) >> 12, OpenCV's fixed-point division (arithmetic shift: floor). */
function fixedPointScale(x: Tensor, table: Tensor, index: Tensor): Tensor {
  return x.mul(table.take(index.to('int64'))).add(1 << (HSV_SHIFT - 1)).div(1 << HSV_SHIFT, { roundingMode: 'floor' });
}

/**
 * A uint8 RGB image `[H, W, 3]` in OpenCV's HSV: hue 0–179 (degrees / 2), saturation and value 0–255.
 *
 * @example
 * const hsv = rgbToHsv(image);
 */
export function rgbToHsv(image: Tensor): Tensor {
  assertThreeChannelImage(image, 'rgbToHsv');
  const tables = divisionTables();
  const [r, g, b] = image.to('int32').unbind(2) as [Tensor, Tensor, Tensor];
  const v = image.to('int32').amax(2);
  const diff = v.sub(image.to('int32').amin(2));
  const s = fixedPointScale(diff, tables.saturation, v);
  const hueNumerator = torch.where(
    v.eq(r),
    g.sub(b),
    torch.where(v.eq(g), b.sub(r).add(diff.mul(2)), r.sub(g).add(diff.mul(4))),
  );
  const h0 = fixedPointScale(hueNumerator, tables.hue, diff);
  const h = torch.where(h0.lt(0), h0.add(HUE_RANGE), h0);
  return torch.stack([h, s, v], 2).to('uint8');
}

/**
 * An OpenCV HSV image (hue 0–179) back to uint8 RGB.
 *
 * @example
 * const rgb = hsvToRgb(rgbToHsv(image));   // image, up to OpenCV's rounding
 */
export function hsvToRgb(image: Tensor): Tensor {
  assertThreeChannelImage(image, 'hsvToRgb');
  const [h8, s8, v8] = image.to('float32').unbind(2) as [Tensor, Tensor, Tensor];
  const s = s8.mul(1 / 255);
  const v = v8.mul(1 / 255);
  let h = h8.mul(6 / HUE_RANGE);
  h = torch.where(h.ge(6), h.sub(6), h);
  const sector = h.floor();
  const f = h.sub(sector);
  const tabs = [
    v,
    v.mul(s.neg().add(1)),
    v.mul(s.mul(f).neg().add(1)),
    v.mul(s.mul(f.neg().add(1)).neg().add(1)),
  ];
  // For each sector, the tab giving r, g and b (OpenCV's sector_data in RGB order).
  const sectorTabs: [number, number, number][] = [[0, 3, 1], [2, 0, 1], [1, 0, 3], [1, 2, 0], [3, 1, 0], [0, 1, 2]];
  const stacked = torch.stack(tabs, 2);
  const pick = torch.tensor(sectorTabs, { dtype: 'int64' }).indexSelect(0, sector.to('int64').flatten()).reshape([...sector.shape, 3]);
  const rgb = torch.gather(stacked, 2, pick);
  const grey = s.eq(0).unsqueeze(2);
  return torch.where(grey, v.unsqueeze(2).expand(rgb.shape as number[]), rgb).mul(255).round().clamp(0, 255).to('uint8');
}
