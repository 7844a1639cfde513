/** What Sequential and SomeOf share: imgaug makes both Python lists of their children. */
import { AUGMENTABLE_KINDS, type AugmentableKind } from '../../augmentables/batch';
import { Augmenter } from '../base';
import { childrenArray } from './child-array';

export abstract class ChildListAugmenter extends Augmenter {
  children: Augmenter[] = [];

  // A meta augmenter passes every kind on; each child refuses what it cannot handle.
  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  /** Appends a child (imgaug's `list.append` on a Sequential or SomeOf). */
  add(augmenter: Augmenter): this {
    this.children.push(...childrenArray(augmenter, `${this.constructor.name}.add`));
    return this;
  }

  get length(): number {
    return this.children.length;
  }

  [Symbol.iterator](): Iterator<Augmenter> {
    return this.children[Symbol.iterator]();
  }

  override getChildrenLists(): Augmenter[][] {
    return [this.children];
  }

  protected override toDeterministicOne(): this {
    const aug = super.toDeterministicOne();
    aug.children = this.children.map((c) => c.toDeterministic());
    return aug;
  }

  override deepcopy(): this {
    const aug = super.deepcopy();
    aug.children = this.children.map((c) => c.deepcopy());
    return aug;
  }
}
