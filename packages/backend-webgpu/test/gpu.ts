/**
 * The WebGPU device the tests use: Dawn from the `webgpu` package (in CI on SwiftShader's Vulkan,
 * VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json). When no adapter exists, `backend` is
 * null and `skipReason` says why; test files skip with that reason printed.
 */
import { create } from 'webgpu';
import { isAvailable, createWebGPUBackend, registerWebGPUBackend } from '../src/index';
import type { WebGPUBackend } from '../src/index';

const gpu = create([]);

async function setup(): Promise<{ backend: WebGPUBackend | null; skipReason: string }> {
  if (!(await isAvailable(gpu))) {
    return {
      backend: null,
      skipReason: `no WebGPU adapter (Dawn found none; VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? '(unset)'}): install a Vulkan driver, e.g. SwiftShader`,
    };
  }
  const backend = await createWebGPUBackend({ gpu });
  await registerWebGPUBackend({ backend });
  return { backend, skipReason: '' };
}

export const { backend, skipReason } = await setup();
if (!backend) console.warn(`[backend-webgpu tests] SKIPPED: ${skipReason}`);
