// filled by the transforms work
export * as functional from './functional/index';
