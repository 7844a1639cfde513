/** torchvision.utils in browsers: makeGrid (saveImage writes files: Node only; encode a grid with io.encodePng). */
export { makeGrid } from './make-grid';
export type { MakeGridOptions } from './make-grid';
