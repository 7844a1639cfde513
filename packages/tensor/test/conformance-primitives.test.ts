// Every op against PyTorch's outputs on a backend whose unary and binary kernels are the primitives
// alone: the op layer composes the others (src/ops/compose.ts), and each composition must meet the
// fixtures within the same tolerances as a kernel.
import * as vitest from 'vitest';
import { PrimitiveReferenceBackend, runConformance } from '@x/tensor/testing';

runConformance(new PrimitiveReferenceBackend(), vitest);
