// A device no backend serves fails with the devices that exist and, for known device names, what to
// do; the hints name only packages that exist.
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('a device without a backend', () => {
  it('names the available devices and how to get a WebGPU one', () => {
    expect(() => torch.zeros(2, { device: 'webgpu' })).toThrow(
      /^device 'webgpu' is not available: no backend serves it \(available devices: cpu.*\)\. Register it first: `await registerWebGPUBackend\(\)` from '@x\/backend-webgpu'\.$/,
    );
  });

  it('says that there is no CUDA backend yet, and what to use for a GPU', () => {
    expect(() => torch.zeros(2, { device: 'cuda' })).toThrow(/@x has no CUDA backend yet; for a GPU use 'webgpu'/);
    expect(() => torch.zeros(2, { device: 'cuda:0' })).toThrow(/^device 'cuda:0' is not available/);
  });
});
