/**
 * The base of meta augmenters that run one list of children on a changed view of the batch (imgaug's
 * WithChannels, WithColorspace, WithBrightnessChannels): the children as one augmenter (a Sequential for an
 * array), every kind of data passed on, and the children made deterministic and copied along.
 */
import { AUGMENTABLE_KINDS, type AugmentableKind } from '../../augmentables/batch';
import { Augmenter } from '../base';
import { handleChildrenList } from './children';

export abstract class ChildrenWrapper extends Augmenter {
  children: Augmenter;

  /** args as the subclass parsed them; children as given (an augmenter, an array, or nothing). */
  constructor(args: Record<string, unknown>, children: unknown) {
    super(args);
    this.children = handleChildrenList(children, this.name, 'then', 'sequential')!;
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
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
