// Convolution and pooling against PyTorch's outputs (packages/tensor/test/fixtures/conv.json) on the
// WASM backend: the same suite and tolerances as the reference backend's.
import { createWasmBackend, registerWasmBackend } from '../src/index';
import { runConvForward } from '../../tensor/test/conv-cases';

// Loaded asynchronously so the worker threads are up before the first case (2 threads: the
// parallel paths of im2col/col2im run too).
registerWasmBackend(await createWasmBackend({ threads: 2 }));

runConvForward('wasm');
