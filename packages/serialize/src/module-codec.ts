/**
 * Whole modules (torch.save(model)). PyTorch pickles a module as its class (GLOBAL
 * torch.nn.modules.linear Linear) and its `__dict__` (BUILD): `training`, `_parameters`, `_buffers`,
 * `_modules` and the layer's own settings (`in_features`, `kernel_size`, …). Loading imports that
 * class, which is how a pickle runs code. Here the class name is only looked up in a table of module
 * classes (@x/nn's built-in layers and the classes a program registered with nn.registerModuleClass),
 * and the module is rebuilt from the pickled attributes by code of that table — never by the file.
 *
 * This package does not depend on @x/nn: @x/nn provides the codec, and @x/torch installs it with
 * registerModuleCodec (as it installs nn.Parameter with registerParameterClass).
 */
import type { Tensor } from '@x/tensor';

/** A module's `__dict__` as PyTorch pickles it, taken apart. Maps keep PyTorch's order. */
export interface TorchModuleState {
  training: boolean;
  /** `_parameters`: null where PyTorch holds None (a layer built with bias=False). */
  parameters: Map<string, Tensor | null>;
  /** `_buffers`, null where PyTorch holds None. */
  buffers: Map<string, Tensor | null>;
  /** `_non_persistent_buffers_set`. */
  nonPersistent: Set<string>;
  /** `_modules`, null where PyTorch holds None (torchvision's BasicBlock.downsample). */
  modules: Map<string, object | null>;
  /**
   * The layer's own attributes, with PyTorch's snake_case names, in PyTorch's order. Plain data;
   * when saving, `{ pyTuple: [...] }` marks a tuple and `{ pyFloat: x }` a float (a whole number
   * is otherwise an int). Loaded tuples come as arrays, floats as numbers.
   */
  attributes: Map<string, unknown>;
}

export interface ModuleCodec {
  /** The Python class name to pickle `x` under, or undefined when x is not a module this codec saves. */
  pythonNameOf(x: object): string | undefined;
  /** Whether `x` is a module at all (to say so in errors when its class is unknown). */
  isModule(x: object): boolean;
  /** x's `__dict__` parts; throws naming what cannot be saved. */
  stateOf(x: object): TorchModuleState;
  /** Whether a module of this Python class can be rebuilt. */
  knows(pythonName: string): boolean;
  /** Rebuilds a module of `pythonName` from its pickled state. */
  rebuild(pythonName: string, state: TorchModuleState): object;
}

let codec: ModuleCodec | null = null;

/**
 * Installs the codec of whole modules (@x/torch installs @x/nn's). Without one, saving a module is
 * refused and a pickled module in a file is refused like any other class.
 */
export function registerModuleCodec(c: ModuleCodec | null): void {
  codec = c;
}

export function getModuleCodec(): ModuleCodec | null {
  return codec;
}
