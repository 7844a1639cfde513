/** imgaug's `iaa`: the augmenters, and `choice` for explicit choice lists. */
export { Augmenter, type AugmenterOptions, type AugmentInput, type AugmentOutput } from './base';
export { parseArguments } from './arguments';
export { Fliplr, Flipud, type FlipOptions } from './flip';
export { choice } from '../parameters/choice';
export * from './meta/index';
export { Rot90, rot90Array, type Rot90Options } from './rot90';
export { moveCoordinates, type KeypointsFunction } from './coordinates';
export { ALL } from '../parameters/handle';
