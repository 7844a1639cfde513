// Convolution and pooling against PyTorch's outputs (test/fixtures/conv.json) on the reference
// backend; packages/backend-wasm/test/conv.test.ts runs the same suite on the wasm backend.
import { runConvForward } from './conv-cases';

runConvForward('reference');
