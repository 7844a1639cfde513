/**
 * Turns an unpickled PyTorch object into JavaScript values once its storages are loaded: pending
 * tensors become Tensors over the shared storages (so views saved together stay views of one
 * storage), parameters become nn.Parameters where @x/nn registered its class, dtypes become dtype
 * strings, registered classes are rebuilt from their state.
 */
import { Tensor, isFloatingPoint, type Storage } from '@x/tensor';
import { getParameterClass } from './class-registry';
import { SerializationError } from './errors';
import { PythonConverter } from './python-convert';
import { moduleStateFrom } from './module-state';
import { PendingModule, PendingObject, StorageType } from './torch-globals';
import { PendingTensor, StorageRef, TorchDType } from './torch-pending';

export interface MaterializeOptions {
  /**
   * The class to rebuild parameters as (default: the one given to registerParameterClass); null
   * loads them as tensors with requiresGrad.
   */
  parameterClass?: (new (data: Tensor, requiresGrad?: boolean) => Tensor) | null;
}

export function materializeTorch(value: unknown, storages: ReadonlyMap<string, Storage>, options: MaterializeOptions = {}): unknown {
  const Parameter = options.parameterClass === undefined ? getParameterClass() : options.parameterClass;
  const storageOf = (ref: StorageRef): Storage => {
    const s = storages.get(ref.key);
    if (s === undefined) throw new SerializationError(`storage '${ref.key}' was not loaded`);
    return s;
  };
  const tensorOf = (p: PendingTensor): Tensor => {
    if (p.storage === null) {
      // A legacy tensor class (torch.FloatTensor) that BUILD never gave a storage.
      throw new SerializationError('the file holds a tensor without a storage');
    }
    const t = new Tensor(storageOf(p.storage), p.size, p.stride, p.offset + p.storage.viewOffset, p.dtype);
    const requiresGrad = p.parameter ? p.parameterRequiresGrad : p.requiresGrad;
    if (requiresGrad && !isFloatingPoint(p.dtype)) {
      t.dispose();
      throw new SerializationError(`a ${p.dtype} tensor cannot require gradients (only floating-point tensors can)`);
    }
    if (!p.parameter) {
      if (requiresGrad) t.requiresGrad_(true);
      return t;
    }
    if (Parameter === null) {
      t.requiresGrad_(requiresGrad);
      return t;
    }
    const param = new Parameter(t, requiresGrad);
    if (param !== t) t.dispose();
    return param;
  };
  const converter = new PythonConverter((x, convert) => {
    if (x instanceof PendingTensor) return tensorOf(x);
    if (x instanceof StorageRef) return new Tensor(storageOf(x), [x.viewNumel], [1], x.viewOffset, x.dtype);
    if (x instanceof TorchDType) return x.name;
    if (x instanceof StorageType) return x.qualname;
    if (x instanceof PendingObject) return x.codec.fromState(convert(x.state));
    if (x instanceof PendingModule) {
      const state = moduleStateFrom(convert(x.state), x.pythonName);
      try {
        return x.codec.rebuild(x.pythonName, state);
      } catch (e) {
        if (e instanceof SerializationError) throw e;
        throw new SerializationError(`cannot rebuild the pickled ${x.pythonName}: ${(e as Error).message}`);
      }
    }
    if (typeof (x as { qualname?: unknown }).qualname === 'string') return (x as { qualname: string }).qualname;
    if (typeof (x as { code?: unknown }).code === 'string') return (x as { code: string }).code;
    throw new SerializationError(`the file holds an object (${x.constructor?.name ?? 'unknown'}) that cannot be converted`);
  });
  return converter.convert(value);
}
