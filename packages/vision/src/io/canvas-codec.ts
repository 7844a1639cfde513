/**
 * Decoding and encoding in browsers, through the platform's own decoders: createImageBitmap (no
 * colour-space conversion, alpha not premultiplied) drawn on an OffscreenCanvas, whose RGBA pixels
 * are cut down to the channels the file declares; encoding through OffscreenCanvas.convertToBlob.
 */
import { declaredChannels, isDeepPng } from './image-header';
import { sniffFormat, type ImageFormat, type Pixels } from './pixels';

function platform(): void {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') {
    throw new Error('decoding and encoding images here needs createImageBitmap and OffscreenCanvas (a browser or a web worker); in Node, import @x/vision without the "browser" condition (sharp)');
  }
}

function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D | null;
  if (ctx === null) throw new Error('OffscreenCanvas has no 2d context here');
  return ctx;
}

/** RGBA → the first `channels` of gray / gray+alpha / RGB / RGBA. */
function fromRgba(rgba: Uint8ClampedArray, width: number, height: number, channels: 1 | 2 | 3 | 4): Pixels {
  const n = width * height;
  const data = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const s = i * 4;
    const d = i * channels;
    if (channels <= 2) {
      data[d] = rgba[s]!;
      if (channels === 2) data[d + 1] = rgba[s + 3]!;
    } else {
      data[d] = rgba[s]!;
      data[d + 1] = rgba[s + 1]!;
      data[d + 2] = rgba[s + 2]!;
      if (channels === 4) data[d + 3] = rgba[s + 3]!;
    }
  }
  return { data, width, height, channels };
}

export async function canvasDecode(bytes: Uint8Array, file: string, anyDepth = false): Promise<{ pixels: Pixels; format: string }> {
  platform();
  const format = sniffFormat(bytes);
  if (!anyDepth && format === 'png' && isDeepPng(bytes)) {
    throw new Error(`cannot decode ${file}: it is a ${bytes[24]}-bit PNG: at most 8-bit PNG images are supported (as in torchvision 0.14)`);
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (e) {
    throw new Error(`cannot decode ${file}: the browser could not decode it (${(e as Error).message || String(e)})`);
  }
  const { width, height } = bitmap;
  const ctx = context(new OffscreenCanvas(width, height));
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const channels = format === null ? 4 : declaredChannels(bytes, format) ?? 4;
  return { pixels: fromRgba(rgba, width, height, channels), format: format ?? 'unknown' };
}

export async function canvasEncode(pixels: Pixels, format: ImageFormat, options: { quality?: number }): Promise<Uint8Array> {
  platform();
  const { data, width, height, channels } = pixels;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const gray = channels <= 2;
    rgba[i * 4] = data[s]!;
    rgba[i * 4 + 1] = gray ? data[s]! : data[s + 1]!;
    rgba[i * 4 + 2] = gray ? data[s]! : data[s + 2]!;
    rgba[i * 4 + 3] = channels === 2 ? data[s + 1]! : channels === 4 ? data[s + 3]! : 255;
  }
  const canvas = new OffscreenCanvas(width, height);
  context(canvas).putImageData(new ImageData(rgba, width, height), 0, 0);
  const blob = await canvas.convertToBlob(format === 'png' ? { type: 'image/png' } : { type: 'image/jpeg', quality: (options.quality ?? 75) / 100 });
  return new Uint8Array(await blob.arrayBuffer());
}
