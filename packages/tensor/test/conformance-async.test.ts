// Every op against PyTorch's outputs on a backend that reads only asynchronously and refuses float64
// (the reference kernels behind WebGPU's constraints): the async forms and the dtype skips.
import { registerBackend } from '../src/index';
import { AsyncReferenceBackend } from './async-backend';
import { runConformance } from './conformance/run';

registerBackend(new AsyncReferenceBackend());
runConformance('async-reference');
