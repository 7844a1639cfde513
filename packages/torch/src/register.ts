// The one side effect of @x/torch: the WASM backend serves 'cpu' (above the reference backend).
import { registerWasmBackend } from '@x/backend-wasm';

registerWasmBackend();
