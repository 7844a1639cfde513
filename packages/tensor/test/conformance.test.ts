// Every op of @x/tensor against PyTorch's own outputs (test/fixtures/ops.json), on the reference backend.
import { runConformance } from './conformance/run';

runConformance('reference');
