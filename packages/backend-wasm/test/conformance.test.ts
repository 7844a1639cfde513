// Every op of @x/tensor against PyTorch's own outputs (packages/tensor/test/fixtures/ops.json), on the
// WASM backend: the same suite, the same tolerances and the same known gaps as the reference backend.
import { createWasmBackend, registerWasmBackend } from '../src/index';
import { runConformance } from '../../tensor/test/conformance/run';

// Loaded asynchronously so the worker threads are up before the first case.
registerWasmBackend(await createWasmBackend({ threads: 2 }));

runConformance('wasm');
