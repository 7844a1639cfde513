// The side effects of @x/torch: autograd records ops on tensors that require grad, and the WASM
// backend serves 'cpu' (above the reference backend).
import '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';

registerWasmBackend();
