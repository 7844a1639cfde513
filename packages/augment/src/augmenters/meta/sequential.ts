/** imgaug's `iaa.Sequential`: children applied one after another, optionally in a random order per batch. */
import type { Batch } from '../../augmentables/batch';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { childrenArray } from './child-array';
import { ChildListAugmenter } from './child-list';

export interface SequentialOptions extends AugmenterOptions {
  children?: Augmenter | readonly Augmenter[] | null;
  /** Whether each batch runs the children in a new random order (default false). */
  randomOrder?: boolean;
}

/**
 * Runs its children in order (or, with randomOrder, in a random order drawn per batch).
 *
 * @example
 * const seq = new iaa.Sequential([new iaa.Fliplr(0.5), new iaa.Flipud(0.2)], { randomOrder: true });
 */
export class Sequential extends ChildListAugmenter {
  readonly randomOrder: boolean;

  constructor(children?: Augmenter | readonly Augmenter[] | SequentialOptions | null, options?: SequentialOptions) {
    const args = parseArguments('Sequential', [children, options], ['children', 'randomOrder']);
    super(args);
    this.children = childrenArray(args.children, 'Sequential');
    const { randomOrder = false } = args;
    if (typeof randomOrder !== 'boolean') throw new Error(`Sequential: expected randomOrder to be a boolean, got ${String(randomOrder)}`);
    this.randomOrder = randomOrder;
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState, parents: readonly Augmenter[]): Batch {
    const order = this.randomOrder ? Array.from(randomState.permutation(this.children.length).numpy() as Int32Array) : this.children.map((_, i) => i);
    let out = batch;
    for (const i of order) out = this.children[i]!.augmentBatch(out, [...parents, this]);
    return out;
  }

  override toString(): string {
    return `Sequential(name=${this.name}, random_order=${this.randomOrder ? 'True' : 'False'}, children=[${this.children.join(', ')}], deterministic=${this.deterministic ? 'True' : 'False'})`;
  }
}
