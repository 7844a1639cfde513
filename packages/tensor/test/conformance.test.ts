// Every op of @x/tensor against PyTorch's own outputs (fixtures/ops.json), on the reference backend.
import * as vitest from 'vitest';
import { runConformance } from '@x/tensor/testing';

runConformance('reference', vitest);
