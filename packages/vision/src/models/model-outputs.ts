/**
 * The named tuples Inception v3 and GoogLeNet return in training mode with their auxiliary heads:
 * fields by name (`out.logits`), or destructured in order as in Python (`const [logits, aux] = out`).
 */
import type { Tensor } from '@x/tensor';

export class InceptionOutputs {
  constructor(
    readonly logits: Tensor,
    readonly auxLogits: Tensor | null,
  ) {}

  *[Symbol.iterator](): IterableIterator<Tensor | null> {
    yield this.logits;
    yield this.auxLogits;
  }

  toString(): string {
    return `InceptionOutputs(logits=${String(this.logits)}, aux_logits=${String(this.auxLogits)})`;
  }
}

/** GoogLeNet's: `auxLogits2` comes from its first auxiliary head (`aux1`) and `auxLogits1` from `aux2`, as torchvision's. */
export class GoogLeNetOutputs {
  constructor(
    readonly logits: Tensor,
    readonly auxLogits2: Tensor | null,
    readonly auxLogits1: Tensor | null,
  ) {}

  *[Symbol.iterator](): IterableIterator<Tensor | null> {
    yield this.logits;
    yield this.auxLogits2;
    yield this.auxLogits1;
  }

  toString(): string {
    return `GoogLeNetOutputs(logits=${String(this.logits)}, aux_logits2=${String(this.auxLogits2)}, aux_logits1=${String(this.auxLogits1)})`;
  }
}
