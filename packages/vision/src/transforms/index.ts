// filled by the transforms work
export * as functional from './functional/index';
export { ColorJitter } from './color-jitter';
export type { ColorJitterOptions } from './color-jitter';
export { Grayscale, RandomGrayscale } from './grayscale';
export { GaussianBlur } from './gaussian-blur';
export { RandomErasing } from './random-erasing';
export type { RandomErasingOptions } from './random-erasing';
export { RandomInvert, RandomPosterize, RandomSolarize, RandomAdjustSharpness, RandomAutocontrast, RandomEqualize } from './random-color-ops';
