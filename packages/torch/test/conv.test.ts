// Convolution and pooling gradients against PyTorch's (packages/tensor/test/fixtures/conv.json) on
// the WASM backend, with autograd installed by the umbrella (the reference backend runs the same
// suite in packages/autograd/test/conv.test.ts).
import '@x/torch';
import { runConvGradients } from '../../tensor/test/conv-cases';

runConvGradients('wasm');
