// Every op of @x/tensor against PyTorch's own outputs (packages/tensor/test/fixtures/ops.json) on the
// WebGPU backend, through Dawn (on SwiftShader's Vulkan where there is no GPU). Cases needing float64
// are skipped and counted by the runner (WGSL has no 64-bit floats); without any adapter the whole
// suite is skipped with the reason printed.
import { describe, it } from 'vitest';
import { runConformance } from '../../tensor/test/conformance/run';
import { backend, skipReason } from './gpu';

if (backend) runConformance('webgpu');
else describe.skip(`conformance on webgpu — skipped: ${skipReason}`, () => it('needs a WebGPU adapter', () => {}));
