/**
 * @x/torch: `import * as torch from '@x/torch'` gives PyTorch's torch namespace, with autograd
 * installed and the WASM backend registered as the default 'cpu' device.
 */
import './register';

export * from '@x/tensor';
export { getNumThreads, setNumThreads, threadsReady } from '@x/backend-wasm';
export * as autograd from '@x/autograd';
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from '@x/autograd';
export * as nn from '@x/nn';
export * as utils from './utils';
export { save, load, saveToBuffer, loadFromBuffer, safetensors, SerializationError, UnpicklingError } from '@x/serialize';
export type { SaveOptions, LoadOptions, MapLocation } from '@x/serialize';
export * as optim from '@x/optim';
export * as vision from '@x/vision';
export * as hub from '@x/hub';
export * as augment from '@x/augment';
