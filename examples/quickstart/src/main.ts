/**
 * The seed's first chapters, line by line: tensors, autograd, and the optimizer walkthrough. Every
 * line printed is the line PyTorch 1.13 prints for the same program (expected.txt, written by
 * tools/gen_quickstart_expected.py; object addresses such as `<PowBackward0 object at 0x…>` aside).
 */
import { autograd } from './autograd';
import { optimizer } from './optimizer';
import { tensors } from './tensors';

tensors();
autograd();
await optimizer();
