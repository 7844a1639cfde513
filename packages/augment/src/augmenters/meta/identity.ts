/** imgaug's `iaa.Identity` and `iaa.Noop`: leave everything as it is. */
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';

/**
 * Returns its input unchanged (useful as a branch that does nothing, e.g. in OneOf).
 *
 * @example
 * new iaa.OneOf([new iaa.Identity(), new iaa.Fliplr(1)]);
 */
export class Identity extends Augmenter {
  constructor(options?: AugmenterOptions) {
    super(parseArguments(new.target.name, [options], []));
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  protected augmentBatch_(batch: Batch): Batch {
    return batch;
  }
}

/** Identity under its older imgaug name. */
export class Noop extends Identity {}
