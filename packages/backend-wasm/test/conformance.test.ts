// Every op of @x/tensor against PyTorch's own outputs (@x/tensor's fixtures/ops.json), on the WASM
// backend: the same suite, the same tolerances and the same known gaps as the reference backend.
import * as vitest from 'vitest';
import { runConformance } from '@x/tensor/testing';
import { createWasmBackend, registerWasmBackend } from '../src/index';

// Loaded asynchronously so the worker threads are up before the first case.
runConformance(registerWasmBackend(await createWasmBackend({ threads: 2 })), vitest);
