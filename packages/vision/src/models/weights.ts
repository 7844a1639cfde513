/**
 * How the builders take `weights` / `pretrained`: a path to a local PyTorch state dict (`.pth`,
 * written by `torch.save(model.state_dict(), path)`), loaded strictly into the built model. Nothing
 * is downloaded, so a torchvision weights name (`'IMAGENET1K_V1'`, `'DEFAULT'`, `pretrained: true`)
 * is refused with an Error that says how to get the file.
 */
import type { Tensor } from '@x/tensor';
import type { Module } from '@x/nn';
import { load } from '@x/serialize';

export interface WeightsOptions {
  /** A path to a local `.pth` state dict; builders given one return a Promise of the loaded model. */
  weights?: string | null;
  /** The older spelling: a path as `weights`; `true` names torchvision's default weights. */
  pretrained?: boolean | string;
  /** torchvision's download progress bar; kept for its signature (nothing is downloaded here). */
  progress?: boolean;
}

/** The options of a builder call that loads weights (it returns a Promise). */
export type WithWeights = { weights: string } | { pretrained: true | string };

/** The weights a builder was asked for: a path, a torchvision weights name, or none. */
export function requestedWeights(options: WeightsOptions): string | null {
  const { weights, pretrained } = options;
  if (weights !== undefined && weights !== null && pretrained !== undefined && pretrained !== false) {
    throw new Error(`pass either weights or pretrained, not both (got weights ${JSON.stringify(weights)} and pretrained ${JSON.stringify(pretrained)})`);
  }
  if (weights !== undefined && weights !== null) {
    if (typeof weights !== 'string') throw new TypeError(`weights: expected a path to a .pth file, got ${typeof weights}`);
    return weights;
  }
  if (pretrained === true) return 'DEFAULT';
  if (typeof pretrained === 'string') return pretrained;
  return null;
}

// torchvision's weight enums: 'IMAGENET1K_V1', 'DEFAULT', 'ResNet18_Weights.IMAGENET1K_V1'.
const WEIGHTS_NAME = /^(\w+_Weights\.)?[A-Z][A-Z0-9_]*$/;

export interface LoadHooks<M extends Module> {
  /** Adapts a loaded state dict to the model's current keys (renames), before the strict load. */
  prepareState?: (state: Record<string, Tensor>) => Record<string, Tensor>;
  /** Adjusts the model once the weights are in (drops a head the file had but the caller did not ask for). */
  afterLoad?: (model: M) => void;
}

/**
 * Builds the model, and when weights were asked for, loads them (a Promise of the model).
 * `builder` and `weightsEnum` (torchvision's, e.g. `ResNet18_Weights`) name them in errors.
 */
export function buildWithWeights<M extends Module>(builder: string, weightsEnum: string, weights: string | null, make: () => M, hooks: LoadHooks<M> = {}): M | Promise<M> {
  if (weights === null) return make();
  if (WEIGHTS_NAME.test(weights)) {
    const name = weights.includes('.') ? weights : `${weightsEnum}.${weights}`;
    return Promise.reject(
      new Error(
        `${builder}: weights ${JSON.stringify(weights)} name torchvision's ${name}, which @x/vision cannot download: ` +
          `download the file (in Python: ${name}.url) and pass its path, e.g. ${builder}({ weights: './${builder}.pth' })`,
      ),
    );
  }
  return (async () => {
    const model = make();
    const state = await load(weights, { mapLocation: 'cpu' });
    if (state === null || typeof state !== 'object' || state instanceof Map) {
      throw new Error(`${builder}: ${weights} does not hold a state dict (a mapping of names to tensors); save one with torch.save(model.state_dict(), path)`);
    }
    const sd = state as Record<string, Tensor>;
    model.loadStateDict(hooks.prepareState ? hooks.prepareState(sd) : sd);
    hooks.afterLoad?.(model);
    return model;
  })();
}
