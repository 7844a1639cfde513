/** Rows of images of any size and channel count, brought to one size and RGB, as one grid tensor for vision.utils. */
import * as torch from '@x/torch';

const F = torch.vision.transforms.functional;

/** A uint8 HWC (or HW) image as a uint8 CHW RGB tensor of size × size (letterboxed, aspect kept). */
export function tile(img: torch.Tensor, size: number): torch.Tensor {
  let chw = img.dim() === 2 ? img.unsqueeze(0) : img.permute(2, 0, 1);
  if (chw.shape[0] === 1) chw = chw.expand([3, chw.shape[1]!, chw.shape[2]!]);
  const [, h, w] = chw.shape as [number, number, number];
  const scale = size / Math.max(h, w);
  const resized = F.resize(chw.contiguous(), [Math.max(1, Math.round(h * scale)), Math.max(1, Math.round(w * scale))], { antialias: true });
  const [, rh, rw] = resized.shape as [number, number, number];
  const top = Math.floor((size - rh) / 2);
  const left = Math.floor((size - rw) / 2);
  return torch.nn.functional.pad(resized, [left, size - rw - left, top, size - rh - top], 'constant', 0);
}

/** The rows as one [N, 3, size, size] batch for makeGrid with nrow = the longest row (short rows padded with black). */
export function gridBatch(rows: readonly (readonly torch.Tensor[])[], size: number): { batch: torch.Tensor; nrow: number } {
  const nrow = Math.max(...rows.map((r) => r.length));
  const tiles: torch.Tensor[] = [];
  for (const row of rows) {
    for (const img of row) tiles.push(tile(img, size));
    for (let i = row.length; i < nrow; i++) tiles.push(torch.zeros([3, size, size], { dtype: 'uint8' }));
  }
  return { batch: torch.stack(tiles), nrow };
}
