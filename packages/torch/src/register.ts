// The side effects of @x/torch: autograd records ops on tensors that require grad, the WASM backend
// serves 'cpu' (above the reference backend), torch.load rebuilds parameters as nn.Parameter, and
// torch.save / torch.load handle whole @x/nn models (layers and nn.registerModuleClass classes).
import '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { Parameter, moduleCodec } from '@x/nn';
import { registerModuleCodec, registerParameterClass } from '@x/serialize';

registerWasmBackend();
registerParameterClass(Parameter);
registerModuleCodec(moduleCodec);
