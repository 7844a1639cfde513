/** torchvision.utils: makeGrid, saveImage. */
export { makeGrid } from './make-grid';
export type { MakeGridOptions } from './make-grid';
export { saveImage } from './save-image';
export type { SaveImageOptions } from './save-image';
