/**
 * A weights file as a state dict: `.safetensors` (by its header, whatever the name) or a
 * torch.save'd `.pth`, unwrapped from a training checkpoint ('state_dict', 'model',
 * 'state_dict_ema') and with DataParallel's 'module.' prefix removed, as timm's load_state_dict.
 */
import { readFile } from 'node:fs/promises';
import { Tensor } from '@x/tensor';
import { loadFromBuffer, safetensors } from '@x/serialize';

/** A safetensors file starts with its header's length (8 bytes, little-endian) and then '{'. */
function isSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 9) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  return n > 1n && n <= BigInt(bytes.length - 8) && bytes[8] === 0x7b;
}

function asStateDict(obj: unknown, path: string): Record<string, Tensor> {
  let o = obj instanceof Map ? Object.fromEntries(obj) : obj;
  if (o === null || typeof o !== 'object') throw new Error(`${path} does not hold a state dict (a mapping of names to tensors), but ${o === null ? 'None' : typeof o}`);
  for (const key of ['state_dict_ema', 'state_dict', 'model']) {
    const inner = (o as Record<string, unknown>)[key];
    // A checkpoint of a training run holds the weights under one of these keys (timm prefers EMA weights only when asked; here the plain ones).
    if (key !== 'state_dict_ema' && inner !== null && typeof inner === 'object' && !(inner instanceof Tensor)) {
      o = inner instanceof Map ? Object.fromEntries(inner) : inner;
      break;
    }
  }
  const out: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (!(v instanceof Tensor)) continue;
    out[k.startsWith('module.') ? k.slice('module.'.length) : k] = v;
  }
  if (Object.keys(out).length === 0) throw new Error(`${path} holds no tensors: expected a state dict (torch.save(model.state_dict(), path), or a .safetensors file)`);
  return out;
}

export async function readStateDict(path: string): Promise<Record<string, Tensor>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new Error(`cannot read the weights file ${path}: ${(e as Error).message}`);
  }
  try {
    if (isSafetensors(bytes)) return await safetensors.load(bytes);
    return asStateDict(await loadFromBuffer(bytes, { mapLocation: 'cpu' }), path);
  } catch (e) {
    const err = e as Error;
    if (err.message.includes(path)) throw err;
    throw new Error(`${path}: not a readable weights file (.pth or .safetensors): ${err.message}`);
  }
}
