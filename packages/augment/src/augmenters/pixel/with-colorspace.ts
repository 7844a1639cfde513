/**
 * imgaug's WithColorspace: converts images to another colour space, runs its children on the whole
 * batch (annotations included), and converts the images back.
 */
import type { Batch } from '../../augmentables/batch';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import type { Augmenter, AugmenterOptions } from '../base';
import { ChildrenWrapper } from '../meta/children-wrapper';
import { assertColorspace, changeColorspace, type Colorspace } from './color-spaces';

export interface WithColorspaceOptions extends AugmenterOptions {
  /** The colour space the children see (HSV, YCrCb, BGR, …). */
  toColorspace?: Colorspace;
  /** The images' colour space (default 'RGB'). */
  fromColorspace?: Colorspace;
  children?: Augmenter | readonly Augmenter[] | null;
}

/**
 * Runs children in another colour space.
 *
 * @example
 * new iaa.WithColorspace('HSV', { children: new iaa.WithChannels(0, new iaa.Add([0, 50])) });
 */
export class WithColorspace extends ChildrenWrapper {
  readonly toColorspace: Colorspace;
  readonly fromColorspace: Colorspace;

  constructor(toColorspace?: Colorspace | WithColorspaceOptions, fromColorspace?: Colorspace | WithColorspaceOptions, children?: Augmenter | readonly Augmenter[] | WithColorspaceOptions | null, options?: WithColorspaceOptions) {
    const args = parseArguments('WithColorspace', [toColorspace, fromColorspace, children, options], ['toColorspace', 'fromColorspace', 'children']);
    super(args, args.children);
    assertColorspace(args.toColorspace, 'WithColorspace');
    assertColorspace(args.fromColorspace ?? 'RGB', 'WithColorspace');
    this.toColorspace = args.toColorspace;
    this.fromColorspace = (args.fromColorspace ?? 'RGB') as Colorspace;
  }

  protected augmentBatch_(batch: Batch, _randomState: RandomState, parents: readonly Augmenter[]): Batch {
    if (batch.images !== null) batch.images = batch.images.map((image) => changeColorspace(image, this.toColorspace, this.fromColorspace));
    const out = this.children.augmentBatch(batch, [...parents, this]);
    if (out.images !== null) out.images = out.images.map((image) => changeColorspace(image, this.fromColorspace, this.toColorspace));
    return out;
  }
}
