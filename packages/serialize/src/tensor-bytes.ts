/** A tensor's elements as little-endian bytes in row-major order (half types as their raw 16 bits). */
import type { Tensor } from '@x/tensor';

export async function tensorBytes(t: Tensor): Promise<Uint8Array> {
  t._live();
  // detach: reading for a file must not record anything for autograd.
  const d = t.detach();
  const c = d.contiguous();
  try {
    const raw = await c.backend.read(c.storage.handle, c.dtype, c.offset, c.numel());
    return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  } finally {
    if (c !== d) c.dispose();
    d.dispose();
  }
}
