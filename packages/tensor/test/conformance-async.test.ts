// Every op against PyTorch's outputs on a backend that reads only asynchronously and refuses float64
// (the reference kernels behind WebGPU's constraints): the async forms and the dtype skips.
import * as vitest from 'vitest';
import { AsyncReferenceBackend, runConformance } from '@x/tensor/testing';

runConformance(new AsyncReferenceBackend(), vitest);
