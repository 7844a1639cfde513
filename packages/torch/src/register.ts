// The side effects of @x/torch: autograd records ops on tensors that require grad, the WASM backend
// serves 'cpu' (above the reference backend), and torch.load rebuilds parameters as nn.Parameter.
import '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { Parameter } from '@x/nn';
import { registerParameterClass } from '@x/serialize';

registerWasmBackend();
registerParameterClass(Parameter);
