// The side effects of @x/torch: autograd records ops on tensors that require grad, the WASM backend
// serves 'cpu' (above the reference backend), torch.load rebuilds parameters as nn.Parameter, and
// torch.save / torch.load handle whole @x/nn models (layers and nn.registerModuleClass classes); and
// in a DataLoader worker that imports @x/torch, a workerInitFn sent as source text gets it as `torch`.
import '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { Parameter, moduleCodec } from '@x/nn';
import { registerModuleCodec, registerParameterClass } from '@x/serialize';
import * as tensor from '@x/tensor';
import * as self from './index';

registerWasmBackend();
registerParameterClass(Parameter);
registerModuleCodec(moduleCodec);
// Read when a workerInitFn is rebuilt, long after ./index has loaded (it is still loading now). The
// namespace is put together because a bundle's stand-in for `self` lacks the `export *` of @x/tensor.
let namespace: Record<string, unknown> | undefined;
Object.defineProperty(globalThis, Symbol.for('@x/torch'), { configurable: true, get: () => (namespace ??= { ...tensor, ...self }) });
