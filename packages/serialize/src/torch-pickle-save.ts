/**
 * Pickles an object the way torch.save does (protocol 2): each tensor as
 * `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict())`, its
 * storage as a persistent id ('storage', torch.<Type>Storage, key, location, numel) — one key per
 * storage, so tensors that share a storage share it in the file — parameters wrapped in
 * `_rebuild_parameter`, registered classes by NEWOBJ + BUILD. The result is what PyTorch 1.13's
 * `torch.load(weights_only=True)` reads (floats aside: 1.13's weights-only reader lacks BINFLOAT).
 */
import { Tensor, itemSize, type DType, type Storage } from '@x/tensor';
import { codecForObject, isParameterTensor } from './class-registry';
import { locationOfDevice } from './map-location';
import { dumpValue } from './pickle-dump';
import { OP } from './pickle-opcodes';
import { PickleWriter } from './pickle-writer';
import { DTYPE_STORAGE_CLASS } from './storage-types';

export interface SavedStorage {
  readonly key: string;
  readonly storage: Storage;
  readonly dtype: DType;
  readonly numel: number;
}

export function pickleTorch(obj: unknown): { pickle: Uint8Array; storages: SavedStorage[] } {
  const w = new PickleWriter();
  const storages = new Map<Storage, SavedStorage>();

  const emptyOrderedDict = (): void => {
    w.global('collections', 'OrderedDict');
    w.op(OP.EMPTY_TUPLE);
    w.op(OP.REDUCE);
  };
  const intTuple = (xs: readonly number[]): void => {
    if (xs.length > 3) w.mark();
    for (const x of xs) w.int(x);
    w.tuple(xs.length);
  };
  const tensor = (t: Tensor, requiresGrad: boolean, p: string): void => {
    t._live();
    let saved = storages.get(t.storage);
    if (saved === undefined) {
      saved = { key: String(storages.size), storage: t.storage, dtype: t.dtype, numel: Math.floor(t.storage.byteLength / itemSize(t.dtype)) };
      storages.set(t.storage, saved);
    } else if (saved.dtype !== t.dtype) {
      // PyTorch refuses this too: a storage has one element type in the file.
      throw new TypeError(`cannot save ${p}: Cannot save multiple tensors or storages that view the same data as different types (${saved.dtype} and ${t.dtype})`);
    }
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.mark();
    w.mark();
    w.str('storage');
    w.global('torch', DTYPE_STORAGE_CLASS[t.dtype]);
    w.str(saved.key);
    w.str(locationOfDevice(t.device));
    w.int(saved.numel);
    w.op(OP.TUPLE);
    w.op(OP.BINPERSID);
    w.int(t.offset);
    intTuple(t.shape);
    intTuple(t.strides);
    w.bool(requiresGrad);
    emptyOrderedDict();
    w.op(OP.TUPLE);
    w.op(OP.REDUCE);
  };

  w.proto(2);
  dumpValue(w, obj, {
    reduce(x, _w, dump, p) {
      if (x instanceof Tensor) {
        if (isParameterTensor(x)) {
          // Parameter.__reduce_ex__: _rebuild_parameter(data, requires_grad, OrderedDict()), data saved without grad.
          w.global('torch._utils', '_rebuild_parameter');
          tensor(x, false, p);
          w.bool(x.requiresGrad);
          emptyOrderedDict();
          w.tuple(3);
          w.op(OP.REDUCE);
        } else {
          tensor(x, x.requiresGrad, p);
        }
        w.put(x);
        return true;
      }
      const codec = codecForObject(x);
      if (codec === undefined) return false;
      // copyreg.__newobj__ (protocol 2): cls.__new__(cls), then BUILD with the state.
      const dot = codec.pythonName.lastIndexOf('.');
      w.global(codec.pythonName.slice(0, dot), codec.pythonName.slice(dot + 1));
      w.op(OP.EMPTY_TUPLE);
      w.op(OP.NEWOBJ);
      w.put(x);
      dump(codec.getState(x), `${p} (state of ${codec.pythonName})`);
      w.op(OP.BUILD);
      return true;
    },
  });
  w.stop();
  return { pickle: w.finish(), storages: [...storages.values()] };
}
