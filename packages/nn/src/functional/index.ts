/**
 * torch.nn.functional (also torch.nn.functional in @x/torch). Each group lives in its own file;
 * this index only re-exports.
 */
export { pad } from '@x/tensor';
