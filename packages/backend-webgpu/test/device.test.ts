// Finding a device needs no GPU to test: a missing navigator.gpu and an entry point without adapters
// must both give an Error that says what is missing, and isAvailable must answer false without throwing.
import { describe, expect, it } from 'vitest';
import { createWebGPUBackend, isAvailable } from '../src/index';

const noAdapter = { requestAdapter: async () => null };
const throwing = { requestAdapter: async () => { throw new Error('driver crashed'); } };

describe('device acquisition', () => {
  it('isAvailable answers false without throwing', async () => {
    expect(await isAvailable(undefined)).toBe(false);
    expect(await isAvailable(noAdapter)).toBe(false);
    expect(await isAvailable(throwing)).toBe(false);
  });
  it('names what is missing', async () => {
    await expect(createWebGPUBackend()).rejects.toThrow(/navigator\.gpu is missing.*create\(\[\]\)/);
    await expect(createWebGPUBackend({ gpu: noAdapter })).rejects.toThrow(/returned no adapter.*VK_ICD_FILENAMES/);
  });
});
