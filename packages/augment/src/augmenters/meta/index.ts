export { Sequential, type SequentialOptions } from './sequential';
export { SomeOf, OneOf, type SomeOfCount, type SomeOfOptions, type OneOfOptions } from './some-of';
export { Sometimes, type SometimesOptions } from './sometimes';
export { Identity, Noop } from './identity';
export { Lambda, type LambdaFunction, type LambdaOptions } from './lambda';
export { WithChannels, type WithChannelsOptions } from './with-channels';
export { handleChildrenList } from './children';
export { ChildListAugmenter } from './child-list';
