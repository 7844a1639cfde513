// Every op of @x/tensor against PyTorch's own outputs (@x/tensor's fixtures/ops.json) on the
// WebGPU backend, through Dawn (on SwiftShader's Vulkan where there is no GPU). Cases needing float64
// are skipped and counted by the runner (WGSL has no 64-bit floats); without any adapter the whole
// suite is skipped with the reason printed.
import * as vitest from 'vitest';
import { runConformance } from '@x/tensor/testing';
import { backend, skipReason } from './gpu';

if (backend) runConformance(backend, vitest);
else vitest.describe.skip(`conformance on webgpu — skipped: ${skipReason}`, () => vitest.it('needs a WebGPU adapter', () => {}));
