/**
 * imgaug's WithColorspace: converts images to another colour space, runs its children on the whole
 * batch (annotations included), and converts the images back.
 */
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';
import { handleChildrenList } from '../meta/children';
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
export class WithColorspace extends Augmenter {
  readonly toColorspace: Colorspace;
  readonly fromColorspace: Colorspace;
  children: Augmenter;

  constructor(toColorspace?: Colorspace | WithColorspaceOptions, fromColorspace?: Colorspace | WithColorspaceOptions, children?: Augmenter | readonly Augmenter[] | WithColorspaceOptions | null, options?: WithColorspaceOptions) {
    const args = parseArguments('WithColorspace', [toColorspace, fromColorspace, children, options], ['toColorspace', 'fromColorspace', 'children']);
    super(args);
    assertColorspace(args.toColorspace, 'WithColorspace');
    assertColorspace(args.fromColorspace ?? 'RGB', 'WithColorspace');
    this.toColorspace = args.toColorspace;
    this.fromColorspace = (args.fromColorspace ?? 'RGB') as Colorspace;
    this.children = handleChildrenList(args.children, this.name, 'then', 'sequential')!;
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  protected augmentBatch_(batch: Batch, _randomState: RandomState, parents: readonly Augmenter[]): Batch {
    if (batch.images !== null) batch.images = batch.images.map((image) => changeColorspace(image, this.toColorspace, this.fromColorspace));
    const out = this.children.augmentBatch(batch, [...parents, this]);
    if (out.images !== null) out.images = out.images.map((image) => changeColorspace(image, this.fromColorspace, this.toColorspace));
    return out;
  }

  override getChildrenLists(): Augmenter[][] {
    return [[this.children]];
  }

  protected override toDeterministicOne(): this {
    const aug = super.toDeterministicOne();
    aug.children = this.children.toDeterministic();
    return aug;
  }

  override deepcopy(): this {
    const aug = super.deepcopy();
    aug.children = this.children.deepcopy();
    return aug;
  }

  override getParameters(): unknown[] {
    return [this.children];
  }
}
